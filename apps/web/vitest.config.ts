import { defineProject } from "vitest/config";

// Unit tests of the web's lib/ and hooks, in happy-dom (no browser needed; the pages themselves are
// covered by the browser tests in e2e/). Part of the root `npx vitest run`.
export default defineProject({
  test: {
    name: "web",
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
