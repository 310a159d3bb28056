import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { buildWebIfStale } from "../../scripts/lib.mjs";
import { startServer } from "./server.ts";

/** Every demo account's password in the browser tests' fresh database. */
export const demoPassword = "E2e-Huzhu-2024!";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

/** Builds the web app, starts the server on a fresh data folder with the demo county, and stops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!fs.existsSync("/usr/bin/chromium")) {
    throw new Error(
      "e2e: /usr/bin/chromium is missing; install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk)",
    );
  }
  if ((await buildWebIfStale()) !== 0) throw new Error("e2e: building the web app failed");

  const server = await startServer(demoPassword);
  console.log(`e2e: server ready at ${server.baseUrl} (data in ${server.dataDir})`);
  project.provide("baseUrl", server.baseUrl);
  project.provide("demoPassword", demoPassword);
  return server.stop;
}
