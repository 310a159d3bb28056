// Builds the `huzhu` command into plain JavaScript (apps/server/dist/cli/), so that a run starts
// without compiling TypeScript: esbuild bundles src/cli/run.ts with the workspace packages
// (@huzhu/domain, @huzhu/contracts are TypeScript sources) into dist/cli/huzhu.mjs, leaves every other package to
// node_modules, and splits the commands into chunks, so `huzhu pairing solve` loads only the
// solver. A manifest lists the sources with their sizes and modification times; bin/huzhu.mjs
// uses the bundle only while they are unchanged, and falls back to tsx otherwise.
//
// Runs from the root's `prepare` (so after `npm ci` / `npm install`), and from bin/huzhu.mjs when
// the bundle is missing or stale. Usage: node apps/server/scripts/build-cli.mjs [--quiet]
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const cliDistDir = join(serverDir, "dist/cli");
export const manifestFile = join(cliDistDir, "manifest.json");

/**
 * Builds and writes the bundle so that a run going on beside it never sees half of it: chunks have
 * content hashes in their names and are written before the entry and the manifest, which are
 * replaced by renaming; chunks no build references are removed once they are an hour old.
 */
export async function buildCli({ quiet = false } = {}) {
  const started = performance.now();
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: { huzhu: join(serverDir, "src/cli/run.ts") },
    outdir: cliDistDir,
    write: false,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
    metafile: true,
    logLevel: quiet ? "error" : "warning",
    // Only the workspace's own TypeScript is bundled; packages from npm stay in node_modules.
    plugins: [
      {
        name: "external-packages",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith("@huzhu/")) return undefined;
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const repoRoot = resolve(serverDir, "../..");
  const sources = Object.keys(result.metafile.inputs).map((input) => {
    const file = resolve(process.cwd(), input);
    const { size, mtimeMs } = statSync(file);
    return { file: relative(repoRoot, file), size, mtimeMs };
  });
  const chunksDir = join(cliDistDir, "chunks");
  mkdirSync(chunksDir, { recursive: true });
  const replace = (file, contents) => {
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, contents);
    renameSync(tmp, file);
  };
  const current = new Set();
  const last = [];
  for (const out of result.outputFiles) {
    current.add(out.path);
    if (out.path.startsWith(`${chunksDir}/`)) replace(out.path, out.contents);
    else last.push(out);
  }
  for (const out of last) replace(out.path, out.contents);
  replace(manifestFile, `${JSON.stringify({ builtAt: new Date().toISOString(), sources })}\n`);
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(chunksDir)) {
    const file = join(chunksDir, name);
    if (!current.has(file) && statSync(file).mtimeMs < hourAgo) rmSync(file, { force: true });
  }
  if (!quiet) {
    const ms = Math.round(performance.now() - started);
    process.stderr.write(
      `huzhu CLI built into ${relative(process.cwd(), cliDistDir) || "."} (${sources.length} sources, ${ms} ms)\n`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildCli({ quiet: process.argv.includes("--quiet") });
  } catch (error) {
    // Never fail `npm ci` / `npm install` (this is their `prepare`) for it: the command still
    // works, through tsx, and tries to build again on its next run.
    const reason = error instanceof Error ? error.message.split("\n").slice(0, 2).join(" ") : String(error);
    process.stderr.write(`huzhu CLI not built (${reason}); \`huzhu\` will run through tsx until it can be\n`);
  }
}
