import type { Member } from "@huzhu/contracts";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.ts";
import { migrations } from "../src/db/migrations/index.ts";
import {
  createTestContext,
  expectError,
  fixtureCounty,
  makeIdNumber,
  type TestContext,
  testDatabaseKind,
} from "./helpers.ts";

/**
 * Nothing a role sees without a reveal determines a member's ID number (issue 6, hole 2): the mask
 * shows 2 + 2 characters, the roster gives the birth year and an age that does not move on the
 * birthday, and the full birth date (the eight digits the old mask hid) is kept only inside the
 * encrypted ID number: it is shown through an audited reveal, like the ID number and phone.
 */
const masked = /^\d{2}\*{14}\d[\dX]$/;

describe(`member privacy (${testDatabaseKind})`, () => {
  let t: TestContext;
  const county = fixtureCounty();

  beforeAll(async () => {
    // A fixed clock late in the year: most birthdays have passed, so an age in completed years would
    // differ from member to member of the same birth year, and give away which side of today they fall.
    t = await createTestContext({ county, clock: () => new Date("2026-11-28T08:00:00Z") });
  }, 60_000);
  afterAll(async () => t?.close());

  const birthDates = () => county.members.map((m) => m.birthDate);

  it("gives birth year and age instead of the birth date, and a mask that hides the birth date", async () => {
    const leader = await t.login("leader");
    const list = await leader.request({ method: "GET", url: "/api/members?pageSize=200" });
    expect(list.statusCode, list.body).toBe(200);
    const items = (list.json() as { items: Member[] }).items;
    expect(items).toHaveLength(county.members.length);
    const details = await Promise.all(items.map((m) => leader.request({ method: "GET", url: `/api/members/${m.id}` })));
    for (const body of [list.body, ...details.map((d) => d.body)]) {
      for (const date of birthDates()) {
        expect(body).not.toContain(date);
        expect(body).not.toContain(date.replaceAll("-", ""));
      }
      expect(body).not.toContain("birthDate");
    }
    const zhong = items.find((m) => m.name === "钟一");
    expect(zhong).toMatchObject({ birthYear: 1970, age: 56 });
    expect(zhong?.idNumberMasked).toMatch(masked);
    // Born on 2 January and on 9 September: the same rule, whatever the day.
    expect(items.find((m) => m.name === "林五")).toMatchObject({ birthYear: 1990, age: 36 });
    for (const m of items) expect(m.idNumberMasked).toMatch(masked);
  });

  it("exports the birth year and the new mask, never the birth date", async () => {
    const coordinator = await t.login("coordinator");
    const res = await coordinator.request({ method: "GET", url: "/api/members/export" });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.push(cell.text);
      });
      rows.push(cells);
    });
    const [header, ...data] = rows;
    expect(header?.[3]).toBe("出生年份");
    expect(data.find((r) => r[0] === "钟一")?.slice(3, 5)).toEqual(["1970", expect.stringMatching(masked)]);
    const text = rows.flat().join("\n");
    for (const date of birthDates()) {
      expect(text).not.toContain(date);
      expect(text).not.toContain(date.replaceAll("-", ""));
    }
  });

  it("keeps no birth date in the clear at rest: only the birth year beside the ciphertext", async () => {
    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
       WHERE table_name = 'members' AND table_schema = current_schema()`.execute(t.database.db);
    const names = columns.rows.map((c) => c.column_name);
    expect(names).toContain("birth_year");
    expect(names).not.toContain("birth_date");
    const rows = await sql<Record<string, unknown>>`SELECT * FROM members`.execute(t.database.db);
    const dump = JSON.stringify(rows.rows);
    for (const date of birthDates()) {
      expect(dump).not.toContain(date);
      expect(dump).not.toContain(date.replaceAll("-", ""));
    }
  });

  it("reveals the full birth date to the primary organization's writers, audited like the ID number", async () => {
    const secretary = await t.login("secretary");
    const zhong = await t.memberId("钟一");
    const res = await secretary.request({
      method: "POST",
      url: `/api/members/${zhong}/reveal`,
      payload: { field: "birthDate", reason: "核对出生日期" },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ field: "birthDate", value: "1970-01-02" });
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result", "target_id", "detail"])
      .where("action", "=", "member.reveal")
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_name: "secretary",
        result: "success",
        target_id: String(zhong),
        detail: expect.objectContaining({ field: "birthDate" }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain("1970-01-02");
    expectError(
      await (await t.login("leader")).request({
        method: "POST",
        url: `/api/members/${zhong}/reveal`,
        payload: { field: "birthDate", reason: "核对出生日期" },
      }),
      403,
    );
  });

  it("still takes the birth date on create and edit, checked against the ID number", async () => {
    const secretary = await t.login("secretary");
    const a1 = await t.orgId("village:a1");
    const body = {
      name: "蓝新",
      gender: "female",
      ethnicity: "畲族",
      birthDate: "1992-04-05",
      idNumber: makeIdNumber("1992-04-05", "female", 77),
      education: "associate",
      joinDate: "2015-06-30",
      status: "probationary",
      primaryOrgId: a1,
    };
    expectError(
      await secretary.request({ method: "POST", url: "/api/members", payload: { ...body, birthDate: "1992-04-06" } }),
      400,
      {
        code: "idNumber.birthDateMismatch",
        field: "idNumber",
      },
    );
    const created = await secretary.request({ method: "POST", url: "/api/members", payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const member = created.json() as Member;
    expect(member).toMatchObject({ birthYear: 1992, age: 34 });
    const url = `/api/members/${member.id}`;
    // The stored birth date is the one inside the stored ID number.
    expectError(await secretary.request({ method: "PATCH", url, payload: { birthDate: "1992-04-06" } }), 400, {
      code: "idNumber.birthDateMismatch",
    });
    expect((await secretary.request({ method: "PATCH", url, payload: { birthDate: "1992-04-05" } })).statusCode).toBe(
      200,
    );
    // A new ID number with another birth date needs that birth date too, and moves the birth year.
    const newId = makeIdNumber("1993-01-31", "female", 78);
    expectError(await secretary.request({ method: "PATCH", url, payload: { idNumber: newId } }), 400, {
      code: "idNumber.birthDateMismatch",
    });
    const moved = await secretary.request({
      method: "PATCH",
      url,
      payload: { idNumber: newId, birthDate: "1993-01-31" },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ birthYear: 1993, age: 33 });
    // Joining before the 18th birthday is still refused, from the birth date inside the ID number.
    expectError(await secretary.request({ method: "PATCH", url, payload: { joinDate: "2011-01-30" } }), 400, {
      code: "joinDate.tooYoung",
    });
  });

  it("filters the roster by age band", async () => {
    const coordinator = await t.login("coordinator");
    const names = async (query: string) =>
      (
        (await coordinator.request({ method: "GET", url: `/api/members?pageSize=200&${query}` })).json() as {
          items: Member[];
        }
      ).items
        .map((m) => m.name)
        .sort();
    // 钟一 1970 (56), 刘二 1985 (41), 林五 1990 (36); the others 1980 (46), 蓝新 1993 (33).
    expect(await names("ageFrom=50")).toEqual(["钟一"]);
    expect(await names("ageFrom=36&ageTo=41")).toEqual(["刘二", "林五"].sort());
    expectError(await coordinator.request({ method: "GET", url: "/api/members?ageFrom=-1" }), 400, {
      field: "ageFrom",
    });
  });
});

describe(`migration 0004_member_privacy (${testDatabaseKind === "pglite" ? "pglite" : "pglite only"})`, () => {
  it("fills the birth year, drops the clear birth date and re-masks stored ID numbers", async () => {
    const database = await openDatabase({});
    try {
      const index = migrations.findIndex((m) => m.name === "0004_member_privacy");
      expect(index).toBeGreaterThan(0);
      for (const m of migrations.slice(0, index)) await database.execScript(m.script);
      await database.execScript(`
        INSERT INTO organizations (parent_id, path, depth, name, kind, category, area)
          VALUES (NULL, '/1/', 0, '中共武平县委员会', 'committee', 'county', 'urban');
        INSERT INTO members (name, gender, ethnicity, birth_date, id_number_enc, id_number_hash, id_number_masked,
                             education, join_date, status, primary_org_id, primary_org_path)
          VALUES ('钟一', 'male', '汉族', '1953-01-01', '\\x00', '\\x01', '350824********1953', 'primary',
                  '1975-07-01', 'full', 1, '/1/'),
                 ('刘二', 'female', '汉族', '1990-12-31', '\\x00', '\\x02', '350824********004X', 'primary',
                  '2015-07-01', 'full', 1, '/1/');`);
      await database.execScript(migrations[index]?.script ?? "");
      const rows = await sql<{ name: string; birth_year: number; id_number_masked: string }>`
        SELECT name, birth_year, id_number_masked FROM members ORDER BY name`.execute(database.db);
      expect(rows.rows).toEqual([
        { name: "刘二", birth_year: 1990, id_number_masked: "35**************4X" },
        { name: "钟一", birth_year: 1953, id_number_masked: "35**************53" },
      ]);
      const cols = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns WHERE table_name = 'members'`.execute(database.db);
      expect(cols.rows.map((c) => c.column_name)).not.toContain("birth_date");
    } finally {
      await database.close();
    }
  });
});
