import {
  errorResponses,
  idParam,
  notificationList,
  notificationListQuery,
  notificationStreamQuery,
} from "@huzhu/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { requireActor } from "../../platform/http.ts";
import type { NotificationHub } from "../../platform/notifications.ts";
import { notificationPolicy } from "./notifications.policy.ts";
import { presentNotification } from "./notifications.presenter.ts";
import { notificationsRepository } from "./notifications.repository.ts";

/** Seconds between keep-alive comments on a stream, under the usual 60-second proxy timeouts. */
const KEEP_ALIVE_SECONDS = 25;

export function notificationsRoutes(app: FastifyInstance, db: Kysely<DB>, hub: NotificationHub) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = notificationsRepository(db);
  const tags = ["notifications"];
  const unreadAnswer = z.object({ unread: z.number().int() });
  // Streams never end by themselves: closing the app ends them, or it would wait for ever.
  const openStreams = new Set<() => void>();
  app.addHook("onClose", async () => {
    for (const end of openStreams) end();
  });

  r.get(
    "/api/notifications",
    {
      config: { ability: notificationPolicy.own },
      schema: {
        tags,
        summary: "One's own notifications, newest first, with the unread count",
        querystring: notificationListQuery,
        response: { 200: notificationList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { items, total, unread } = await repo.listOwn(actor.userId, request.query);
      return { items: items.map((row) => presentNotification(row, request.locale)), total, unread };
    },
  );

  r.post(
    "/api/notifications/:id/read",
    {
      // A write: a refused attempt (CSRF, someone else's notification) is recorded under this action.
      config: { ability: notificationPolicy.own, audit: "notification.read" },
      schema: {
        tags,
        summary: "Mark one notification read",
        params: idParam,
        response: { 200: unreadAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!(await repo.existsOwn(actor.userId, request.params.id))) throw notFound("notification");
      await repo.markRead(actor.userId, request.params.id);
      return { unread: await repo.unreadCount(actor.userId) };
    },
  );

  r.post(
    "/api/notifications/read-all",
    {
      // A write: a refused attempt (CSRF, someone else's notification) is recorded under this action.
      config: { ability: notificationPolicy.own, audit: "notification.read" },
      schema: {
        tags,
        summary: "Mark all of one's notifications read",
        response: { 200: unreadAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await repo.markRead(actor.userId, null);
      return { unread: 0 };
    },
  );

  r.get(
    "/api/notifications/stream",
    {
      config: { ability: notificationPolicy.own },
      schema: {
        tags,
        summary: "Server-sent events: `notification` with each new one, `unread` with the count",
        description: "Starts with an `unread` event; sends a comment every 25 s to keep the connection open.",
        querystring: notificationStreamQuery,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      let lastId = request.query.after ?? Number(request.headers["last-event-id"] ?? 0);
      if (!Number.isSafeInteger(lastId) || lastId < 0) lastId = 0;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        // Proxies (nginx) must pass events through at once, not buffer them.
        "x-accel-buffering": "no",
      });
      const send = (event: string, data: unknown, id?: number) => {
        raw.write(`${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      let busy = Promise.resolve();
      const flush = () => {
        // One read at a time, so events keep their order however fast wakes arrive.
        busy = busy
          .then(async () => {
            if (raw.destroyed) return;
            const rows = await repo.newest(actor.userId, lastId);
            for (const row of rows) {
              lastId = Number(row.id);
              send("notification", presentNotification(row, request.locale), row.id);
            }
            send("unread", { unread: await repo.unreadCount(actor.userId) });
          })
          .catch((error: unknown) => request.log.warn({ err: error }, "notification stream"));
      };
      // A fresh stream starts after what the page already listed; a reconnect resumes (Last-Event-ID).
      if (lastId === 0) lastId = await repo.newestId(actor.userId);
      send("unread", { unread: await repo.unreadCount(actor.userId) });
      const unsubscribe = await hub.subscribe(actor.userId, flush);
      const keepAlive = setInterval(() => raw.write(": keep-alive\n\n"), KEEP_ALIVE_SECONDS * 1000);
      const stream = () => raw.end();
      openStreams.add(stream);
      raw.on("close", () => {
        clearInterval(keepAlive);
        unsubscribe();
        openStreams.delete(stream);
      });
    },
  );
}
