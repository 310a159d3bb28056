import { z } from "zod";
import { pageQuery } from "./common.ts";

/** A notification for the signed-in user; `title` is in the caller's language. */
export const notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notification>;

export const notificationList = z.object({
  items: z.array(notification),
  total: z.number().int(),
  /** Unread notifications in all (not only on this page). */
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationList>;

export const notificationListQuery = pageQuery.extend({ unread: z.enum(["true", "false"]).optional() }).strict();
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

/** The notification stream (server-sent events) resumes after the last notification id the client saw. */
export const notificationStreamQuery = z.object({ after: z.coerce.number().int().min(0).optional() }).strict();
