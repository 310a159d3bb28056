import { type AuditEntry, type Role, roles } from "@huzhu/contracts";
import { Descriptions, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

const knownKeys = [
  "field",
  "reason",
  "memberName",
  "username",
  "name",
  "query",
  "role",
  "orgId",
  "assignmentId",
  "fields",
  "filters",
  "rowCount",
  "locale",
] as const;
type KnownKey = (typeof knownKeys)[number];
const isKnownKey = (key: string): key is KnownKey => (knownKeys as readonly string[]).includes(key);

const isRole = (v: string): v is Role => (roles as readonly string[]).includes(v);
const accountFields = ["displayName", "password", "disabled"] as const;
const isAccountField = (v: unknown): v is (typeof accountFields)[number] =>
  typeof v === "string" && (accountFields as readonly string[]).includes(v);

function keyLabel(key: string, t: TFunction): string {
  return isKnownKey(key) ? t(`audit.detailKey.${key}`) : key;
}

function valueText(key: string, value: unknown, t: TFunction): string {
  if (value === null || value === undefined) return t("common.none");
  // A revealed field is recorded by its API name (idNumber, phone); show the field's label.
  if (key === "field" && (value === "idNumber" || value === "phone")) return t(`member.fields.${value}`);
  // Role changes record the role's code; account changes record which fields changed.
  if (key === "role" && typeof value === "string" && isRole(value)) return t(`roles.${value}`);
  if (key === "fields" && Array.isArray(value)) {
    return value.map((f) => (isAccountField(f) ? t(`account.fields.${f}`) : String(f))).join(t("common.listSeparator"));
  }
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** One-line summary of an entry's detail for the table. */
export function auditSummary(entry: AuditEntry, t: TFunction): string {
  return Object.entries(entry.detail)
    .map(([key, value]) => valueText(key, value, t))
    .join(" · ");
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
        label: keyLabel(key, t),
        children: <span style={{ wordBreak: "break-all" }}>{valueText(key, value, t)}</span>,
      }))}
    />
  );
}
