import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { migrations } from "../src/db/migrations/index.ts";
import type { DB } from "../src/db/schema.ts";
import { recordAudit, useAuditKey } from "../src/platform/audit.ts";
import {
  type AuditChainKeys,
  auditChainKeys,
  loadAuditKey,
  startAuditChain,
  verifyAuditChain,
} from "../src/platform/audit-chain.ts";
import { createTestContext, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const system = { userId: null, username: "system", ip: null };

/** Runs statements the way a database superuser would: with the append-only and chain triggers off. */
async function asSuperuser(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

interface RawRecord {
  id: string;
  /** As text: a JS Date would drop the microseconds a PostgreSQL server keeps (and the MAC covers). */
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

async function rawRecords(db: Kysely<DB>): Promise<RawRecord[]> {
  return (
    await sql<RawRecord>`SELECT id::text AS id, at::text AS at, actor_id, actor_name, ip, action, target_type, target_id, result,
                                detail::text AS detail, mac FROM audit_log ORDER BY audit_log.id`.execute(db)
  ).rows;
}

async function reinsert(trx: Kysely<DB>, r: RawRecord): Promise<void> {
  await sql`INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, target_type, target_id, result, detail, mac)
            OVERRIDING SYSTEM VALUE
            VALUES (${r.id}::bigint, ${r.at}::timestamptz, ${r.actor_id}, ${r.actor_name}, ${r.ip}, ${r.action}, ${r.target_type},
                    ${r.target_id}, ${r.result}, ${r.detail}::jsonb, ${r.mac})`.execute(trx);
}

/**
 * Issue 6, tamper-evident audit log: every record is a link of an HMAC chain, concurrent writers
 * do not fork it, and `huzhu audit verify` finds a record changed, removed, reordered, forged or cut
 * off the end by someone who can write the table directly (triggers disabled, as a superuser can).
 */
describe(`audit log chain (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;

  beforeAll(async () => {
    t = await createTestContext();
    coordinator = await t.login("coordinator");
    await t.login("secretary");
    const a1 = await t.orgId("village:a1");
    for (const name of ["书记甲", "书记乙", "书记丙"]) {
      const res = await coordinator.request({
        method: "PATCH",
        url: `/api/orgs/${a1}`,
        payload: { secretaryName: name },
      });
      expect(res.statusCode).toBe(200);
    }
  }, 60_000);
  afterAll(async () => t?.close());

  const verify = () => verifyAuditChain(t.database.db, t.auditKeys, 4);

  it("chains every record: the log verifies, link by link, in small batches", async () => {
    const records = await rawRecords(t.database.db);
    expect(records.length).toBeGreaterThanOrEqual(5);
    for (const r of records) expect(r.mac?.length).toBe(32);
    expect(await verify()).toEqual({
      ok: true,
      chained: records.length,
      legacy: 0,
      legacySealed: false,
      firstBadId: null,
      problem: null,
      lastId: records.at(-1)?.id,
      headMac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Another key does not verify it: the MACs are keyed, not plain hashes.
    const other = await verifyAuditChain(t.database.db, auditChainKeys(crypto.randomBytes(32)));
    expect(other.ok).toBe(false);
  });

  it("parallel audited requests do not fork the chain", async () => {
    const before = (await rawRecords(t.database.db)).length;
    const orgs = await Promise.all(["village:a1", "village:a2", "village:b1", "unit:organ"].map((k) => t.orgId(k)));
    const writes = Array.from({ length: 24 }, (_, i) =>
      coordinator.request({
        method: "PATCH",
        url: `/api/orgs/${orgs[i % orgs.length]}`,
        payload: { secretaryName: `并发${i}` },
      }),
    );
    // Refusals and records written outside any request's transaction compete for the head too.
    const refusals = Array.from({ length: 8 }, () =>
      coordinator.request({
        method: "POST",
        url: "/api/members/999999/reveal",
        payload: { field: "phone", reason: "并发" },
      }),
    );
    const direct = Array.from({ length: 8 }, () =>
      recordAudit(t.database.db, system, { action: "demo.load", result: "success" }),
    );
    const [written, refused] = await Promise.all([Promise.all(writes), Promise.all(refusals), Promise.all(direct)]);
    for (const res of written) expect(res.statusCode).toBe(200);
    for (const res of refused) expect(res.statusCode).toBe(404);
    const records = await rawRecords(t.database.db);
    expect(records.length).toBe(before + 24 + 8 + 8);
    // Ids follow the chain's order, and so do times.
    const times = records.map((r) => new Date(r.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await verify()).ok).toBe(true);
  }, 60_000);

  describe("finds what a superuser changed directly", () => {
    let records: RawRecord[];
    beforeAll(async () => {
      records = await rawRecords(t.database.db);
    });
    const at = (i: number) => {
      const r = records[i];
      if (!r) throw new Error(`no record ${i}`);
      return r;
    };

    it("a changed record (its own MAC fails), with triggers disabled by ALTER TABLE", async () => {
      const victim = at(3);
      await t.database.db.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
        await sql`UPDATE audit_log SET result = 'success', actor_name = 'someone' WHERE id = ${victim.id}::bigint`.execute(
          trx,
        );
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
      });
      expect(await verify()).toMatchObject({ ok: false, firstBadId: victim.id, chained: 3 });
      // Only the detail, only the time: each is covered.
      await asSuperuser(t.database.db, async (trx) => {
        await sql`UPDATE audit_log SET result = ${victim.result}, actor_name = ${victim.actor_name} WHERE id = ${victim.id}::bigint`.execute(
          trx,
        );
      });
      expect((await verify()).ok).toBe(true);
      for (const change of [
        sql`UPDATE audit_log SET detail = detail || '{"fields": ["name"]}'::jsonb WHERE id = ${victim.id}::bigint`,
        sql`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE id = ${victim.id}::bigint`,
        sql`UPDATE audit_log SET ip = '10.9.9.9' WHERE id = ${victim.id}::bigint`,
      ]) {
        await asSuperuser(t.database.db, async (trx) => {
          await change.execute(trx);
        });
        expect(await verify()).toMatchObject({ ok: false, firstBadId: victim.id });
        await asSuperuser(t.database.db, async (trx) => {
          await sql`DELETE FROM audit_log WHERE id = ${victim.id}::bigint`.execute(trx);
          await reinsert(trx, victim);
        });
        expect((await verify()).ok).toBe(true);
      }
    });

    it("a removed record (the next one no longer follows)", async () => {
      const victim = at(5);
      await asSuperuser(t.database.db, async (trx) => {
        await sql`DELETE FROM audit_log WHERE id = ${victim.id}::bigint`.execute(trx);
      });
      const report = await verify();
      expect(report).toMatchObject({ ok: false, firstBadId: at(6).id });
      expect(report.problem).toContain(`(${at(4).id}) was removed or moved`);
      await asSuperuser(t.database.db, (trx) => reinsert(trx, victim));
      expect((await verify()).ok).toBe(true);
    });

    it("two records swapped (reordered)", async () => {
      const [a, b] = [at(7), at(8)];
      const swap = async (x: RawRecord, y: RawRecord) =>
        asSuperuser(t.database.db, async (trx) => {
          await sql`DELETE FROM audit_log WHERE id IN (${x.id}::bigint, ${y.id}::bigint)`.execute(trx);
          await reinsert(trx, { ...y, id: x.id });
          await reinsert(trx, { ...x, id: y.id });
        });
      await swap(a, b);
      expect(await verify()).toMatchObject({ ok: false, firstBadId: a.id });
      await asSuperuser(t.database.db, async (trx) => {
        await sql`DELETE FROM audit_log WHERE id IN (${a.id}::bigint, ${b.id}::bigint)`.execute(trx);
        await reinsert(trx, a);
        await reinsert(trx, b);
      });
      expect((await verify()).ok).toBe(true);
    });

    it("a forged record slipped in, and one written without a MAC", async () => {
      const last = records.at(-1) as RawRecord;
      await asSuperuser(t.database.db, async (trx) => {
        await reinsert(trx, { ...last, id: String(BigInt(last.id) + 1000n), mac: crypto.randomBytes(32) });
      });
      const forged = String(BigInt(last.id) + 1000n);
      expect(await verify()).toMatchObject({ ok: false, firstBadId: forged });
      await asSuperuser(t.database.db, async (trx) => {
        await sql`UPDATE audit_log SET mac = NULL WHERE id = ${forged}::bigint`.execute(trx);
      });
      expect(await verify()).toMatchObject({
        ok: false,
        firstBadId: forged,
        problem: expect.stringContaining("no MAC"),
      });
      await asSuperuser(t.database.db, async (trx) => {
        await sql`DELETE FROM audit_log WHERE id = ${forged}::bigint`.execute(trx);
      });
      expect((await verify()).ok).toBe(true);
    });

    it("records cut off the end, even when the head is rewound to the new last record", async () => {
      const [previous, last] = [records.at(-2) as RawRecord, records.at(-1) as RawRecord];
      await asSuperuser(t.database.db, async (trx) => {
        await sql`DELETE FROM audit_log WHERE id = ${last.id}::bigint`.execute(trx);
      });
      const cut = await verify();
      expect(cut).toMatchObject({ ok: false, firstBadId: last.id });
      expect(cut.problem).toContain("missing");
      // The head rewound to the record now last (its id and MAC are in the table for anyone to copy).
      await asSuperuser(t.database.db, async (trx) => {
        await sql`UPDATE audit_chain_head SET last_id = ${previous.id}::bigint, last_mac = ${previous.mac}`.execute(
          trx,
        );
      });
      expect(await verify()).toMatchObject({ ok: false, firstBadId: previous.id });
      const head = (await sql<{ head_mac: Uint8Array }>`SELECT head_mac FROM audit_chain_head`.execute(t.database.db))
        .rows[0];
      await asSuperuser(t.database.db, async (trx) => {
        await reinsert(trx, last);
        await sql`UPDATE audit_chain_head SET last_id = ${last.id}::bigint, last_mac = ${last.mac}, head_mac = ${head?.head_mac ?? null}`.execute(
          trx,
        );
      });
      expect((await verify()).ok).toBe(true);
    });

    it("and the application's own connection still cannot write around the chain", async () => {
      await expect(
        sql`INSERT INTO audit_log (action, result) VALUES ('demo.load', 'success')`.execute(t.database.db),
      ).rejects.toThrow(/chained/);
      await expect(sql`DELETE FROM audit_chain_head`.execute(t.database.db)).rejects.toThrow(/exactly one row/);
      await expect(sql`INSERT INTO audit_chain_head (legacy_until) VALUES (0)`.execute(t.database.db)).rejects.toThrow(
        /exactly one row/,
      );
      expect((await verify()).ok).toBe(true);
    });
  });
});

/**
 * A database as the previous release left it: migrated up to (not including) 0005, so records
 * can be written the old way, without a MAC. PGlite in memory, or a fresh schema on the server.
 */
async function openUpgradingDatabase() {
  const url = process.env.TEST_DATABASE_URL;
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let drop: () => Promise<void>;
  if (!url) {
    database = await openDatabase({});
    drop = () => database.close();
  } else {
    const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = await openDatabase({ url, poolSize: 1 });
    await admin.execScript(`CREATE SCHEMA ${schema}`);
    database = await openDatabase({ url, schema, poolSize: 2 });
    drop = async () => {
      await database.close();
      await admin.execScript(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    };
  }
  const before = migrations.filter((m) => m.name < "0005_audit_chain");
  for (const m of before) await database.execScript(m.script);
  await database.execScript(`CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
    INSERT INTO schema_migrations (name) VALUES ${before.map((m) => `('${m.name}')`).join(", ")}`);
  return { database, drop };
}

describe(`audit log chain after an upgrade (${testDatabaseKind})`, () => {
  it("starts after the records already there, seals them into its first link, and finds them changed", async () => {
    const { database, drop } = await openUpgradingDatabase();
    try {
      // Seven records written by the previous release, then the upgrade.
      for (let i = 0; i < 7; i++) {
        await sql`INSERT INTO audit_log (actor_name, action, result, detail)
                  VALUES ('old', 'org.update', 'success', ${JSON.stringify({ fields: ["name"], n: i })}::jsonb)`.execute(
          database.db,
        );
      }
      expect(await migrate(database)).toEqual([
        "0005_audit_chain",
        ...migrations.filter((m) => m.name > "0005_audit_chain").map((m) => m.name),
      ]);
      const head = (
        await sql<{ legacy_until: string; last_id: string | null }>`
          SELECT legacy_until::text AS legacy_until, last_id::text AS last_id FROM audit_chain_head`.execute(
          database.db,
        )
      ).rows;
      expect(head).toEqual([{ legacy_until: "7", last_id: null }]);

      const keys = useAuditKey(crypto.randomBytes(32));
      const unsealed = await verifyAuditChain(database.db, keys, 3);
      expect(unsealed).toMatchObject({ ok: true, chained: 0, legacy: 7, legacySealed: false });

      expect(await startAuditChain(database.db, keys, 3)).toBe(true);
      // A second start (or a second process) does not seal twice.
      expect(await startAuditChain(database.db, keys, 3)).toBe(false);
      await recordAudit(database.db, system, { action: "demo.load", result: "success" });
      expect(await verifyAuditChain(database.db, keys, 3)).toMatchObject({
        ok: true,
        chained: 2,
        legacy: 7,
        legacySealed: true,
      });
      const start = (await rawRecords(database.db)).find((r) => r.action === "audit.chain_start");
      expect(start?.id).toBe("8");
      expect(JSON.parse(start?.detail ?? "{}")).toMatchObject({ legacyRecords: 7, legacyDigest: expect.any(String) });

      // A legacy record changed, then one removed: the first link's digest no longer matches.
      await asSuperuser(database.db, async (trx) => {
        await sql`UPDATE audit_log SET actor_name = 'other' WHERE id = 3`.execute(trx);
      });
      expect(await verifyAuditChain(database.db, keys, 3)).toMatchObject({ ok: false, firstBadId: "8" });
      await asSuperuser(database.db, async (trx) => {
        await sql`UPDATE audit_log SET actor_name = 'old' WHERE id = 3`.execute(trx);
      });
      expect((await verifyAuditChain(database.db, keys, 3)).ok).toBe(true);
      await asSuperuser(database.db, async (trx) => {
        await sql`DELETE FROM audit_log WHERE id = 1`.execute(trx);
      });
      expect(await verifyAuditChain(database.db, keys, 3)).toMatchObject({ ok: false, firstBadId: "8" });
    } finally {
      await drop();
    }
  }, 60_000);
});

// The command itself, on an embedded database in a folder (a PostgreSQL server is reached the same way).
describe.runIf(testDatabaseKind === "pglite")("npx huzhu audit verify", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-audit-verify-"));
  const secret = crypto.randomBytes(32);
  let keys: AuditChainKeys;
  const bin = path.resolve(here, "../bin/huzhu.mjs");
  const run = (env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, "audit", "verify"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", HUZHU_DATA_DIR: dataDir, ...env },
      timeout: 60_000,
    });
  const withDatabase = async (work: (db: Kysely<DB>) => Promise<void>) => {
    const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    try {
      await work(database.db);
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    fs.writeFileSync(path.join(dataDir, "audit.key"), `${secret.toString("base64")}\n`, { mode: 0o600 });
    keys = useAuditKey(loadAuditKey({ auditKey: undefined, auditKeyFile: undefined, dataDir, allowGenerate: false }));
    expect(keys.record.equals(auditChainKeys(secret).record)).toBe(true);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("exits 0 with the count when sound, 1 naming the first bad record, 2 without the key", async () => {
    const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    await migrate(database);
    for (let i = 0; i < 5; i++) await recordAudit(database.db, system, { action: "demo.load", result: "success" });
    const ids = (await rawRecords(database.db)).map((r) => r.id);
    await database.close();

    const sound = run();
    expect(sound.stderr).toBe("");
    expect(sound.status).toBe(0);
    expect(sound.stdout).toContain("5 chained records verified");
    expect(sound.stdout).toMatch(new RegExp(`last record ${ids[4]}, head [0-9a-f]{64}`));

    await withDatabase((db) =>
      asSuperuser(db, async (trx) => {
        await sql`UPDATE audit_log SET result = 'failure' WHERE id = ${ids[2]}::bigint`.execute(trx);
      }),
    );
    const tampered = run();
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain(`first bad record ${ids[2]}`);

    // Without the key it cannot check at all (and never makes one up).
    fs.rmSync(path.join(dataDir, "audit.key"));
    const keyless = run();
    expect(keyless.status).toBe(2);
    expect(keyless.stderr).toContain("HUZHU_AUDIT_KEY");
  }, 120_000);
});
