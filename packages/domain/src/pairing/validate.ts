/**
 * Validation of `huzhu.pairing.v1` problems, and their translation into a compact, canonical form:
 * ids become ranks in string order and candidates are sorted by (recipient, helper), so the solver
 * works on typed arrays, its answer does not depend on the order of the input lists, and the
 * result comes out already in the order the format prescribes.
 *
 * Every error is one line, `where: what` (e.g. `candidates[41]: unknown helper "h9"`), because the
 * command line prints it as is and a coordinator must be able to find the entry to fix.
 */
import { MAX_SCORE, PAIRING_FORMAT } from "./types.ts";

export class PairingInputError extends Error {
  /** The place in the problem, e.g. `candidates[41]` or `recipients[3].demand`. */
  readonly where: string;
  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = "PairingInputError";
    this.where = where;
  }
}

/** A validated problem in canonical order. Ranks index `recipientIds` and `helperIds`. */
export interface CompiledPairing {
  /** Recipient ids in string order; a recipient's rank is its index here. */
  recipientIds: string[];
  demand: Float64Array;
  helperIds: string[];
  capacity: Float64Array;
  /** Candidates sorted by (recipient rank, helper rank). */
  arcHelper: Int32Array;
  arcRecipient: Int32Array;
  arcScore: Int32Array;
  /** The candidates of recipient r are arcs recipientFirstArc[r] .. recipientFirstArc[r + 1] - 1. */
  recipientFirstArc: Int32Array;
  /** 1 where the candidate is locked / forbidden (forbidden pairs that are not candidates vanish). */
  locked: Uint8Array;
  forbidden: Uint8Array;
}

/** Parses JSON text (a leading byte-order mark is ignored) and validates it. */
export function parsePairingProblem(text: string): CompiledPairing {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PairingInputError("input", `not JSON (${oneLine(reason)})`);
  }
  return compilePairingProblem(value);
}

/** Validates a parsed problem; throws PairingInputError naming the first problem found. */
export function compilePairingProblem(value: unknown): CompiledPairing {
  if (!isRecord(value)) throw new PairingInputError("input", `expected a JSON object, got ${describe(value)}`);
  if (value.format !== PAIRING_FORMAT) {
    throw new PairingInputError("format", expected(JSON.stringify(PAIRING_FORMAT), value.format));
  }
  const recipients = readEntities(value.recipients, "recipients", "demand");
  const helpers = readEntities(value.helpers, "helpers", "capacity");
  const candidates = readCandidates(value.candidates, recipients, helpers);
  const compiled: CompiledPairing = {
    recipientIds: recipients.ids,
    demand: recipients.limits,
    helperIds: helpers.ids,
    capacity: helpers.limits,
    ...candidates,
    locked: new Uint8Array(candidates.arcScore.length),
    forbidden: new Uint8Array(candidates.arcScore.length),
  };
  const locks = readPairList(value.locked, "locked", compiled, recipients, helpers);
  const forbids = readPairList(value.forbidden, "forbidden", compiled, recipients, helpers);
  const forbiddenAt = new Map<number, number>();
  for (let i = 0; i < forbids.length; i++) {
    const arc = forbids[i] as number;
    if (arc < 0) continue; // a forbidden pair that is not a candidate changes nothing
    compiled.forbidden[arc] = 1;
    if (!forbiddenAt.has(arc)) forbiddenAt.set(arc, i);
  }
  const helperLocks = new Float64Array(helpers.ids.length);
  const recipientLocks = new Float64Array(recipients.ids.length);
  for (let i = 0; i < locks.length; i++) {
    const arc = locks[i] as number;
    const h = compiled.arcHelper[arc] as number;
    const r = compiled.arcRecipient[arc] as number;
    const also = forbiddenAt.get(arc);
    if (also !== undefined) {
      throw new PairingInputError(`locked[${i}]`, `${pairText(compiled, arc)} is also forbidden (forbidden[${also}])`);
    }
    if (compiled.locked[arc] === 1) continue; // the same lock twice is still one pair
    compiled.locked[arc] = 1;
    helperLocks[h] = (helperLocks[h] as number) + 1;
    recipientLocks[r] = (recipientLocks[r] as number) + 1;
    const capacity = compiled.capacity[h] as number;
    if ((helperLocks[h] as number) > capacity) {
      throw new PairingInputError(
        `locked[${i}]`,
        `helper ${q(compiled.helperIds[h])} has ${helperLocks[h]} locked pairs, more than its capacity ${capacity}`,
      );
    }
    const demand = compiled.demand[r] as number;
    if ((recipientLocks[r] as number) > demand) {
      throw new PairingInputError(
        `locked[${i}]`,
        `recipient ${q(compiled.recipientIds[r])} has ${recipientLocks[r]} locked pairs, more than its demand ${demand}`,
      );
    }
  }
  return compiled;
}

