// Time to first answer of `npm start`: once on an empty data dir (builds the web app if needed,
// migrates, loads the demo county) and once more on the same data dir (a later start).
//
//   node bench/foundation/startup.mjs            (add --rebuild to also time the web build)
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
if (process.argv.includes("--rebuild")) fs.rmSync(path.join(root, "apps/web/dist"), { recursive: true, force: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-startup-"));
const port = 3900 + Math.floor(Math.random() * 90);

async function startOnce(label) {
  const t0 = Date.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HUZHU_DATA_DIR: dataDir, HUZHU_DEMO_PASSWORD: "bench-password-1" },
    stdio: "ignore",
    detached: true,
  });
  for (;;) {
    if (Date.now() - t0 > 180_000) throw new Error("no answer within 180 s");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "coordinator", password: "bench-password-1" }),
      });
      if (res.status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(`${label}: answering with demo accounts usable after ${seconds.toFixed(1)} s`);
  process.kill(-child.pid, "SIGTERM");
  await new Promise((r) => child.on("exit", r));
}

await startOnce("first start (empty data dir)");
await startOnce("later start");
fs.rmSync(dataDir, { recursive: true, force: true });
