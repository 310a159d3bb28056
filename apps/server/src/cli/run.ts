/**
 * Entry of the `huzhu` bundle (scripts/build-cli.mjs → dist/cli/huzhu.mjs): exports `main` for
 * bin/huzhu.mjs, and runs it when the bundle itself is the program (`node dist/cli/huzhu.mjs …`).
 */
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { main } from "./main.ts";

export { main };

function isProgram(): boolean {
  const program = process.argv[1];
  if (!program) return false;
  try {
    return pathToFileURL(realpathSync(program)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isProgram()) process.exitCode = await main(process.argv.slice(2));
