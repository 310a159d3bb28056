#!/usr/bin/env node
// The `huzhu` command. It runs the JavaScript bundle in ../dist/cli/ (scripts/build-cli.mjs, run by
// the root's `prepare` after `npm ci`), so a run does not compile TypeScript. The bundle is used only
// while the sources it was built from are unchanged (its manifest's sizes and times); otherwise it is
// rebuilt first, and if that cannot be done (no esbuild, a read-only install) the TypeScript runs
// through tsx as before. HUZHU_CLI_TSX=1 forces tsx.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(serverDir, "../..");
const bundle = join(serverDir, "dist/cli/huzhu.mjs");

function bundleIsFresh() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(serverDir, "dist/cli/manifest.json"), "utf8"));
    statSync(bundle);
  } catch {
    return false;
  }
  for (const { file, size, mtimeMs } of manifest.sources) {
    try {
      const s = statSync(join(repoRoot, file));
      if (s.size !== size || s.mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function loadMain() {
  if (process.env.HUZHU_CLI_TSX !== "1") {
    let fresh = bundleIsFresh();
    if (!fresh) {
      try {
        const { buildCli } = await import("../scripts/build-cli.mjs");
        await buildCli({ quiet: true });
        fresh = bundleIsFresh();
      } catch {
        fresh = false;
      }
    }
    if (fresh) return (await import(pathToFileURL(bundle).href)).main;
  }
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("../src/cli/main.ts")).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
