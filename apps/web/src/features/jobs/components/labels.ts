import type { JobStatus } from "@huzhu/contracts";
import dayjs from "dayjs";
import type { TFunction } from "i18next";

/** A job's kind in words; kinds this page does not know yet are "a background job". */
export function jobKindLabel(t: TFunction, kind: string): string {
  // Named per kind with "_" for the kind's dot (a dot in a key would read as nesting).
  if (kind === "member.export") return t("jobs.kind.member_export");
  if (kind === "need.export") return t("jobs.kind.need_export");
  if (kind === "import.validate") return t("jobs.kind.import_validate");
  if (kind === "import.commit") return t("jobs.kind.import_commit");
  if (kind === "import.export") return t("jobs.kind.import_export");
  return t("jobs.kind.other");
}

/**
 * Colours of a status tag: dark text on a pale ground (at least 4.5:1; antd's preset status tags
 * fall short), a hint beside the words, which always say the status.
 */
export const statusColours: Record<JobStatus, { color: string; background: string; borderColor: string }> = {
  queued: { color: "#434343", background: "#fafafa", borderColor: "#d9d9d9" },
  running: { color: "#0842a0", background: "#e6f4ff", borderColor: "#91caff" },
  succeeded: { color: "#135200", background: "#f6ffed", borderColor: "#b7eb8f" },
  failed: { color: "#a8071a", background: "#fff1f0", borderColor: "#ffa39e" },
  cancelled: { color: "#434343", background: "#f0f0f0", borderColor: "#d9d9d9" },
};

export const isUnfinished = (status: JobStatus) => status === "queued" || status === "running";

/** A job's time as the list shows it: date and minute, in the browser's time zone. */
export const jobTime = (iso: string) => dayjs(iso).format("YYYY-MM-DD HH:mm");
