import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { insertDemoCounty } from "../src/demo/load.ts";
import { createDivisionDirectory } from "../src/modules/divisions/divisions.ts";
import { useAuditKey } from "../src/platform/audit.ts";
import { createCipher } from "../src/platform/crypto.ts";
import { fixtureCounty, TEST_PASSWORD } from "./helpers.ts";

/** Every file under a folder, with its bytes. */
function* filesUnder(dir: string): Generator<{ file: string; bytes: Buffer }> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield { file: full, bytes: fs.readFileSync(full) };
  }
}

/**
 * Hardship details at rest (issue 11): with the embedded database on disk, a case's details are
 * nowhere in the data folder's files — not in the tables, not in the write-ahead log — while a
 * member's name, stored in the clear, is found there by the same search (so the search can find).
 */
describe("hardship details in the embedded database's files", () => {
  it("are not found by a search of the data folder; a clear-text name is", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "huzhu-hardship-"));
    const DETAILS = "低保边缘户ZQX7-母亲瘫痪在床需人照料";
    try {
      useAuditKey(crypto.randomBytes(32));
      const cipher = createCipher(crypto.randomBytes(32));
      const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
      await migrate(database);
      const county = fixtureCounty();
      await database.db.transaction().execute((trx) => insertDemoCounty(trx, county, new Map(), cipher, TEST_PASSWORD));
      const app = await buildApp({
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
        payload: { username: "secretary", password: TEST_PASSWORD },
      });
      const cookie = login.cookies.find((c) => c.name === "huzhu_session")?.value as string;
      const csrf = login.json().csrfToken as string;
      const member = await database.db
        .selectFrom("members")
        .select("id")
        .where("name", "=", "刘二")
        .executeTakeFirstOrThrow();
      const created = await app.inject({
        method: "POST",
        url: "/api/hardship-cases",
        cookies: { huzhu_session: cookie },
        headers: { "x-csrf-token": csrf },
        payload: { memberId: member.id, category: "low_income", details: DETAILS },
      });
      expect(created.statusCode).toBe(201);
      const read = await app.inject({
        method: "GET",
        url: `/api/hardship-cases/${created.json().id}`,
        cookies: { huzhu_session: cookie },
      });
      expect(read.json().details).toBe(DETAILS);
      await app.close();
      await database.close();

      const needles = [Buffer.from(DETAILS), Buffer.from("ZQX7"), Buffer.from("母亲瘫痪在床")];
      const control = Buffer.from("刘二");
      let controlFound = false;
      let files = 0;
      for (const { file, bytes } of filesUnder(dataDir)) {
        files++;
        for (const needle of needles) expect(bytes.includes(needle), `${needle} in ${file}`).toBe(false);
        if (bytes.includes(control)) controlFound = true;
      }
      expect(files).toBeGreaterThan(10);
      expect(controlFound).toBe(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
