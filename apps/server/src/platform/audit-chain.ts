import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

/**
 * The audit log's tamper evidence. Every record carries an HMAC-SHA256 over a canonical
 * serialization of its fields and the previous record's MAC, so a record changed, removed or
 * moved by someone who can write the table (a database superuser with the append-only triggers
 * disabled) breaks the chain at that point, and they cannot repair it without the key. The key is
 * derived (HKDF) from a secret of its own, never the personal-data key, and never enters the
 * database. A one-row table, audit_chain_head, holds the last record's id and MAC: every writer
 * locks it, which gives the records one total order (and serializes audited writes), and it lets
 * `huzhu audit verify` notice records cut off the end.
 *
 * Records written before the chain existed (migration 0005) cannot be chained after the fact by the
 * migration, which has no key. At the first start with a key the server writes an
 * `audit.chain_start` record, the first link, holding the count and a SHA-256 digest of all earlier
 * records: from then on they cannot change unnoticed either.
 */

export interface AuditChainKeys {
  /** MACs of the records. */
  record: Buffer;
  /** MAC of the head row, so that a rewound head (records cut off the end) does not verify. */
  head: Buffer;
}

export function auditChainKeys(secret: Buffer): AuditChainKeys {
  if (secret.length !== 32) throw new Error("the audit key must be 32 bytes");
  const derive = (info: string) => Buffer.from(crypto.hkdfSync("sha256", secret, Buffer.alloc(0), info, 32));
  return { record: derive("huzhu audit log chain v1"), head: derive("huzhu audit log chain head v1") };
}

function parseAuditKey(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error(`${source}: the audit key must be 32 bytes (base64 or 64 hex digits)`);
  return key;
}

/**
 * The audit secret from HUZHU_AUDIT_KEY, else HUZHU_AUDIT_KEY_FILE, else (embedded database only)
 * <data dir>/audit.key, created with mode 0600 on first start. Like the personal-data key, and
 * separate from it: whoever holds one need not hold the other.
 */
/**
 * The servers' audit key as the configuration gives it (HUZHU_AUDIT_KEY, HUZHU_AUDIT_KEY_FILE or
 * the data folder's file), generated on first use only for the embedded database: a PostgreSQL
 * deployment's processes must all use one key, so none of them may invent its own.
 */
export function configuredAuditKey(config: {
  auditKey: string | undefined;
  auditKeyFile: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
}): Buffer {
  return loadAuditKey({ ...config, allowGenerate: !config.databaseUrl });
}

export function loadAuditKey(options: {
  auditKey: string | undefined;
  auditKeyFile: string | undefined;
  dataDir: string;
  allowGenerate: boolean;
}): Buffer {
  if (options.auditKey) return parseAuditKey(options.auditKey, "HUZHU_AUDIT_KEY");
  if (options.auditKeyFile) return parseAuditKey(fs.readFileSync(options.auditKeyFile, "utf8"), options.auditKeyFile);
  const file = path.join(options.dataDir, "audit.key");
  if (fs.existsSync(file)) return parseAuditKey(fs.readFileSync(file, "utf8"), file);
  if (!options.allowGenerate) throw new Error("no audit key: set HUZHU_AUDIT_KEY or HUZHU_AUDIT_KEY_FILE");
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return key;
}

/** The fields a MAC covers, as text exactly as the database gives them back. */
export interface ChainedFields {
  id: string;
  /** UTC, microseconds: `AT_TEXT` below, so the writer and the verifier see the same string. */
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  detail: unknown;
}

/** A timestamptz as text with all its precision; used on both sides of the MAC. */
export const atText = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/** JSON with object keys sorted at every level: jsonb keeps its own key order, so the MAC must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function canonicalRecord(r: ChainedFields): string {
  return canonicalJson([
    "huzhu.audit.v1",
    r.id,
    r.at,
    r.actor_id,
    r.actor_name,
    r.ip,
    r.action,
    r.target_type,
    r.target_id,
    r.result,
    r.detail,
  ]);
}

export function recordMac(keys: AuditChainKeys, previous: Buffer, record: ChainedFields): Buffer {
  return crypto.createHmac("sha256", keys.record).update(previous).update(canonicalRecord(record), "utf8").digest();
}

/** What the first chained record follows: bound to where the chain starts, so that cannot be moved either. */
export function genesisMac(keys: AuditChainKeys, legacyUntil: string): Buffer {
  return crypto.createHmac("sha256", keys.record).update(`huzhu.audit.genesis.v1:${legacyUntil}`, "utf8").digest();
}

