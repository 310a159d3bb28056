import type { Member } from "@huzhu/contracts";
import { idNumberCheckChar, maskIdNumber, maskPhone } from "@huzhu/domain";
import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoMember } from "../src/demo/generate.ts";
import {
  createTestContext,
  expectError,
  fixtureCounty,
  makeIdNumber,
  type Session,
  type TestContext,
  testDatabaseKind,
} from "./helpers.ts";

/**
 * The member roster: masked personal data, encryption at rest, audited reveal, validation with
 * clear localized errors, all-or-nothing writes, and search/filter/paging.
 */

// 30 more members in village:a2, with known attributes, so filters and paging have something to count.
const surnames = ["欧阳", "司马", "上官", "诸葛", "东方"];
const givens = ["明", "华", "芳", "军", "丽", "强"];
const educations = [
  "primary",
  "junior_high",
  "senior_high",
  "vocational",
  "associate",
  "bachelor",
  "master",
  "doctorate",
];
const extras: DemoMember[] = Array.from({ length: 30 }, (_, i) => {
  const gender = i % 2 === 0 ? "male" : "female";
  const birthDate = `${1960 + i}-0${(i % 9) + 1}-1${i % 10}`;
  return {
    name: `${surnames[i % 5]}${givens[i % 6]}`,
    gender,
    ethnicity: i % 7 === 0 ? "畲族" : "汉族",
    birthDate,
    idNumber: makeIdNumber(birthDate, gender, 300 + i),
    phone: i % 4 === 0 ? null : `1590000${String(1000 + i)}`,
    education: educations[i % educations.length] as DemoMember["education"],
    joinDate: `${1990 + i}-07-01`,
    status: i % 3 === 0 ? "probationary" : "full",
    orgKey: "village:a2",
    coOrgKey: null,
  };
});

