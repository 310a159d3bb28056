import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { runKeys } from "../src/cli/keys.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { insertDemoCounty } from "../src/demo/load.ts";
import { createDivisionDirectory } from "../src/modules/divisions/divisions.ts";
import { useAuditKey } from "../src/platform/audit.ts";
import { createCipher, type PersonalDataCipher } from "../src/platform/crypto.ts";
import { keyStatus, rotateKeys } from "../src/platform/key-rotation.ts";
import { fixtureCounty, makeIdNumber, openTestDatabase, TEST_PASSWORD, testDatabaseKind } from "./helpers.ts";

/**
 * `huzhu keys rotate`: every encrypted value moves from the old key (AES-256-GCM) to a new one
 * (here SM4, so the move between algorithms is covered too), in batches, resumable, with search
 * and the ID-number uniqueness check working on the half-rotated table.
 */
const oldKey = crypto.randomBytes(32);
const newKey = crypto.randomBytes(32);
const oldOnly = createCipher(oldKey);
const rotating = createCipher(newKey, { algorithm: "sm4", previousKey: oldKey });
const newOnly = createCipher(newKey, { algorithm: "sm4" });

type MemberSecrets = {
  id: number;
  id_number_enc: Uint8Array;
  id_number_hash: Uint8Array;
  phone_enc: Uint8Array | null;
};
const secrets = (database: Database) =>
  database.db
    .selectFrom("members")
    .select(["id", "id_number_enc", "id_number_hash", "phone_enc"])
    .orderBy("id")
    .execute() as Promise<MemberSecrets[]>;

/** The app over this database with this cipher, and a signed-in coordinator's requests. */
async function coordinatorOn(database: Database, cipher: PersonalDataCipher) {
  const app: FastifyInstance = await buildApp({
    database,
    cipher,
    divisions: createDivisionDirectory(),
    sessionIdleMinutes: 30,
    secureCookies: false,
    logLevel: "silent",
  });
  const login = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username: "coordinator", password: TEST_PASSWORD },
  });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.find((c) => c.name === "huzhu_session")?.value ?? "";
  const csrf = (login.json() as { csrfToken: string }).csrfToken;
  return {
    app,
    get: (url: string) => app.inject({ method: "GET", url, cookies: { huzhu_session: cookie } }),
    post: (url: string, payload: object) =>
      app.inject({
        method: "POST",
        url,
        payload,
        cookies: { huzhu_session: cookie },
        headers: { "x-csrf-token": csrf },
      }),
  };
}

