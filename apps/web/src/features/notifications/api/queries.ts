import type { NotificationList, NotificationListQuery } from "@huzhu/contracts";
import { type QueryClient, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type NotificationListParams = Partial<NotificationListQuery>;

/** GET /api/notifications: one's own, newest first, with the unread count of all of them. */
export function listNotifications(params: NotificationListParams, signal?: AbortSignal): Promise<NotificationList> {
  return api.get<NotificationList>("/api/notifications", { ...params }, signal);
}

export const notificationQueries = {
  all: () => ["notifications"] as const,
  list: (params: NotificationListParams = { pageSize: 20 }) =>
    queryOptions({
      queryKey: [...notificationQueries.all(), "list", params] as const,
      queryFn: ({ signal }) => listNotifications(params, signal),
      // The event stream says when something changed; no polling.
      staleTime: Number.POSITIVE_INFINITY,
    }),
};

/**
 * Something changed in one's notifications (a new one arrived, some were read): every list of
 * them and the home page's to-dos are asked again. The home query is named by its key only, so
 * this feature does not import the home feature.
 */
export function refreshNotifications(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: notificationQueries.all() }),
    queryClient.invalidateQueries({ queryKey: ["home"] }),
  ]).then(() => undefined);
}

/** POST /api/notifications/{id}/read */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ unread: number }>(`/api/notifications/${id}/read`),
    onSettled: () => refreshNotifications(queryClient),
  });
}

/** POST /api/notifications/read-all */
export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ unread: number }>("/api/notifications/read-all"),
    onSettled: () => refreshNotifications(queryClient),
  });
}
