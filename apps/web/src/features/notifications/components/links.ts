/**
 * Where a notification's link leads in the web app: the path it names. A finished job links to
 * "/jobs?id=<job>", 我的任务 with that job marked (older notifications to the list, "/jobs").
 */
export function notificationTarget(link: string | null): string | null {
  if (!link?.startsWith("/")) return null;
  return link;
}

/** A notification's time in the UI language: the date and the minute. */
export function formatNotificationTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