/** The arc of candidate (helper rank h, recipient rank r), or -1. */
export function findArc(problem: CompiledPairing, h: number, r: number): number {
  let lo = problem.recipientFirstArc[r] as number;
  let hi = (problem.recipientFirstArc[r + 1] as number) - 1;
  const helperOf = problem.arcHelper;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = helperOf[mid] as number;
    if (x === h) return mid;
    if (x < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function pairText(problem: CompiledPairing, arc: number): string {
  return `pair (helper ${q(problem.helperIds[problem.arcHelper[arc] as number])}, recipient ${q(
    problem.recipientIds[problem.arcRecipient[arc] as number],
  )})`;
}

interface Entities {
  ids: string[];
  limits: Float64Array;
  rankOf: Map<string, number>;
}

function readEntities(list: unknown, name: "recipients" | "helpers", limitKey: "demand" | "capacity"): Entities {
  if (!Array.isArray(list)) throw new PairingInputError(name, expected("an array", list));
  const firstIndex = new Map<string, number>();
  const raw: string[] = new Array(list.length);
  const rawLimits = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRecord(entry)) throw new PairingInputError(`${name}[${i}]`, expected("an object", entry));
    const id = entry.id;
    if (typeof id !== "string" || id.length === 0) {
      throw new PairingInputError(`${name}[${i}].id`, expected("a non-empty string", id));
    }
    const earlier = firstIndex.get(id);
    if (earlier !== undefined)
      throw new PairingInputError(`${name}[${i}].id`, `duplicate id ${q(id)} (also ${name}[${earlier}])`);
    firstIndex.set(id, i);
    const limit = entry[limitKey];
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
      throw new PairingInputError(`${name}[${i}].${limitKey}`, expected("an integer >= 1", limit));
    }
    raw[i] = id;
    rawLimits[i] = limit;
  }
  // Ranks in plain string order (not localeCompare), so the result order is the format's.
  const order = Array.from(raw.keys()).sort((a, b) => {
    const x = raw[a] as string;
    const y = raw[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const ids: string[] = new Array(order.length);
  const limits = new Float64Array(order.length);
  const rankOf = new Map<string, number>();
  for (let rank = 0; rank < order.length; rank++) {
    const i = order[rank] as number;
    const id = raw[i] as string;
    ids[rank] = id;
    limits[rank] = rawLimits[i] as number;
    rankOf.set(id, rank);
  }
  return { ids, limits, rankOf };
}

interface Candidates {
  arcHelper: Int32Array;
  arcRecipient: Int32Array;
  arcScore: Int32Array;
  recipientFirstArc: Int32Array;
}

function readCandidates(list: unknown, recipients: Entities, helpers: Entities): Candidates {
  if (!Array.isArray(list)) throw new PairingInputError("candidates", expected("an array", list));
  const n = list.length;
  const helperOf = new Int32Array(n);
  const recipientOf = new Int32Array(n);
  const scoreOf = new Int32Array(n);
  // Check entries one by one; on the first bad one, still look for a duplicate pair before it, so
  // the error reported is always the earliest in the file.
  let bad: PairingInputError | null = null;
  let valid = 0;
  for (; valid < n; valid++) {
    const where = `candidates[${valid}]`;
    const entry: unknown = list[valid];
    if (!isRecord(entry)) {
      bad = new PairingInputError(where, expected("an object", entry));
      break;
    }
    const helper = entry.helper;
    if (typeof helper !== "string") {
      bad = new PairingInputError(`${where}.helper`, expected("a string", helper));
      break;
    }
    const h = helpers.rankOf.get(helper);
    if (h === undefined) {
      bad = new PairingInputError(where, `unknown helper ${q(helper)}`);
      break;
    }
    const recipient = entry.recipient;
    if (typeof recipient !== "string") {
      bad = new PairingInputError(`${where}.recipient`, expected("a string", recipient));
      break;
    }
    const r = recipients.rankOf.get(recipient);
    if (r === undefined) {
      bad = new PairingInputError(where, `unknown recipient ${q(recipient)}`);
      break;
    }
    const score = entry.score;
    if (typeof score !== "number" || !Number.isInteger(score) || score < 0 || score > MAX_SCORE) {
      bad = new PairingInputError(`${where}.score`, expected(`an integer from 0 to ${MAX_SCORE}`, score));
      break;
    }
    helperOf[valid] = h;
    recipientOf[valid] = r;
    scoreOf[valid] = score;
  }
  const order = sortPairs(helperOf, recipientOf, valid, helpers.ids.length, recipients.ids.length);
  // Duplicates are neighbours after the sort, and each group keeps input order (the sort is stable).
  let duplicate = -1;
  let original = -1;
  for (let k = 1; k < valid; k++) {
    const a = order[k - 1] as number;
    const b = order[k] as number;
    if (helperOf[a] === helperOf[b] && recipientOf[a] === recipientOf[b] && (duplicate < 0 || b < duplicate)) {
      let first = k - 1;
      while (first > 0) {
        const c = order[first - 1] as number;
        if (helperOf[c] !== helperOf[b] || recipientOf[c] !== recipientOf[b]) break;
        first--;
      }
      duplicate = b;
      original = order[first] as number;
    }
  }
  if (duplicate >= 0) {
    throw new PairingInputError(
      `candidates[${duplicate}]`,
      `duplicate pair (helper ${q(helpers.ids[helperOf[duplicate] as number])}, recipient ${q(
        recipients.ids[recipientOf[duplicate] as number],
      )}), also candidates[${original}]`,
    );
  }
  if (bad) throw bad;
  const arcHelper = new Int32Array(n);
  const arcRecipient = new Int32Array(n);
  const arcScore = new Int32Array(n);
  const recipientFirstArc = new Int32Array(recipients.ids.length + 1);
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    arcHelper[k] = helperOf[i] as number;
    arcRecipient[k] = recipientOf[i] as number;
    arcScore[k] = scoreOf[i] as number;
    recipientFirstArc[(recipientOf[i] as number) + 1] =
      (recipientFirstArc[(recipientOf[i] as number) + 1] as number) + 1;
  }
  for (let r = 0; r < recipients.ids.length; r++) {
    recipientFirstArc[r + 1] = (recipientFirstArc[r + 1] as number) + (recipientFirstArc[r] as number);
  }
  return { arcHelper, arcRecipient, arcScore, recipientFirstArc };
}

/**
 * Indices 0..count-1 sorted by (recipient, helper), stable: two counting-sort passes, linear in
 * the size of the problem (a comparison sort of 2 million pairs would cost more than the solve).
 */
function sortPairs(
  helperOf: Int32Array,
  recipientOf: Int32Array,
  count: number,
  helperCount: number,
  recipientCount: number,
): Int32Array {
  const byHelper = countingSort(helperOf, null, count, helperCount);
  return countingSort(recipientOf, byHelper, count, recipientCount);
}

function countingSort(key: Int32Array, input: Int32Array | null, count: number, keyCount: number): Int32Array {
  const start = new Int32Array(keyCount + 1);
  for (let k = 0; k < count; k++) start[(key[k] as number) + 1] = (start[(key[k] as number) + 1] as number) + 1;
  for (let v = 0; v < keyCount; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
  const out = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = input ? (input[k] as number) : k;
    const v = key[i] as number;
    out[start[v] as number] = i;
    start[v] = (start[v] as number) + 1;
  }
  return out;
}

/**
 * Reads `locked` or `forbidden` (optional lists of helper/recipient pairs) and returns the arc of
 * each entry, -1 for a pair that is not a candidate (an error for `locked`).
 */
function readPairList(
  list: unknown,
  name: "locked" | "forbidden",
  problem: CompiledPairing,
  recipients: Entities,
  helpers: Entities,
): Int32Array {
  if (list === undefined) return new Int32Array(0);
  if (!Array.isArray(list)) throw new PairingInputError(name, expected("an array", list));
  const arcs = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const where = `${name}[${i}]`;
    const entry: unknown = list[i];
    if (!isRecord(entry)) throw new PairingInputError(where, expected("an object", entry));
    const helper = entry.helper;
    if (typeof helper !== "string") throw new PairingInputError(`${where}.helper`, expected("a string", helper));
    const h = helpers.rankOf.get(helper);
    if (h === undefined) throw new PairingInputError(where, `unknown helper ${q(helper)}`);
    const recipient = entry.recipient;
    if (typeof recipient !== "string") {
      throw new PairingInputError(`${where}.recipient`, expected("a string", recipient));
    }
    const r = recipients.rankOf.get(recipient);
    if (r === undefined) throw new PairingInputError(where, `unknown recipient ${q(recipient)}`);
    const arc = findArc(problem, h, r);
    if (arc < 0 && name === "locked") {
      throw new PairingInputError(where, `helper ${q(helper)} and recipient ${q(recipient)} are not a candidate pair`);
    }
    arcs[i] = arc;
  }
  return arcs;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function expected(what: string, got: unknown): string {
  return got === undefined ? `missing (expected ${what})` : `expected ${what}, got ${describe(got)}`;
}

/** A short one-line rendering of a bad value for an error message. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  const text = typeof value === "number" && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Quotes an id as JSON does, so odd characters (even newlines) stay on one line. */
function q(id: string | undefined): string {
  return JSON.stringify(id ?? "");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
