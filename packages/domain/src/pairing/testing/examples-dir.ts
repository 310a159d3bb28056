import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is packages/domain/src/pairing/testing/). */
export const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../../..");

/** The authoritative examples, in ../shared beside the repository (engineers' machines and CI). */
export const sharedExamplesDir = resolve(repoRoot, "../shared/formats/examples");

/**
 * A copy kept in the repository, so that a clone anywhere (a temporary folder, a fresh machine)
 * still tests against the known optima. A test checks it is identical to ../shared when that exists.
 */
export const vendoredExamplesDir = resolve(repoRoot, "packages/domain/src/pairing/testing/examples");

/** Where the examples with known answers are: ../shared when present, else the copy. */
export function pairingExamplesDir(): string {
  const dir = existsSync(join(sharedExamplesDir, "answers.json")) ? sharedExamplesDir : vendoredExamplesDir;
  if (!existsSync(join(dir, "answers.json"))) throw new Error(`pairing examples not found in ${dir}`);
  return dir;
}
