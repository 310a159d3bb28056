import { type AuditEntry, type AuditLabels, auditDetailItems } from "@huzhu/contracts";
import { Descriptions, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useAuditLabels } from "./labels.ts";

/** One-line summary of an entry's detail for the table: labelled, ids of organizations by name. */
export function auditSummary(entry: AuditEntry, labels: AuditLabels): string {
  return auditDetailItems(entry, labels)
    .map((item) => `${item.label}: ${item.text}`)
    .join(" · ");
}

/** The detail of an entry (e.g. the reason given for a reveal), as labelled rows. */
export function AuditDetail(props: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const labels = useAuditLabels();
  const items = auditDetailItems(props.entry, labels);
  if (items.length === 0) return <Typography.Text type="secondary">{t("audit.noDetail")}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={items.map((item) => ({
        key: item.key,
        label: item.label,
        children: <span style={{ wordBreak: "break-all" }}>{item.text}</span>,
      }))}
    />
  );
}
