import { App, Card, Flex, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { useMe } from "../../../lib/auth/me.ts";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { ChangePasswordForm } from "../components/ChangePasswordForm.tsx";
import { SecondFactorSection } from "../components/SecondFactorSection.tsx";

/** The user menu's two entries land on their own section: #password or #two-factor. */
const securitySections = { password: "password", twoFactor: "two-factor" } as const;

/**
 * 账号安全, open to every signed-in user: 修改密码 and 双因素登录. Both act on one's own account
 * only; administrators reset other people's on the accounts page.
 */
export default function AccountSecurityPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const { data: me } = useMe();
  const phone = useIsPhone();
  const { message } = App.useApp();

  useEffect(() => {
    const section = document.getElementById(hash.slice(1));
    if (!section) return;
    section.scrollIntoView({ block: "start" });
    // Keyboard and screen-reader users start where the menu item said.
    section.focus({ preventScroll: true });
  }, [hash]);

  if (!me) return null;
  // Scrolled to, a section clears the sticky header (64 px).
  const sectionStyle = { outline: "none", scrollMarginTop: 72 };
  const cardStyles = phone ? { header: { paddingInline: 12 }, body: { padding: 12 } } : { body: { padding: 24 } };
  return (
    <Flex vertical gap={phone ? 8 : 16} style={{ maxWidth: 760 }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: phone ? "4px 4px 0" : 0 }}>
        {t("security.title")}
      </Typography.Title>
      <section
        id={securitySections.password}
        tabIndex={-1}
        aria-labelledby="security-password-title"
        style={sectionStyle}
      >
        <Card
          title={
            <h2 id="security-password-title" style={{ fontSize: 16, margin: 0 }}>
              {t("security.changePassword")}
            </h2>
          }
          styles={cardStyles}
        >
          <Typography.Paragraph>{t("security.passwordIntro")}</Typography.Paragraph>
          <ChangePasswordForm
            username={me.user.username}
            currentLabel={t("security.fields.currentPassword")}
            submitText={t("security.changePassword")}
            onChanged={() => void message.success(t("security.passwordChanged"))}
          />
        </Card>
      </section>
      <section
        id={securitySections.twoFactor}
        tabIndex={-1}
        aria-labelledby="security-two-factor-title"
        style={sectionStyle}
      >
        <Card
          title={
            <h2 id="security-two-factor-title" style={{ fontSize: 16, margin: 0 }}>
              {t("security.twoFactor")}
            </h2>
          }
          styles={cardStyles}
        >
          <SecondFactorSection me={me} />
        </Card>
      </section>
    </Flex>
  );
}
