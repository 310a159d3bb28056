// Small helpers shared by scripts/start.mjs and scripts/test.mjs (plain Node, no dependencies,
// because they run before anything else is known to work).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Runs a command with inherited output; resolves to its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", ...options });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry === "node_modules" || entry === "dist") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Builds the web app unless apps/web/dist is newer than every source it is built from. */
export async function buildWebIfStale() {
  const built = path.join(root, "apps/web/dist/index.html");
  const sources = [
    "apps/web/src",
    "apps/web/index.html",
    "apps/web/vite.config.ts",
    "packages/contracts/src",
    "packages/domain/src",
  ];
  const newestSource = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestSource) return 0;
  console.log("huzhu: building the web app (apps/web → apps/web/dist)…");
  // Always a production build: under a test runner NODE_ENV=test would make Vite bundle
  // React's development build.
  return run("npm", ["run", "build", "--silent", "-w", "@huzhu/web"], {
    env: { ...process.env, NODE_ENV: "production" },
  });
}

/** Whether a Debian package is installed. */
export function hasDebPackage(name) {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query format, not a JS template
  const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" });
  return r.status === 0 && r.stdout.includes("install ok installed");
}

/**
 * Installs missing Debian packages (Chromium for browser tests, CJK fonts so Chinese renders in
 * screenshots). Needs root or password-less sudo; says clearly what to do otherwise.
 */
export function ensureDebPackages(packages) {
  const missing = packages.filter((p) => !hasDebPackage(p));
  if (missing.length === 0) return true;
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  // As root run apt-get directly; otherwise only through password-less sudo (never prompt).
  const apt = (args) =>
    spawnSync(asRoot ? "apt-get" : "sudo", asRoot ? args : ["-n", "apt-get", ...args], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  console.log(`huzhu: installing Debian packages: ${missing.join(" ")}`);
  const update = apt(["update", "-qq"]);
  const install = update.status === 0 ? apt(["install", "-y", "-qq", "--no-install-recommends", ...missing]) : update;
  if (update.status !== 0 || install.status !== 0) {
    console.error(`huzhu: could not install ${missing.join(" ")}; run: sudo apt-get install -y ${missing.join(" ")}`);
    return false;
  }
  return true;
}
