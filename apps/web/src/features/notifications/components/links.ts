/**
 * Where a notification's link leads in the web app. Finished jobs link to "/jobs", which has no
 * page yet: the home page (工作台) lists one's running jobs, so they open it instead.
 */
export function notificationTarget(link: string | null): string | null {
  if (!link?.startsWith("/")) return null;
  if (link === "/jobs" || link.startsWith("/jobs/") || link.startsWith("/jobs?")) return "/";
  return link;
}

/** A notification's time in the UI language: the date and the minute. */
export function formatNotificationTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
