/**
 * The `huzhu pairing solve` command, run as a user runs it (node + the bin, from the repository
 * root): exit status, and the stdout/stderr contract.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { solvePairing, solvePairingExplained } from "./session.ts";
import { pairingExamplesDir, repoRoot } from "./testing/examples-dir.ts";

const bin = join(repoRoot, "apps/server/bin/huzhu.mjs");
const bundle = join(repoRoot, "apps/server/dist/cli/huzhu.mjs");
const examplesDir = pairingExamplesDir();
const example = (name: string) => join(examplesDir, name);

// Each run starts node and the CLI bundle (or tsx, when the bundle cannot be built): ~1 s on a loaded machine.
const CLI_TIMEOUT = 60_000;

function run(
  args: string[],
  input?: string,
  env: NodeJS.ProcessEnv = process.env,
  program: string = bin,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [program, ...args], { cwd: repoRoot, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", fail);
    child.on("close", (status) => done({ status, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

function expectOneErrorLine(out: { status: number | null; stdout: string; stderr: string }, line: string | RegExp) {
  expect(out.status).toBe(2);
  expect(out.stdout).toBe("");
  expect(out.stderr.endsWith("\n")).toBe(true);
  expect(out.stderr.split("\n")).toHaveLength(2);
  if (typeof line === "string") expect(out.stderr).toBe(`${line}\n`);
  else expect(out.stderr.trimEnd()).toMatch(line);
}

describe("huzhu pairing solve", () => {
  it(
    "is built into JavaScript, and the bundle, the command and tsx give the same answer",
    async () => {
      const build = await run([], undefined, process.env, join(repoRoot, "apps/server/scripts/build-cli.mjs"));
      expect(build.status).toBe(0);
      expect(build.stderr).toMatch(/^huzhu CLI built into /);
      const file = example("11-longyan-city.json");
      const bundled = await run(["pairing", "solve", file], undefined, process.env, bundle);
      expect(bundled.status).toBe(0);
      const viaBin = await run(["pairing", "solve", file]);
      const viaTsx = await run(["pairing", "solve", file], undefined, { ...process.env, HUZHU_CLI_TSX: "1" });
      expect(viaBin.stdout).toBe(bundled.stdout);
      expect(viaTsx.stdout).toBe(bundled.stdout);
      expect(JSON.parse(bundled.stdout)).toMatchObject({ covered: 1336, assigned: 1349, score: 9755784 });
    },
    CLI_TIMEOUT,
  );

  it(
    "prints the result of a problem file and exits 0",
    async () => {
      const out = await run(["pairing", "solve", example("02-many-and-one.json")]);
      expect(out.stderr).toBe("");
      expect(out.status).toBe(0);
      expect(JSON.parse(out.stdout)).toEqual(solvePairing(readFileSync(example("02-many-and-one.json"), "utf8")));
    },
    CLI_TIMEOUT,
  );

  it(
    "reads standard input for -",
    async () => {
      const text = readFileSync(example("11-longyan-city.json"), "utf8");
      const out = await run(["pairing", "solve", "-"], text);
      expect(out.status).toBe(0);
      expect(JSON.parse(out.stdout)).toMatchObject({ covered: 1336, assigned: 1349, score: 9755784 });
    },
    CLI_TIMEOUT,
  );

  it(
    "adds the explanation with --explain",
    async () => {
      const out = await run(["pairing", "solve", "--explain", example("03-locked-and-forbidden.json")]);
      expect(out.status).toBe(0);
      const { result, explanation } = solvePairingExplained(
        readFileSync(example("03-locked-and-forbidden.json"), "utf8"),
      );
      expect(JSON.parse(out.stdout)).toEqual({ ...result, explanation });
    },
    CLI_TIMEOUT,
  );

  it(
    "exits 2 with one line for text that is not JSON",
    async () => {
      expectOneErrorLine(await run(["pairing", "solve", "-"], '{"format": '), /^input: not JSON \(.+\)$/);
    },
    CLI_TIMEOUT,
  );

  it(
    "exits 2 with the format's one-line error for a bad problem",
    async () => {
      const problem = {
        format: "huzhu.pairing.v1",
        recipients: [{ id: "r1", demand: 1 }],
        helpers: [{ id: "h1", capacity: 1 }],
        candidates: [{ helper: "h9", recipient: "r1", score: 1 }],
      };
      expectOneErrorLine(
        await run(["pairing", "solve", "-"], JSON.stringify(problem)),
        'candidates[0]: unknown helper "h9"',
      );
    },
    CLI_TIMEOUT,
  );

  it(
    "exits 2 with one line for a file it cannot read, or bad usage",
    async () => {
      const [missing, none, option, two] = await Promise.all([
        run(["pairing", "solve", "/nonexistent/problem.json"]),
        run(["pairing", "solve"]),
        run(["pairing", "solve", "--fast", example("01-coverage-first.json")]),
        run(["pairing", "solve", example("01-coverage-first.json"), example("02-many-and-one.json")]),
      ]);
      expectOneErrorLine(missing, /^\/nonexistent\/problem\.json: cannot read \(ENOENT.*\)$/);
      expectOneErrorLine(none, "usage: huzhu pairing solve [--explain] FILE|-");
      expectOneErrorLine(option, 'unknown option "--fast" (usage: huzhu pairing solve [--explain] FILE|-)');
      expectOneErrorLine(two, "usage: huzhu pairing solve [--explain] FILE|-");
    },
    CLI_TIMEOUT,
  );
});