describe(`huzhu keys rotate (${testDatabaseKind})`, () => {
  let database: Database;
  let drop: () => Promise<void>;
  /** The plain values, read before any rotation. */
  let plain: Map<number, { idNumber: string; phone: string | null }>;
  beforeAll(async () => {
    useAuditKey(crypto.randomBytes(32));
    ({ database, drop } = await openTestDatabase());
    await database.db
      .transaction()
      .execute((trx) => insertDemoCounty(trx, fixtureCounty(), new Map(), oldOnly, TEST_PASSWORD));
    // A second factor's secret is encrypted the same way (users.totp_secret_enc).
    await database.db
      .updateTable("users")
      .set({ totp_secret_enc: oldOnly.encrypt("JBSWY3DPEHPK3PXP") })
      .where("username", "=", "auditor")
      .execute();
    plain = new Map(
      (await secrets(database)).map((r) => [
        r.id,
        { idNumber: oldOnly.decrypt(r.id_number_enc), phone: r.phone_enc && oldOnly.decrypt(r.phone_enc) },
      ]),
    );
  });
  afterAll(async () => drop?.());

  it("stopped after two batches, leaves a half-rotated table on which search, uniqueness and reveal work", async () => {
    const stopped = await rotateKeys(database.db, rotating, { batchSize: 2, stopAfterBatches: 2 });
    expect(stopped).toEqual({ finished: false, batches: 2, rotated: 8 });
    const rows = await secrets(database);
    const done = rows.filter((r) => rotating.isCurrent(r.id_number_enc));
    const left = rows.filter((r) => !rotating.isCurrent(r.id_number_enc));
    expect(done.map((r) => r.id)).toEqual(rows.slice(0, 4).map((r) => r.id));
    expect(left.length).toBe(rows.length - 4);
    for (const r of done)
      expect(Buffer.from(r.id_number_hash).equals(newOnly.blindIndex(plain.get(r.id)?.idNumber ?? ""))).toBe(true);
    for (const r of left)
      expect(Buffer.from(r.id_number_hash).equals(oldOnly.blindIndex(plain.get(r.id)?.idNumber ?? ""))).toBe(true);

    // A server holding both keys (HUZHU_DATA_KEY new, HUZHU_DATA_KEY_PREVIOUS old) keeps working.
    const coordinator = await coordinatorOn(database, rotating);
    try {
      for (const r of [done[0], left[0]] as MemberSecrets[]) {
        const idNumber = plain.get(r.id)?.idNumber ?? "";
        const found = await coordinator.get(`/api/members?q=${idNumber}`);
        expect(
          found.json().items.map((m: { id: number }) => m.id),
          "exact search",
        ).toEqual([r.id]);
        const revealed = await coordinator.post(`/api/members/${r.id}/reveal`, {
          field: "idNumber",
          reason: "核对身份",
        });
        expect(revealed.json().value).toBe(idNumber);
        const duplicate = await coordinator.post("/api/members", {
          name: "重复",
          gender: Number(idNumber[16]) % 2 ? "male" : "female",
          ethnicity: "汉族",
          birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
          idNumber,
          education: "bachelor",
          joinDate: "2010-07-01",
          status: "full",
          primaryOrgId: (
            await database.db.selectFrom("organizations").select("id").orderBy("id").executeTakeFirstOrThrow()
          ).id,
        });
        expect(duplicate.statusCode, "uniqueness across both keys").toBe(409);
        expect(duplicate.json().error.code).toBe("idNumber.duplicate");
      }
      // A new member is written under the new key only.
      const birthDate = "1990-02-03";
      const created = await coordinator.post("/api/members", {
        name: "新人",
        gender: "male",
        ethnicity: "汉族",
        birthDate,
        idNumber: makeIdNumber(birthDate, "male", 401),
        phone: "13900001111",
        education: "bachelor",
        joinDate: "2012-07-01",
        status: "full",
        primaryOrgId: (
          await database.db.selectFrom("organizations").select("id").orderBy("id").executeTakeFirstOrThrow()
        ).id,
      });
      expect(created.statusCode).toBe(201);
      const row = (await secrets(database)).find((r) => r.id === created.json().id) as MemberSecrets;
      expect(newOnly.decrypt(row.id_number_enc)).toBe(makeIdNumber(birthDate, "male", 401));
      expect(newOnly.decrypt(row.phone_enc as Uint8Array)).toBe("13900001111");
      plain.set(row.id, { idNumber: makeIdNumber(birthDate, "male", 401), phone: "13900001111" });
    } finally {
      await coordinator.app.close();
    }
  }, 60_000);

  it("resumed, finishes: every value decrypts under the new key only, and search works with it alone", async () => {
    const resumed = await rotateKeys(database.db, rotating, { batchSize: 2 });
    expect(resumed.finished).toBe(true);
    const rows = await secrets(database);
    expect(rows.length).toBe(plain.size);
    for (const r of rows) {
      const expected = plain.get(r.id);
      expect(newOnly.decrypt(r.id_number_enc)).toBe(expected?.idNumber);
      expect(r.phone_enc && newOnly.decrypt(r.phone_enc)).toBe(expected?.phone);
      expect(Buffer.from(r.id_number_hash).equals(newOnly.blindIndex(expected?.idNumber ?? ""))).toBe(true);
      expect(() => oldOnly.decrypt(r.id_number_enc)).toThrow();
      if (r.phone_enc) expect(() => oldOnly.decrypt(r.phone_enc as Uint8Array)).toThrow();
    }
    const auditor = await database.db
      .selectFrom("users")
      .select("totp_secret_enc")
      .where("username", "=", "auditor")
      .executeTakeFirstOrThrow();
    expect(newOnly.decrypt(auditor.totp_secret_enc as Uint8Array)).toBe("JBSWY3DPEHPK3PXP");
    const status = await keyStatus(database.db, newOnly);
    expect(status.find((s) => s.column === "members.id_number_enc")).toEqual({
      column: "members.id_number_enc",
      current: rows.length,
      other: {},
    });
    const progress = await database.db.selectFrom("key_rotation").selectAll().execute();
    expect(progress.find((p) => p.table_name === "members")?.finished_at).not.toBeNull();

    // After HUZHU_DATA_KEY_PREVIOUS is removed, a server with the new key alone finds every member.
    const coordinator = await coordinatorOn(database, newOnly);
    try {
      for (const r of rows) {
        const found = await coordinator.get(`/api/members?q=${plain.get(r.id)?.idNumber}`);
        expect(found.json().total).toBe(1);
      }
    } finally {
      await coordinator.app.close();
    }
    // Run again: nothing to do.
    expect(await rotateKeys(database.db, rotating, { batchSize: 2 })).toEqual({
      finished: true,
      batches: 0,
      rotated: 0,
    });
  }, 60_000);

  it("rotates a value written later under the old key (a server not restarted) on the next run", async () => {
    const [first] = await secrets(database);
    const idNumber = plain.get(first?.id ?? 0)?.idNumber ?? "";
    await database.db
      .updateTable("members")
      .set({ id_number_enc: oldOnly.encrypt(idNumber), id_number_hash: oldOnly.blindIndex(idNumber) })
      .where("id", "=", first?.id ?? 0)
      .execute();
    const again = await rotateKeys(database.db, rotating, { batchSize: 100 });
    expect(again).toMatchObject({ finished: true, rotated: 1 });
    const row = (await secrets(database))[0] as MemberSecrets;
    expect(newOnly.decrypt(row.id_number_enc)).toBe(idNumber);
  }, 60_000);
});

