import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./precompress.ts";

// The API server (apps/server) serves dist/ with an SPA fallback at "/"; in development Vite serves
// the app and forwards API calls to a server started separately on port 3000.
const apiTarget = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Village secretaries are often on a weak mobile link: keep chunks cacheable and report sizes.
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/healthz": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/healthz": { target: apiTarget, changeOrigin: false },
    },
  },
});
