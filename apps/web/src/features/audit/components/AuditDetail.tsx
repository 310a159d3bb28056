import type { AuditEntry } from "@huzhu/contracts";
import { Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** The free-form detail of an entry (e.g. the reason given for a reveal), as key–value rows. */
export function AuditDetail(props: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const entries = Object.entries(props.entry.detail);
  if (entries.length === 0) return <Typography.Text type="secondary">{t("audit.noDetail")}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={entries.map(([key, value]) => ({
        key,
        label: key,
        children: <span style={{ wordBreak: "break-all" }}>{show(value)}</span>,
      }))}
    />
  );
}
