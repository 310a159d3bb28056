import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import type { Database } from "../src/db/client.ts";
import { coordinatorUsername, generateDemoRegion, loadDemoRegion, RegionRefused } from "../src/demo/region.ts";
import { createDivisionDirectory } from "../src/modules/divisions/divisions.ts";
import { useAuditKey } from "../src/platform/audit.ts";
import { createCipher } from "../src/platform/crypto.ts";
import { openTestDatabase, testDatabaseKind } from "./helpers.ts";

/**
 * `huzhu demo load --region` (issue 12) on a small real county, 呼中区 (232764: five villages, the
 * organs and enterprises), through the command's own load: twice into two databases, then through
 * the app as the county's coordinator.
 */
const CODE = "232764";
const options = { seed: 7, today: "2026-06-30", password: "region-demo-password" };

describe(`huzhu demo load --region (${testDatabaseKind})`, () => {
  const cipher = createCipher(crypto.randomBytes(32));
  const opened: { database: Database; drop: () => Promise<void> }[] = [];
  let first: Database;
  let second: Database;

  const fingerprint = async (database: Database) => {
    const { db } = database;
    const orgs = await db
      .selectFrom("organizations")
      .select([
        sql<number>`count(*)::int`.as("n"),
        sql<string>`md5(string_agg(path || name || category, ',' ORDER BY id))`.as("digest"),
      ])
      .executeTakeFirstOrThrow();
    const members = await db
      .selectFrom("members")
      .select([
        sql<number>`count(*)::int`.as("n"),
        sql<string>`md5(string_agg(name || id_number_masked || primary_org_path || join_date::text, ',' ORDER BY id))`.as(
          "digest",
        ),
      ])
      .executeTakeFirstOrThrow();
    return { orgs, members };
  };

  beforeAll(async () => {
    useAuditKey(crypto.randomBytes(32));
    for (let i = 0; i < 2; i++) opened.push(await openTestDatabase());
    [first, second] = opened.map((o) => o.database) as [Database, Database];
    for (const database of [first, second]) {
      await loadDemoRegion(database, generateDemoRegion(CODE, { seed: options.seed }), { ...options, cipher });
    }
  });
  afterAll(async () => {
    for (const o of opened) await o.drop();
  });

  it("loads the same region from the same code and seed", async () => {
    const region = generateDemoRegion(CODE, { seed: options.seed });
    const a = await fingerprint(first);
    expect(a.orgs.n).toBe(region.orgs.length);
    expect(a.members.n).toBe(region.memberCount);
    expect(await fingerprint(second)).toEqual(a);
    // Every level is there: the county, its towns, its communities (呼中区 has no villages), organs and enterprises.
    const categories = await first.db.selectFrom("organizations").select("category").distinct().execute();
    expect(categories.map((c) => c.category).sort()).toEqual(
      ["county", "government_organ", "private_enterprise", "state_enterprise", "town_street", "urban_community"].sort(),
    );
  });

  it("keeps members' ID numbers and phones as ciphertext at rest", async () => {
    const rows = await first.db
      .selectFrom("members")
      .select(["id_number_enc", "id_number_masked", "phone_enc"])
      .where("phone_enc", "is not", null)
      .limit(50)
      .execute();
    expect(rows.length).toBe(50);
    for (const row of rows) {
      const idNumber = cipher.decrypt(row.id_number_enc);
      expect(idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(Buffer.from(row.id_number_enc).includes(idNumber)).toBe(false);
      expect(row.id_number_masked).not.toContain(idNumber.slice(6, 14));
      expect(Buffer.from(row.phone_enc as Uint8Array).includes(cipher.decrypt(row.phone_enc as Uint8Array))).toBe(
        false,
      );
    }
  });

  it("lets the county's coordinator sign in and see the whole roster", async () => {
    const app = await buildApp({
      database: first,
      cipher,
      divisions: createDivisionDirectory(),
      sessionIdleMinutes: 30,
      secureCookies: false,
      logLevel: "silent",
    });
    try {
      const login = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: coordinatorUsername(CODE), password: options.password },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies.find((c) => c.name === "huzhu_session");
      const res = await app.inject({
        method: "GET",
        url: "/api/members?pageSize=20",
        cookies: { huzhu_session: cookie?.value ?? "" },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { total: number; items: unknown[] };
      expect(body.total).toBe(generateDemoRegion(CODE, { seed: options.seed }).memberCount);
      expect(body.items).toHaveLength(20);
    } finally {
      await app.close();
    }
  });

  it("refuses a second load into a database that holds organizations, changing nothing", async () => {
    const before = await fingerprint(first);
    await expect(
      loadDemoRegion(first, generateDemoRegion(CODE, { seed: options.seed }), { ...options, cipher }),
    ).rejects.toBeInstanceOf(RegionRefused);
    expect(await fingerprint(first)).toEqual(before);
  });
});
