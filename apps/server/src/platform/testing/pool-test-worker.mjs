// A worker for the pool's own tests: echoes, waits for a flag the test raises, reports its thread,
// or allocates until its heap limit kills it. Registers tsx itself, like the real workers.
import { register } from "tsx/esm/api";

register();
const { threadId } = await import("node:worker_threads");
const { serveJobs } = await import("../worker-pool.ts");

serveJobs((request) => {
  switch (request.kind) {
    case "echo":
      return { response: { value: request.value, threadId } };
    case "wait": {
      // Says it started, then waits (in short slices, so terminate() can stop it) for the flag.
      const flags = new Int32Array(request.flags);
      Atomics.add(flags, 1, 1);
      Atomics.notify(flags, 1);
      while (Atomics.load(flags, 0) === 0) Atomics.wait(flags, 0, 0, 20);
      return { response: { value: "released", threadId } };
    }
    case "hog": {
      const hoard = [];
      for (;;) hoard.push(Array.from({ length: 10_000 }, (_, i) => ({ i, s: `item ${i}` })));
    }
    case "throw":
      throw new Error("the job failed on purpose");
    default:
      throw new Error(`unknown test job ${request.kind}`);
  }
});
