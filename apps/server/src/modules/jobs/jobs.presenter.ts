import type { Job, Locale } from "@huzhu/contracts";
import { translate } from "../../platform/i18n.ts";
import type { JobRow } from "../../platform/jobs.ts";

/** Row → DTO: the message localized, and the download address once there is a file. */
export function presentJob(row: JobRow, locale: Locale): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: Number(row.progress),
    ...(row.message ? { message: translate(locale, row.message, row.message_params ?? {}) } : {}),
    ...(row.has_file && row.status === "succeeded" ? { resultUrl: `/api/jobs/${row.id}/result` } : {}),
    ...(row.result ? { result: row.result } : {}),
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}