export function headMac(keys: AuditChainKeys, lastId: string, lastMac: Buffer): Buffer {
  return crypto
    .createHmac("sha256", keys.head)
    .update(`huzhu.audit.head.v1:${lastId}:`, "utf8")
    .update(lastMac)
    .digest();
}

const toBuffer = (b: Uint8Array | null | undefined): Buffer | null => (b ? Buffer.from(b) : null);

interface HeadRow {
  legacy_until: string;
  last_id: string | null;
  last_mac: Uint8Array | null;
  head_mac: Uint8Array | null;
}

async function readHead(db: Kysely<DB>, lock: boolean): Promise<HeadRow | undefined> {
  const query = lock
    ? sql<HeadRow>`SELECT legacy_until::text AS legacy_until, last_id::text AS last_id, last_mac, head_mac
                     FROM audit_chain_head FOR UPDATE`
    : sql<HeadRow>`SELECT legacy_until::text AS legacy_until, last_id::text AS last_id, last_mac, head_mac
                     FROM audit_chain_head`;
  return (await query.execute(db)).rows[0];
}

export type UnchainedRecord = Omit<ChainedFields, "id" | "at">;

/**
 * Appends one record as the next link. Must run inside the transaction of the change it records:
 * the head row stays locked until that transaction ends, so the next writer waits and then chains
 * onto this record (or onto the previous one, if this transaction rolls back). The id is taken
 * under the lock, so ids increase in chain order.
 */
export async function appendChained(trx: Kysely<DB>, keys: AuditChainKeys, record: UnchainedRecord): Promise<void> {
  const head = await readHead(trx, true);
  if (!head) throw new Error("audit_chain_head is missing: run the migrations (0005_audit_chain)");
  const next = (
    await sql<{ id: string; at: string }>`
      SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id, ${atText("clock_timestamp()")} AS at`.execute(
      trx,
    )
  ).rows[0];
  if (!next) throw new Error("could not allocate an audit record id");
  const previous = toBuffer(head.last_mac) ?? genesisMac(keys, head.legacy_until);
  const fields: ChainedFields = { id: next.id, at: next.at, ...record };
  const mac = recordMac(keys, previous, fields);
  await sql`
    INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, target_type, target_id, result, detail, mac)
    OVERRIDING SYSTEM VALUE
    VALUES (${next.id}::bigint, ${next.at}::timestamptz, ${record.actor_id}, ${record.actor_name}, ${record.ip},
            ${record.action}, ${record.target_type}, ${record.target_id}, ${record.result},
            ${JSON.stringify(record.detail)}::jsonb, ${mac})`.execute(trx);
  await sql`UPDATE audit_chain_head SET last_id = ${next.id}::bigint, last_mac = ${mac},
              head_mac = ${headMac(keys, next.id, mac)}`.execute(trx);
}

interface StoredRow {
  id: string;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  detail: string;
  mac: Uint8Array | null;
}

/** Keyset batches of audit records in id order, as the MAC sees them. */
async function* storedRows(
  db: Kysely<DB>,
  range: { after: string; upTo: string | null },
  batchSize: number,
): AsyncGenerator<StoredRow> {
  let after = range.after;
  for (;;) {
    const rows = (
      await sql<StoredRow>`
        SELECT id::text AS id, ${atText("at")} AS at, actor_id, actor_name, ip, action, target_type, target_id,
               result, detail::text AS detail, mac
          FROM audit_log
         WHERE id > ${after}::bigint ${range.upTo === null ? sql`` : sql`AND id <= ${range.upTo}::bigint`}
         ORDER BY audit_log.id
         LIMIT ${batchSize}`.execute(db)
    ).rows;
    for (const row of rows) yield row;
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.id;
  }
}

const fieldsOf = (row: StoredRow): ChainedFields => ({
  id: row.id,
  at: row.at,
  actor_id: row.actor_id,
  actor_name: row.actor_name,
  ip: row.ip,
  action: row.action,
  target_type: row.target_type,
  target_id: row.target_id,
  result: row.result,
  detail: JSON.parse(row.detail) as unknown,
});

/** SHA-256 over the canonical form of every record up to the chain's start, in id order. */
async function legacyDigest(db: Kysely<DB>, legacyUntil: string, batchSize: number) {
  const hash = crypto.createHash("sha256");
  let count = 0;
  for await (const row of storedRows(db, { after: "0", upTo: legacyUntil }, batchSize)) {
    hash.update(canonicalRecord(fieldsOf(row)), "utf8").update("\n");
    count++;
  }
  return { count, digest: hash.digest("hex") };
}

/**
 * At the first start after the upgrade, seals the records written before the chain into its first
 * link (count and digest). Does nothing when the chain has begun or there is nothing before it.
 * Concurrent starts are safe: the head lock lets one seal, the others then see the chain begun.
 */
