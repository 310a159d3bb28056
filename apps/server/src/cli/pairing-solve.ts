/**
 * `huzhu pairing solve [--explain] FILE|-`: solves a huzhu.pairing.v1 problem and prints the
 * huzhu.pairing-result.v1 JSON (one pair per line, so large answers stay readable and diffable).
 * With --explain the result gets an `explanation` member (huzhu.pairing-explanation.v1).
 * Bad usage or bad input: exit status 2, one line on standard error, nothing on standard output.
 */
import { readFile } from "node:fs/promises";
import {
  type PairingExplanation,
  PairingInputError,
  type PairingResult,
  solvePairing,
  solvePairingExplained,
} from "@huzhu/domain";

const USAGE = "usage: huzhu pairing solve [--explain] FILE|-";

export async function runPairingSolve(args: string[]): Promise<number> {
  let explain = false;
  const files: string[] = [];
  for (const arg of args) {
    if (arg === "--explain") explain = true;
    else if (arg === "--help" || arg === "-h") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith("-") && arg !== "-") return fail(`unknown option ${JSON.stringify(arg)} (${USAGE})`);
    else files.push(arg);
  }
  const file = files[0];
  if (file === undefined || files.length > 1) return fail(USAGE);

  let text: string;
  try {
    text = file === "-" ? await readStandardInput() : await readFile(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`${file}: cannot read (${reason.replace(/\s+/g, " ")})`);
  }

  let output: string;
  try {
    output = explain ? formatExplained(solvePairingExplained(text)) : formatResult(solvePairing(text));
  } catch (error) {
    if (error instanceof PairingInputError) return fail(error.message);
    throw error;
  }
  await write(output);
  return 0;
}

function fail(line: string): number {
  process.stderr.write(`${line}\n`);
  return 2;
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Resolves once the output is handed to the OS, so a pipe gets all of it before the exit code. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** JSON with each element of the big arrays on its own line. */
function lines(items: unknown[]): string {
  return items.length === 0 ? "[]" : `[\n${items.map((item) => JSON.stringify(item)).join(",\n")}\n]`;
}

function header(result: PairingResult): string {
  const { format, covered, assigned, score } = result;
  return JSON.stringify({ format, covered, assigned, score }).slice(0, -1);
}

function formatResult(result: PairingResult): string {
  return `${header(result)},"pairs":${lines(result.pairs)}}\n`;
}

function formatExplained({ result, explanation }: { result: PairingResult; explanation: PairingExplanation }): string {
  return (
    `${header(result)},"pairs":${lines(result.pairs)},\n` +
    `"explanation":{"format":${JSON.stringify(explanation.format)},` +
    `"pairs":${lines(explanation.pairs)},"uncovered":${lines(explanation.uncovered)}}}\n`
  );
}
