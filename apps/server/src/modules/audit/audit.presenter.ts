import type { AuditEntry } from "@huzhu/contracts";
import { type AuditNames, type AuditRow, orgIdDetailKeys } from "./audit.repository.ts";

const asDetail = (row: AuditRow) => (row.detail ?? {}) as Record<string, unknown>;

/** The ids a set of records names: organizations (target, detail, an export's organization filter) and accounts. */
export function auditRefs(rows: readonly AuditRow[]): { orgIds: string[]; userIds: string[] } {
  const orgIds: string[] = [];
  const userIds: string[] = [];
  for (const row of rows) {
    if (row.target_id !== null && row.target_type === "organization") orgIds.push(row.target_id);
    if (row.target_id !== null && row.target_type === "user") userIds.push(row.target_id);
    const detail = asDetail(row);
    for (const key of orgIdDetailKeys) if (typeof detail[key] === "number") orgIds.push(String(detail[key]));
    const filters = detail.filters as Record<string, unknown> | undefined;
    if (typeof filters?.orgId === "number") orgIds.push(String(filters.orgId));
  }
  return { orgIds, userIds };
}

/**
 * A record as the auditor reads it: organizations and accounts by name (and an organization's
 * path), members by id only. The detail is passed through: it holds ids, codes and field names
 * by construction (auditDetail), and the web labels them.
 */
export function presentAuditEntry(row: AuditRow, names: AuditNames): AuditEntry {
  const detail = asDetail(row);
  const org = row.target_type === "organization" && row.target_id ? names.orgs.get(row.target_id) : undefined;
  const user = row.target_type === "user" && row.target_id ? names.users.get(row.target_id) : undefined;
  const orgs: AuditEntry["orgs"] = {};
  for (const key of [...orgIdDetailKeys, "filters"] as const) {
    const value = key === "filters" ? (detail.filters as Record<string, unknown> | undefined)?.orgId : detail[key];
    const ref = typeof value === "number" ? names.orgs.get(String(value)) : undefined;
    if (ref) orgs[String(value)] = ref;
  }
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    ip: row.ip,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: org?.name ?? user ?? null,
    targetPath: org?.path ?? [],
    result: row.result as AuditEntry["result"],
    detail,
    orgs,
  };
}
