import { defineConfig } from "vitest/config";

// One Vitest run covers the packages, the server, the web's lib/ and hooks (apps/web, happy-dom)
// and the repository's own scripts. Browser tests (e2e/) have their own config because they need a
// built web app and Chromium; `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      "packages/*",
      "apps/server",
      "apps/web",
      { test: { name: "scripts", include: ["scripts/**/*.test.mjs"], environment: "node" } },
    ],
  },
});
