import { defineConfig } from "vitest/config";

// One Vitest run covers the packages and the server. Browser tests (e2e/) have their own config
// because they need a built web app and Chromium; `npm test` runs both.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/server"],
  },
});
