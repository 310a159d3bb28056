import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/client.ts";
import { loadDemoIfEmpty } from "../src/demo/load.ts";
import { createDivisionDirectory } from "../src/modules/divisions/divisions.ts";
import { useAuditKey } from "../src/platform/audit.ts";
import { createCipher } from "../src/platform/crypto.ts";
import { openTestDatabase, testDatabaseKind } from "./helpers.ts";

/**
 * The demo county's members in motion (issue 11, demo/motion.ts): every page of transfers, mobile
 * members and in-service registration has content after the demo load, around 三联村.
 */
describe(`demo members in motion (${testDatabaseKind})`, () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    useAuditKey(crypto.randomBytes(32));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-motion-demo-"));
    await loadDemoIfEmpty({
      database,
      cipher: createCipher(crypto.randomBytes(32)),
      divisions: createDivisionDirectory(),
      config: { dataDir, demoPassword: "motion-demo-password" },
      today: "2025-06-30",
      log: () => undefined,
    });
  }, 300_000);
  afterAll(async () => drop?.());

  it("has transfers, mobile members and registrations in each state, the accepted transfer moved", async () => {
    const db = database.db;
    const count = async (table: "membership_transfers" | "mobile_members", column: string) =>
      (
        await db
          .selectFrom(table)
          .select([column as "status"])
          .execute()
      )
        .map((r) => r.status)
        .sort();
    expect(await count("membership_transfers", "status")).toEqual(["accepted", "pending", "pending", "rejected"]);
    expect(await count("mobile_members", "status")).toEqual(["closed", "received", "registered", "registered"]);
    const accepted = await db
      .selectFrom("membership_transfers as t")
      .innerJoin("members as m", "m.id", "t.member_id")
      .select(["t.to_org_id", "m.primary_org_id"])
      .where("t.status", "=", "accepted")
      .executeTakeFirstOrThrow();
    expect(accepted.primary_org_id).toBe(accepted.to_org_id);
    const steps = await db.selectFrom("membership_transfer_steps").select("action").execute();
    expect(steps.length).toBe(6);
    expect(await db.selectFrom("mobile_member_activities").select("id").execute()).toHaveLength(2);
    expect(await db.selectFrom("community_registrations").select("id").execute()).toHaveLength(2);
    expect(await db.selectFrom("service_posts").select("id").execute()).toHaveLength(3);
    expect(await db.selectFrom("service_hours").select("id").execute()).toHaveLength(4);
  });
});
