import { CopyOutlined, DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, Flex } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadText } from "./download-text.ts";

/**
 * The recovery codes, shown once: copy them, download them as a .txt, and say they are stored
 * before going on (nobody can show them again; new ones can only be generated with a code).
 */
export function RecoveryCodesPanel(props: { codes: string[]; username: string; doneText: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [stored, setStored] = useState(false);
  const { codes } = props;

  const fileText = () =>
    [
      t("security.recovery.fileHeader", { username: props.username }),
      t("security.recovery.fileNote", { date: dayjs().format("YYYY-MM-DD HH:mm") }),
      "",
      ...codes,
      "",
    ].join("\r\n");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      void message.success(t("security.recovery.copied"));
    } catch {
      // Clipboard refused (permissions, plain http): the codes are on screen and downloadable.
      void message.error(t("security.recovery.copyFailed"));
    }
  };

  return (
    <Flex vertical gap={12} data-testid="recovery-codes">
      <Alert type="warning" showIcon title={t("security.recovery.warning")} description={t("security.recovery.help")} />
      <ol
        aria-label={t("security.recovery.title")}
        style={{
          display: "grid",
          gridTemplateColumns: "repeat(auto-fill, minmax(170px, 1fr))",
          gap: "6px 24px",
          margin: 0,
          padding: 12,
          // Numbers inside each cell: "10." stays within the box whatever the column count.
          listStylePosition: "inside",
          background: "#fafafa",
          border: "1px solid #d9d9d9",
          borderRadius: 6,
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
          fontSize: 16,
        }}
      >
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ol>
      <Flex wrap gap={8}>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="recovery-copy">
          {t("security.recovery.copy")}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => downloadText(`huzhu-recovery-codes-${props.username}.txt`, fileText())}
          data-testid="recovery-download"
        >
          {t("security.recovery.download")}
        </Button>
      </Flex>
      <Checkbox checked={stored} onChange={(e) => setStored(e.target.checked)} data-testid="recovery-stored">
        {t("security.recovery.stored")}
      </Checkbox>
      <div>
        <Button type="primary" disabled={!stored} onClick={props.onDone} data-testid="recovery-done">
          {props.doneText}
        </Button>
      </div>
    </Flex>
  );
}
