import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { notificationQueries, refreshNotifications } from "./queries.ts";

function readUnread(event: Event): number | null {
  try {
    const data: unknown = JSON.parse((event as MessageEvent<string>).data);
    return typeof data === "object" && data !== null && "unread" in data && typeof data.unread === "number"
      ? data.unread
      : null;
  } catch {
    return null;
  }
}

/**
 * Live notifications: the server-sent events of GET /api/notifications/stream (same origin, so
 * the session cookie goes with it). The server sends `notification` events with each new one and
 * then an `unread` event with the count, so the `unread` event is the one to act on: the lists
 * and the home page's to-dos are asked again. Every connection starts with an `unread` event,
 * which only confirms what the page has just loaded, except after a reconnect (EventSource
 * reconnects by itself after a dropped link), when something may have arrived meanwhile.
 */
export function useNotificationStream(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/notifications/stream");
    let opened = false;
    source.addEventListener("unread", (event) => {
      // The first event also catches what arrived between the page's list and the connection.
      const cached = queryClient.getQueryData(notificationQueries.list().queryKey)?.unread;
      if (opened || cached !== readUnread(event)) void refreshNotifications(queryClient);
      opened = true;
    });
    source.addEventListener("error", () => {
      opened = true;
    });
    return () => source.close();
  }, [enabled, queryClient]);
}
