import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "server",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Each file starts its own database (PGlite boots a WASM Postgres); on a busy 2-core
    // machine that can take longer than Vitest's 10 s default. Correctness, not speed, is tested here.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
