import type { FastifyInstance } from "fastify";

/**
 * Work the clock makes due (open needs past their deadline expire, bookings starting tomorrow get
 * their reminder): run once the app is ready, then every `everyMs`, in every process. Each sweep
 * claims its rows with SKIP LOCKED and marks them in the same transaction, so any number of
 * processes may run it and nothing is done twice. A failure is logged and tried again next tick.
 */
export function registerSweep(app: FastifyInstance, name: string, everyMs: number, sweep: () => Promise<unknown>) {
  const run = () => sweep().catch((error: unknown) => app.log.error({ err: error }, `${name} failed`));
  const timer = setInterval(run, everyMs);
  timer.unref();
  app.addHook("onReady", async () => {
    await run();
  });
  app.addHook("onClose", async () => clearInterval(timer));
}
