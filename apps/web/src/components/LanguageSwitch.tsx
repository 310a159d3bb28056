import { GlobalOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { isLanguage, languages } from "../lib/i18n/index.ts";
import { useLanguage } from "../lib/i18n/LanguageProvider.tsx";

/** 简体中文 / 繁體中文 / English; the choice is kept on this device. */
export function LanguageSwitch(props: { compact?: boolean }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: languages.map((lang) => ({ key: lang, label: t(`lang.${lang}`), "data-testid": `lang-${lang}` })),
        onClick: ({ key }) => {
          if (isLanguage(key)) void setLanguage(key);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t("lang.label")} data-testid="language-switch">
        {props.compact ? null : t(`lang.${language}`)}
      </Button>
    </Dropdown>
  );
}