describe("huzhu keys rotate, the command (embedded database, keys in files outside the data folder)", () => {
  it("rotates the data folder's generated key to a key file outside it; `keys status` then shows it done", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-data-"));
    const secretsDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-secrets-"));
    try {
      // The embedded default: the key was generated into the data folder at first start.
      fs.writeFileSync(path.join(dataDir, "personal-data.key"), `${oldKey.toString("base64")}\n`, { mode: 0o600 });
      const auditKey = crypto.randomBytes(32);
      useAuditKey(auditKey);
      const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
      await migrate(database);
      await database.db
        .transaction()
        .execute((trx) => insertDemoCounty(trx, fixtureCounty(), new Map(), oldOnly, TEST_PASSWORD));
      const count = (await secrets(database)).length;
      await database.close();

      const newKeyFile = path.join(secretsDir, "data.key");
      fs.writeFileSync(newKeyFile, newKey.toString("hex"), { mode: 0o600 });
      const env = {
        HUZHU_DATA_DIR: dataDir,
        HUZHU_DATA_KEY_FILE: newKeyFile,
        HUZHU_DATA_KEY_PREVIOUS_FILE: path.join(dataDir, "personal-data.key"),
        HUZHU_CIPHER: "sm4",
        HUZHU_DEMO: "false",
        HUZHU_AUDIT_KEY: auditKey.toString("base64"),
      };
      const out: string[] = [];
      const write = process.stdout.write;
      process.stdout.write = ((chunk: string) => out.push(chunk) > 0) as typeof process.stdout.write;
      try {
        expect(await runKeys("rotate", ["--batch", "3"], env)).toBe(0);
        expect(await runKeys("status", [], env)).toBe(0);
        expect(await runKeys("rotate", ["--batch", "0"], env)).toBe(2);
      } finally {
        process.stdout.write = write;
      }
      const text = out.join("");
      expect(text).toMatch(/finished: \d+ values re-encrypted/);
      expect(text).toContain(`members.id_number_enc: ${count} current`);

      const reopened = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
      try {
        for (const r of await secrets(reopened)) expect(newOnly.isCurrent(r.id_number_enc)).toBe(true);
        // The rotation is in the audit log, with how many values it re-encrypted and under what.
        const record = await reopened.db
          .selectFrom("audit_log")
          .select(["actor_name", "result", "detail"])
          .where("action", "=", "keys.rotate")
          .executeTakeFirstOrThrow();
        expect(record.actor_name).toMatch(/^cli:/);
        expect(record.detail).toEqual({ rowCount: expect.any(Number), kind: "sm4" });
      } finally {
        await reopened.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(secretsDir, { recursive: true, force: true });
    }
  }, 120_000);
});
