import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: the built web app served by the real server on a fresh embedded database, driven
// through Debian's Chromium. Run with `npx vitest run --config e2e/vitest.config.ts`.
export default defineConfig({
  test: {
    name: "e2e",
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["**/*.e2e.test.ts"],
    globalSetup: ["./support/global-setup.ts"],
    // One browser, one server, scenarios in order (the auditor looks for the coordinator's reveal).
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 30_000,
    // Two shared CPU cores: give the page time to settle before an expectation gives up.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