describe(`member roster (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;
  let secretary: Session;
  const county = fixtureCounty();
  county.members.push(...extras);
  const all = county.members;
  let a1: number;

  beforeAll(async () => {
    t = await createTestContext({ county });
    coordinator = await t.login("coordinator");
    secretary = await t.login("secretary");
    a1 = await t.orgId("village:a1");
  }, 60_000);
  afterAll(async () => t?.close());

  const count = async (table: "members" | "audit_log") =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const list = (res: LightMyRequestResponse) => res.json() as { items: Member[]; total: number };
  const newMember = (over: Record<string, unknown> = {}) => ({
    name: "蓝新",
    gender: "female",
    ethnicity: "畲族",
    birthDate: "1992-04-05",
    idNumber: makeIdNumber("1992-04-05", "female", 77),
    phone: "13700002222",
    education: "associate",
    joinDate: "2015-06-30",
    status: "probationary",
    primaryOrgId: a1,
    ...over,
  });
  const withWrongCheckDigit = (id: string) => {
    const good = idNumberCheckChar(id.slice(0, 17));
    return id.slice(0, 17) + (good === "1" ? "2" : "1");
  };

  describe("masking and encryption at rest", () => {
    it("never puts a full ID number or phone in a list or a detail, only the masks", async () => {
      const res = await coordinator.request({ method: "GET", url: "/api/members?pageSize=200" });
      expect(res.statusCode).toBe(200);
      expect(list(res).total).toBe(all.length);
      const details = await Promise.all(
        list(res).items.map((m) => coordinator.request({ method: "GET", url: `/api/members/${m.id}` })),
      );
      for (const m of all) {
        expect(res.body).not.toContain(m.idNumber);
        if (m.phone) expect(res.body).not.toContain(m.phone);
        for (const d of details) {
          expect(d.body).not.toContain(m.idNumber);
          if (m.phone) expect(d.body).not.toContain(m.phone);
        }
      }
      const lisan = list(res).items.find((m) => m.name === "李三");
      const fixture = all.find((m) => m.name === "李三");
      expect(lisan?.idNumberMasked).toBe(maskIdNumber(fixture?.idNumber ?? ""));
      expect(lisan?.idNumberMasked).toMatch(/^35\*{14}\d[\dX]$/);
      expect(lisan?.phoneMasked).toBe(maskPhone(fixture?.phone ?? ""));
      expect(lisan?.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
      const withoutPhone = list(res).items.find((m) => m.name === extras[0]?.name);
      expect(withoutPhone?.phoneMasked).toBeNull();
      // Whitelisted fields: nothing else (no ciphertext, hash or path) leaves the server.
      expect(Object.keys(details[0]?.json() as object).sort()).toEqual(
        [
          "abilities",
          "age",
          "birthYear",
          "coOrg",
          "education",
          "ethnicity",
          "gender",
          "id",
          "idNumberMasked",
          "joinDate",
          "name",
          "phoneMasked",
          "primaryOrg",
          "status",
        ].sort(),
      );
    });

    it("stores ciphertext: a raw SELECT shows neither the plain value nor the mask", async () => {
      const rows = await sql<{ name: string; id_number_enc: Uint8Array; phone_enc: Uint8Array | null }>`
        SELECT name, id_number_enc, phone_enc FROM members ORDER BY id`.execute(t.database.db);
      expect(rows.rows).toHaveLength(all.length);
      for (const row of rows.rows) {
        const m = all.find((x) => x.name === row.name && t.cipher.decrypt(row.id_number_enc) === x.idNumber);
        expect(m, `row ${row.name} decrypts to its fixture ID number`).toBeDefined();
        if (!m) continue;
        const stored = Buffer.from(row.id_number_enc);
        expect(stored.length).toBeGreaterThan(18);
        for (const view of [stored.toString("utf8"), stored.toString("latin1"), stored.toString("hex")]) {
          expect(view).not.toContain(m.idNumber);
          expect(view).not.toContain(maskIdNumber(m.idNumber));
          expect(view).not.toContain(m.idNumber.slice(6, 14)); // not even the birth date digits
        }
        if (m.phone) {
          const phone = Buffer.from(row.phone_enc ?? new Uint8Array());
          expect(phone.toString("latin1")).not.toContain(m.phone);
          expect(t.cipher.decrypt(phone)).toBe(m.phone);
        } else expect(row.phone_enc).toBeNull();
      }
      // The same ID number encrypts differently each time (random nonce): no equality leaks.
      expect(t.cipher.encrypt("350824198001010011").equals(t.cipher.encrypt("350824198001010011"))).toBe(false);
    });
  });

  describe("reveal", () => {
    let zhong: { id: number; idNumber: string; phone: string | null };
    beforeAll(async () => {
      zhong = await t.personal("钟一");
    });
    const url = () => `/api/members/${zhong.id}/reveal`;

    it("checks 401, 400 (reason required), 403 and out-of-scope 404", async () => {
      expectError(
        await t.app.inject({ method: "POST", url: url(), payload: { field: "idNumber", reason: "核对" } }),
        401,
      );
      const noReason = expectError(
        await secretary.request({
          method: "POST",
          url: url(),
          headers: { "accept-language": "en" },
          payload: { field: "idNumber" },
        }),
        400,
        { field: "reason" },
      );
      expect(noReason.message).toBe("reason: is required");
      expectError(
        await secretary.request({ method: "POST", url: url(), payload: { field: "idNumber", reason: "  " } }),
        400,
        {
          field: "reason",
        },
      );
      expectError(
        await secretary.request({ method: "POST", url: url(), payload: { field: "name", reason: "核对身份" } }),
        400,
        {
          field: "field",
        },
      );
      expectError(
        await secretary.request({
          method: "POST",
          url: url(),
          payload: { field: "idNumber", reason: "核对身份", all: true },
        }),
        400,
        { code: "validation.unknown_field", field: "all" },
      );
      const leader = await t.login("leader");
      expectError(
        await leader.request({ method: "POST", url: url(), payload: { field: "idNumber", reason: "核对身份" } }),
        403,
      );
      const secb = await t.login("secb");
      const outside = await secb.request({
        method: "POST",
        url: url(),
        payload: { field: "idNumber", reason: "核对身份" },
      });
      expectError(outside, 404, { code: "not_found" });
      expect(outside.body).not.toContain(zhong.idNumber);
      // None of those refusals revealed anything or counted as a reveal.
      const successes = await t.database.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "member.reveal")
        .where("result", "=", "success")
        .execute();
      expect(successes).toEqual([]);
    });

    it("returns the full value and writes an audit record with actor, field, reason and target", async () => {
      const res = await secretary.request({
        method: "POST",
        url: url(),
        headers: { "x-forwarded-for": "10.9.8.7" },
        payload: { field: "idNumber", reason: "办理组织关系转接" },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ field: "idNumber", value: zhong.idNumber });
      const phone = await secretary.request({
        method: "POST",
        url: url(),
        payload: { field: "phone", reason: "联系本人" },
      });
      expect(phone.json()).toEqual({ field: "phone", value: zhong.phone });

      const secretaryId = (
        await t.database.db
          .selectFrom("users")
          .select("id")
          .where("username", "=", "secretary")
          .executeTakeFirstOrThrow()
      ).id;
      const rows = await t.database.db
        .selectFrom("audit_log")
        .select(["actor_id", "actor_name", "ip", "target_type", "target_id", "result", "detail", "at"])
        .where("action", "=", "member.reveal")
        .where("result", "=", "success")
        .orderBy("id")
        .execute();
      expect(rows.map(({ at: _at, ...r }) => r)).toEqual([
        {
          actor_id: secretaryId,
          actor_name: "secretary",
          // The app does not trust X-Forwarded-For unless configured to: the socket address is recorded.
          ip: "127.0.0.1",
          target_type: "member",
          target_id: String(zhong.id),
          result: "success",
          // Ids and field names only: the member's name is not copied into the log.
          detail: { field: "idNumber", reason: "办理组织关系转接" },
        },
        {
          actor_id: secretaryId,
          actor_name: "secretary",
          ip: "127.0.0.1",
          target_type: "member",
          target_id: String(zhong.id),
          result: "success",
          detail: { field: "phone", reason: "联系本人" },
        },
      ]);
      expect(Math.abs(new Date(rows[0]?.at ?? 0).getTime() - Date.now())).toBeLessThan(60_000);
      // The audit log records that a value was shown, never the value.
      expect(JSON.stringify(rows)).not.toContain(zhong.idNumber);
      expect(JSON.stringify(rows)).not.toContain(String(zhong.phone));
    });

    it("audits a refused reveal (out of scope, or no such member) as denied", async () => {
      const secb = await t.login("secb");
      await secb.request({ method: "POST", url: url(), payload: { field: "phone", reason: "越权查看" } });
      expectError(
        await secretary.request({
          method: "POST",
          url: "/api/members/999999/reveal",
          payload: { field: "idNumber", reason: "猜测编号" },
        }),
        404,
      );
      const denied = await t.database.db
        .selectFrom("audit_log")
        .select(["actor_name", "target_id", "detail", "ip"])
        .where("action", "=", "member.reveal")
        .where("result", "=", "denied")
        .orderBy("id")
        .execute();
      // Refusals are recorded by the HTTP layer from the route, the status and the target; the body
      // (and the reason typed into it) is not copied.
      const refusal = (status: number, code: string) => ({
        httpMethod: "POST",
        route: "/api/members/:id/reveal",
        status,
        code,
      });
      expect(denied).toEqual([
        // The leader's attempt above, turned away by the permission check before any handler ran.
        { actor_name: "leader", target_id: String(zhong.id), detail: refusal(403, "forbidden"), ip: "127.0.0.1" },
        { actor_name: "secb", target_id: String(zhong.id), detail: refusal(404, "not_found"), ip: "127.0.0.1" },
        { actor_name: "secb", target_id: String(zhong.id), detail: refusal(404, "not_found"), ip: "127.0.0.1" },
        { actor_name: "secretary", target_id: "999999", detail: refusal(404, "not_found"), ip: "127.0.0.1" },
      ]);
    });

    it("reveals a missing phone as null", async () => {
      const noPhone = (
        await coordinator.request({ method: "GET", url: `/api/members?q=${encodeURIComponent(extras[0]?.name ?? "")}` })
      ).json() as { items: Member[] };
      const target = noPhone.items.find((m) => m.phoneMasked === null);
      expect(target).toBeDefined();
      const res = await coordinator.request({
        method: "POST",
        url: `/api/members/${target?.id}/reveal`,
        payload: { field: "phone", reason: "联系本人" },
      });
      expect(res.json()).toEqual({ field: "phone", value: null });
    });
  });

  describe("create and edit: validation errors name the field, in the request's language", () => {
    const post = (payload: object, language?: string) =>
      secretary.request({
        method: "POST",
        url: "/api/members",
        payload,
        ...(language ? { headers: { "accept-language": language } } : {}),
      });

    it("checks 401 and 403 first", async () => {
      expectError(await t.app.inject({ method: "POST", url: "/api/members", payload: newMember() }), 401);
      expectError(
        await (await t.login("member")).request({ method: "POST", url: "/api/members", payload: newMember() }),
        403,
      );
    });

    it("a bad ID number check digit → 400 idNumber, in zh-CN (default), zh-TW and en", async () => {
      const bad = newMember({ idNumber: withWrongCheckDigit(newMember().idNumber) });
      const messages = {
        "": "身份证号：校验位不正确",
        "zh-CN": "身份证号：校验位不正确",
        "zh-TW,zh;q=0.9": "身分證號：校驗位不正確",
        "zh-Hant-HK": "身分證號：校驗位不正確",
        "en-US,en;q=0.9": "ID number: has a wrong check digit",
        "fr-FR, en;q=0.5": "ID number: has a wrong check digit",
      };
      for (const [language, message] of Object.entries(messages)) {
        const e = expectError(await post(bad, language || undefined), 400, {
          code: "idNumber.checkDigit",
          field: "idNumber",
        });
        expect(e.message, language).toBe(message);
      }
      expectError(await post(newMember({ idNumber: "35082419920405" })), 400, {
        code: "idNumber.format",
        field: "idNumber",
      });
      expectError(await post(newMember({ idNumber: "35082419921305002X" })), 400, { field: "idNumber" });
    });

    it("an ID number whose birth date or gender disagrees → 400 idNumber", async () => {
      const e = expectError(await post(newMember({ birthDate: "1992-04-06" }), "en"), 400, {
        code: "idNumber.birthDateMismatch",
        field: "idNumber",
      });
      expect(e.message).toBe("ID number: does not match the birth date");
      expectError(await post(newMember({ gender: "male" })), 400, {
        code: "idNumber.genderMismatch",
        field: "idNumber",
      });
    });

    it("a bad phone → 400 phone", async () => {
      for (const phone of ["12345", "2380000111", "23800001111", "1380000111a"]) {
        const e = expectError(await post(newMember({ phone }), "zh-TW"), 400, { code: "phone.format", field: "phone" });
        expect(e.message).toBe("手機號碼：應為 11 位手機號碼");
      }
    });

    it("impossible or malformed dates → 400 birthDate / joinDate", async () => {
      const e = expectError(await post(newMember({ birthDate: "2023-02-30" }), "en"), 400, {
        code: "date.invalid",
        field: "birthDate",
      });
      expect(e.message).toBe("birth date: is not a real date");
      expectError(await post(newMember({ joinDate: "2023-02-30" })), 400, { code: "date.invalid", field: "joinDate" });
      expectError(await post(newMember({ joinDate: "2015/06/30" })), 400, { code: "date.format", field: "joinDate" });
      expectError(await post(newMember({ joinDate: "2999-01-01" })), 400, { code: "date.future", field: "joinDate" });
    });

    it("joining before the 18th birthday → 400 joinDate; on the birthday is fine", async () => {
      const e = expectError(await post(newMember({ joinDate: "2010-04-04" }), "en"), 400, {
        code: "joinDate.tooYoung",
        field: "joinDate",
      });
      expect(e.message).toBe("join date: must be on or after the member's 18th birthday");
      const ok = await post(newMember({ joinDate: "2010-04-05", name: "蓝十八" }));
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ name: "蓝十八", joinDate: "2010-04-05" });
    });

    it("an unknown field → 400 naming it; a missing one → 400 naming it", async () => {
      const e = expectError(await post({ ...newMember(), nickname: "小蓝" }, "en"), 400, {
        code: "validation.unknown_field",
        field: "nickname",
      });
      expect(e.message).toBe("nickname: unknown field");
      const { education: _e, ...missing } = newMember();
      const m = expectError(await post(missing), 400, { field: "education" });
      expect(m.message).toBe("学历：必填");
      const wrong = expectError(await post(newMember({ status: "retired" }), "en"), 400, { field: "status" });
      expect(wrong.message).toBe('member status: Invalid option: expected one of "probationary"|"full"');
    });

    /** The newest audit record must be the refusal, never a success for a change that did not happen. */
    const expectOnlyRefusalAudited = async (before: number) => {
      expect(await count("audit_log")).toBe(before + 1);
      const last = await t.database.db
        .selectFrom("audit_log")
        .select(["action", "result"])
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(last).toEqual({ action: "member.create", result: "failure" });
    };

    it("a duplicate ID number → 409 idNumber, with no partial write: members unchanged, only the refusal audited", async () => {
      const lisan = await t.personal("李三");
      const members = await count("members");
      const audit = await count("audit_log");
      const dup = newMember({ name: "李三冒名", gender: "male", birthDate: "1980-05-06", idNumber: lisan.idNumber });
      const e = expectError(await post(dup, "zh-TW"), 409, { code: "idNumber.duplicate", field: "idNumber" });
      expect(e.message).toBe("身分證號：已有黨員使用此身分證號");
      expect(await count("members")).toBe(members);
      await expectOnlyRefusalAudited(audit);
    });

    // Two requests adding the same person at once: only a PostgreSQL server runs them side by side.
    it.runIf(testDatabaseKind === "postgres")(
      "a duplicate that slips past the check (added at the same moment) is still a 409, not a 500",
      async () => {
        const idNumber = makeIdNumber("1979-09-09", "female", 4343);
        const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(t.database.db)).rows[0]?.s;
        const other = new pg.Client({
          connectionString: process.env.TEST_DATABASE_URL,
          options: `-c search_path=${schema}`,
        });
        await other.connect();
        try {
          // The other "request" has inserted the same ID number but not committed yet.
          const otherPid = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid ?? 0;
          await other.query("BEGIN");
          await other.query(
            `INSERT INTO members (name, gender, ethnicity, birth_year, id_number_enc, id_number_hash, id_number_masked,
                                  education, join_date, status, primary_org_id, primary_org_path)
             SELECT '同时录入', 'female', '汉族', 1979, '\\x00', $1, 'x', 'primary', '2005-01-01', 'full', id, path
               FROM organizations WHERE id = $2`,
            [t.cipher.blindIndex(idNumber), a1],
          );
          const members = await count("members");
          const audit = await count("audit_log");
          const pending = post(newMember({ name: "同时录入", gender: "female", birthDate: "1979-09-09", idNumber }));
          for (let i = 0; i < 200; i++) {
            const waiting = await other.query("SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))", [
              otherPid,
            ]);
            if (waiting.rowCount) break;
            await new Promise((r) => setTimeout(r, 25));
          }
          await other.query("COMMIT");
          expectError(await pending, 409, { code: "idNumber.duplicate", field: "idNumber" });
          expect(await count("members")).toBe(members + 1);
          await expectOnlyRefusalAudited(audit);
        } finally {
          await other.query("DELETE FROM members WHERE name = '同时录入'");
          await other.end();
        }
      },
      30_000,
    );

    it("a failure after the row is written rolls the whole change back (create, edit, reveal)", async () => {
      // Make the audit write fail, as a full disk or a lost connection would, after the member row went in.
      await sql`CREATE FUNCTION test_fail_audit() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit write failed (test)'; END $$ LANGUAGE plpgsql`.execute(t.database.db);
      await sql`CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW
        WHEN (NEW.action IN ('member.create', 'member.update', 'member.reveal')) EXECUTE FUNCTION test_fail_audit()`.execute(
        t.database.db,
      );
      try {
        const members = await count("members");
        const audit = await count("audit_log");
        const created = await post(newMember({ name: "蓝半途", idNumber: makeIdNumber("1992-04-05", "female", 78) }));
        expectError(created, 500, { code: "internal" });
        expect(await count("members")).toBe(members);
        const zhong = await t.personal("钟一");
        const edited = await secretary.request({
          method: "PATCH",
          url: `/api/members/${zhong.id}`,
          payload: { name: "钟一改", phone: "13611112222" },
        });
        expectError(edited, 500);
        const row = await t.database.db
          .selectFrom("members")
          .select(["name", "phone_masked"])
          .where("id", "=", zhong.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ name: "钟一", phone_masked: maskPhone(zhong.phone ?? "") });
        // No audit record, no value: a reveal that cannot be audited does not happen.
        const revealed = await secretary.request({
          method: "POST",
          url: `/api/members/${zhong.id}/reveal`,
          payload: { field: "idNumber", reason: "审计失败时" },
        });
        expectError(revealed, 500);
        expect(revealed.body).not.toContain(zhong.idNumber);
        expect(await count("audit_log")).toBe(audit);
      } finally {
        await sql`DROP TRIGGER test_fail_audit ON audit_log`.execute(t.database.db);
        await sql`DROP FUNCTION test_fail_audit()`.execute(t.database.db);
      }
    });

    it("creates a valid member (masked in the answer, audited) and accepts a lower-case x", async () => {
      const idNumber = "35082419900101059X";
      const before = await count("members");
      const res = await post(
        newMember({
          name: "蓝叉",
          gender: "male",
          birthDate: "1990-01-01",
          idNumber: idNumber.toLowerCase(),
          phone: null,
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json() as Member;
      expect(created).toMatchObject({
        name: "蓝叉",
        idNumberMasked: "35**************9X",
        phoneMasked: null,
        primaryOrg: { id: a1, name: "中共三联村支部委员会" },
        coOrg: null,
        status: "probationary",
        abilities: { update: true, reveal: true },
      });
      expect(res.body).not.toContain(idNumber);
      expect(await count("members")).toBe(before + 1);
      expect((await t.personal("蓝叉")).idNumber).toBe(idNumber);
      const audit = await t.database.db
        .selectFrom("audit_log")
        .select(["actor_name", "result", "detail"])
        .where("action", "=", "member.create")
        .where("target_id", "=", String(created.id))
        .execute();
      expect(audit).toEqual([{ actor_name: "secretary", result: "success", detail: { primaryOrgId: a1 } }]);
      // Found again by the full ID number, either case.
      const found = list(await secretary.request({ method: "GET", url: `/api/members?q=${idNumber.toLowerCase()}` }));
      expect(found.items.map((m) => m.id)).toEqual([created.id]);
    });

    it("edits are checked against the stored record, all-or-nothing, and audited without values", async () => {
      const zhong = await t.personal("钟一");
      const lisan = await t.personal("李三");
      const url = `/api/members/${zhong.id}`;
      const patch = (payload: object, language?: string) =>
        secretary.request({
          method: "PATCH",
          url,
          payload,
          ...(language ? { headers: { "accept-language": language } } : {}),
        });
      const snapshot = () =>
        t.database.db.selectFrom("members").selectAll().where("id", "=", zhong.id).executeTakeFirstOrThrow();
      const before = await snapshot();

      expectError(await t.app.inject({ method: "PATCH", url, payload: { name: "x" } }), 401);
      expectError(await patch({ idNumber: withWrongCheckDigit(zhong.idNumber) }), 400, {
        code: "idNumber.checkDigit",
        field: "idNumber",
      });
      // A new birth date must agree with the stored ID number.
      expectError(await patch({ birthDate: "1970-01-03", name: "钟一一" }), 400, {
        code: "idNumber.birthDateMismatch",
        field: "idNumber",
      });
      expectError(await patch({ joinDate: "1980-01-01" }), 400, { code: "joinDate.tooYoung", field: "joinDate" });
      expectError(await patch({ phone: "phone" }), 400, { code: "phone.format", field: "phone" });
      expectError(await patch({ birthDate: "2023-02-30" }), 400, { code: "date.invalid", field: "birthDate" });
      expectError(await patch({ id: 5 }), 400, { code: "validation.unknown_field", field: "id" });
      expectError(await patch({ name: "钟一改", idNumber: lisan.idNumber, birthDate: "1980-05-06" }), 409, {
        code: "idNumber.duplicate",
        field: "idNumber",
      });
      expect(await snapshot()).toEqual(before);

      const res = await patch({ name: "钟一新", phone: "13655556666", education: "bachelor" });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: "钟一新", phoneMasked: "136****6666", education: "bachelor" });
      expect((await t.personal("钟一新")).phone).toBe("13655556666");
      const cleared = await patch({ phone: null });
      expect((cleared.json() as Member).phoneMasked).toBeNull();
      const audit = await t.database.db
        .selectFrom("audit_log")
        .select(["actor_name", "detail"])
        .where("action", "=", "member.update")
        .where("target_id", "=", String(zhong.id))
        .where("result", "=", "success")
        .orderBy("id")
        .execute();
      expect(audit).toEqual([
        { actor_name: "secretary", detail: { fields: ["name", "phone", "education"] } },
        { actor_name: "secretary", detail: { fields: ["phone"] } },
      ]);
      expect(JSON.stringify(audit)).not.toContain("13655556666");
    });
  });

  describe("search, filters and paging", () => {
    const get = async (query: string) => {
      const res = await coordinator.request({ method: "GET", url: `/api/members?pageSize=200&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return list(res);
    };
    // Everyone the coordinator sees, as the test's own record (the earlier tests added a few).
    let roster: Member[];
    beforeAll(async () => {
      roster = (await get("")).items;
    });
    const expectSame = (got: { items: Member[]; total: number }, want: Member[]) => {
      expect(got.total).toBe(want.length);
      expect(got.items.map((m) => m.id).sort((a, b) => a - b)).toEqual(want.map((m) => m.id).sort((a, b) => a - b));
    };

    it("checks 401 and 400 for the query", async () => {
      expectError(await t.app.inject({ method: "GET", url: "/api/members" }), 401);
      expectError(await coordinator.request({ method: "GET", url: "/api/members?pageSize=201" }), 400, {
        field: "pageSize",
      });
      expectError(await coordinator.request({ method: "GET", url: "/api/members?pageSize=0" }), 400, {
        field: "pageSize",
      });
      expectError(await coordinator.request({ method: "GET", url: "/api/members?page=0" }), 400, { field: "page" });
      expectError(await coordinator.request({ method: "GET", url: "/api/members?status=retired" }), 400, {
        field: "status",
      });
      expectError(await coordinator.request({ method: "GET", url: "/api/members?joinedFrom=2020-02-30" }), 400, {
        code: "date.invalid",
        field: "joinedFrom",
      });
      expectError(await coordinator.request({ method: "GET", url: "/api/members?sort=name" }), 400, {
        code: "validation.unknown_field",
        field: "sort",
      });
    });

    it("searches by a Chinese name substring", async () => {
      const ouyang = await get(`q=${encodeURIComponent("欧阳")}`);
      expect(ouyang.total).toBe(6);
      for (const m of ouyang.items) expect(m.name.startsWith("欧阳")).toBe(true);
      const ming = await get(`q=${encodeURIComponent("明")}`);
      expectSame(
        ming,
        roster.filter((m) => m.name.includes("明")),
      );
      expect(ming.total).toBe(5);
      expect((await get(`q=${encodeURIComponent("李三")}`)).items.map((m) => m.name)).toEqual(["李三"]);
      expect((await get(`q=${encodeURIComponent("%")}`)).total).toBe(0);
    });

    it("finds a member by the exact full ID number, and never by part of it", async () => {
      const lisan = await t.personal("李三");
      const found = await get(`q=${lisan.idNumber}`);
      expect(found.items.map((m) => m.name)).toEqual(["李三"]);
      expect((await get(`q=${lisan.idNumber.slice(0, 17)}`)).total).toBe(0);
      expect((await get(`q=${lisan.idNumber.slice(0, 6)}`)).total).toBe(0);
      expect((await get(`q=${maskIdNumber(lisan.idNumber)}`)).total).toBe(0);
    });

    it("filters by status, gender, education, ethnicity, join date range and organization", async () => {
      expectSame(
        await get("status=probationary"),
        roster.filter((m) => m.status === "probationary"),
      );
      expect((await get("status=probationary")).total).toBeGreaterThanOrEqual(10);
      expectSame(
        await get("gender=female"),
        roster.filter((m) => m.gender === "female"),
      );
      expectSame(
        await get("education=master"),
        roster.filter((m) => m.education === "master"),
      );
      expectSame(
        await get(`ethnicity=${encodeURIComponent("畲族")}`),
        roster.filter((m) => m.ethnicity === "畲族"),
      );
      const range = await get("joinedFrom=2000-01-01&joinedTo=2009-12-31");
      expectSame(
        range,
        roster.filter((m) => m.joinDate >= "2000-01-01" && m.joinDate <= "2009-12-31"),
      );
      // Bounds are inclusive: extras joined on 1 July each year from 1990.
      expect((await get("joinedFrom=1995-07-01&joinedTo=1995-07-01")).items.map((m) => m.joinDate)).toEqual([
        "1995-07-01",
      ]);
      const combined = await get(`gender=male&status=full&q=${encodeURIComponent("司马")}`);
      expectSame(
        combined,
        roster.filter((m) => m.gender === "male" && m.status === "full" && m.name.includes("司马")),
      );
      const a2 = await t.orgId("village:a2");
      const inA2 = await get(`orgId=${a2}`);
      expect(inA2.total).toBe(31);
      for (const m of inA2.items) expect(m.primaryOrg.id).toBe(a2);
    });

    it("pages with { items, total }, page and pageSize, in a stable order", async () => {
      const pageSize = 7;
      const pages: Member[][] = [];
      let total = -1;
      for (let page = 1; page <= Math.ceil(roster.length / pageSize) + 1; page++) {
        const res = await coordinator.request({ method: "GET", url: `/api/members?page=${page}&pageSize=${pageSize}` });
        const body = list(res);
        expect(Object.keys(body).sort()).toEqual(["items", "total"]);
        total = body.total;
        pages.push(body.items);
      }
      expect(total).toBe(roster.length);
      expect(pages.slice(0, -2).every((p) => p.length === pageSize)).toBe(true);
      expect(pages.at(-1)).toEqual([]);
      const ids = pages.flat().map((m) => m.id);
      expect(new Set(ids).size).toBe(roster.length);
      // Newest first, so a member just added is on the first page.
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      // Defaults: page 1, 20 per page.
      const first = list(await coordinator.request({ method: "GET", url: "/api/members" }));
      expect(first.items).toHaveLength(20);
      expect(first.items.map((m) => m.id)).toEqual(ids.slice(0, 20));
    });
  });
});
