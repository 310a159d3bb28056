// Worker entry, in plain JavaScript so that Node can start it without a loader: the server runs
// TypeScript through tsx (no build step), and a worker started with `execArgv: []` (so it does not
// depend on how its parent was started, e.g. under Vitest) must register tsx itself.
import { register } from "tsx/esm/api";

register();
await import("./solve-worker.ts");