export async function startAuditChain(db: Kysely<DB>, keys: AuditChainKeys, batchSize = 1000): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const head = await readHead(trx, true);
    if (!head || head.last_id !== null || head.legacy_until === "0") return false;
    const legacy = await legacyDigest(trx, head.legacy_until, batchSize);
    await appendChained(trx, keys, {
      actor_id: null,
      actor_name: "system",
      ip: null,
      action: "audit.chain_start",
      target_type: null,
      target_id: null,
      result: "success",
      detail: { legacyRecords: legacy.count, legacyDigest: legacy.digest },
    });
    return true;
  });
}

export interface AuditVerifyReport {
  ok: boolean;
  /** Records checked link by link. */
  chained: number;
  /** Records from before the chain (migration 0005), and whether the chain's first link seals them. */
  legacy: number;
  legacySealed: boolean;
  /** The first record found wrong (or missing), and why; null when sound. */
  firstBadId: string | null;
  problem: string | null;
  /** When sound: the last record and the head's MAC (hex), to keep outside the database as an anchor. */
  lastId: string | null;
  headMac: string | null;
}

/**
 * Walks the whole log in id order, in batches, recomputing every MAC. Finds a changed record (its
 * own MAC fails), a removed or reordered one (the next record no longer follows), a record inserted
 * without the key, records cut off the end (the head names a record that is not there), and
 * changed, removed or added records before the chain (the first link's digest).
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  keys: AuditChainKeys,
  batchSize = 1000,
): Promise<AuditVerifyReport> {
  const report: AuditVerifyReport = {
    ok: false,
    chained: 0,
    legacy: 0,
    legacySealed: false,
    firstBadId: null,
    problem: null,
    lastId: null,
    headMac: null,
  };
  const bad = (id: string | null, problem: string) => ({ ...report, ok: false, firstBadId: id, problem });
  const head = await readHead(db, false);
  if (!head) return bad(null, "the chain head (audit_chain_head) is missing");
  const legacyCount = await sql<{ n: string }>`
    SELECT count(*)::text AS n FROM audit_log WHERE id <= ${head.legacy_until}::bigint`.execute(db);
  report.legacy = Number(legacyCount.rows[0]?.n ?? 0);

  let previous = genesisMac(keys, head.legacy_until);
  let lastId: string | null = null;
  for await (const row of storedRows(db, { after: head.legacy_until, upTo: null }, batchSize)) {
    const stored = toBuffer(row.mac);
    if (!stored) return bad(row.id, `record ${row.id} carries no MAC (written around the application)`);
    const fields = fieldsOf(row);
    const expected = recordMac(keys, previous, fields);
    if (stored.length !== expected.length || !crypto.timingSafeEqual(stored, expected)) {
      return bad(
        row.id,
        report.chained === 0 && lastId === null
          ? `record ${row.id} does not verify: changed, or not the first record of the chain`
          : `record ${row.id} does not verify: changed, or the record before it (${lastId}) was removed or moved`,
      );
    }
    if (report.chained === 0 && row.action === "audit.chain_start") {
      const sealed = fields.detail as { legacyRecords?: number; legacyDigest?: string };
      const now = await legacyDigest(db, head.legacy_until, batchSize);
      if (now.count !== sealed.legacyRecords || now.digest !== sealed.legacyDigest) {
        return bad(
          row.id,
          `the ${sealed.legacyRecords ?? 0} records before the chain (ids up to ${head.legacy_until}), sealed by record ${row.id}, were changed, removed or added to (${now.count} now)`,
        );
      }
      report.legacySealed = true;
    }
    previous = stored;
    lastId = row.id;
    report.chained++;
  }

  const headLast = head.last_id;
  const headLastMac = toBuffer(head.last_mac);
  if (headLast === null) {
    if (lastId !== null) return bad(lastId, `record ${lastId} is not in the chain head (the head was reset)`);
  } else {
    const headOk =
      headLastMac !== null &&
      toBuffer(head.head_mac)?.equals(headMac(keys, headLast, headLastMac)) === true &&
      headLastMac.equals(previous) &&
      headLast === lastId;
    if (!headOk) {
      if (lastId === null || BigInt(headLast) > BigInt(lastId)) {
        return bad(
          headLast,
          `record ${headLast}, the last one written, is missing: the log ends at ${lastId ?? "nothing"} (records cut off the end)`,
        );
      }
      return bad(headLast, `the chain head does not match record ${headLast} (the head row was changed)`);
    }
  }
  return { ...report, ok: true, lastId, headMac: toBuffer(head.head_mac)?.toString("hex") ?? null };
}
