import type { Member } from "@huzhu/contracts";
import { maskPhone } from "@huzhu/domain";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestContext,
  expectError,
  makeIdNumber,
  type Session,
  type TestContext,
  testDatabaseKind,
} from "./helpers.ts";

/** Member and organization ids anywhere in a response body, by the shape of the objects holding them. */
function referencedIds(value: unknown, out = { members: new Set<number>(), orgs: new Set<number>() }) {
  if (Array.isArray(value)) for (const v of value) referencedIds(v, out);
  else if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.id === "number" && "idNumberMasked" in o) out.members.add(o.id);
    if (typeof o.id === "number" && "kind" in o && "category" in o) out.orgs.add(o.id);
    if (typeof o.parentId === "number") out.orgs.add(o.parentId);
    for (const key of ["primaryOrg", "coOrg"]) {
      const ref = o[key] as { id?: unknown } | null | undefined;
      if (ref && typeof ref.id === "number") out.orgs.add(ref.id);
    }
    if (Array.isArray(o.ancestors)) for (const a of o.ancestors as { id: number }[]) out.orgs.add(a.id);
    for (const v of Object.values(o)) referencedIds(v, out);
  }
  return out;
}

/**
 * The scoping matrix: for each role, what it may read, list, change and reveal, and that
 * everything else answers 403 or 404 without leaking a byte of the other jurisdiction.
 *
 * Fixture: village:a1 (钟一, 刘二, 李三 co-managed by unit:organ), village:a2 (王四) under
 * town:a; village:b1 (林五, 陈六) under town:b; unit:organ (练七) under the county.
 */
describe(`scoping matrix (${testDatabaseKind})`, () => {
  let t: TestContext;
  const org: Record<string, number> = {};
  const member: Record<string, number> = {};
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    t = await createTestContext();
    for (const key of ["county", "town:a", "town:b", "village:a1", "village:a2", "village:b1", "unit:organ"]) {
      org[key] = await t.orgId(key);
    }
    for (const name of ["钟一", "刘二", "李三", "王四", "林五", "陈六", "练七"]) member[name] = await t.memberId(name);
    for (const u of ["secretary", "secb", "member", "leader", "town", "organsec", "sysadmin", "secadmin", "auditor"]) {
      sessions[u] = await t.login(u);
    }
  }, 60_000);
  afterAll(async () => t?.close());

  const as = (username: string): Session => {
    const s = sessions[username];
    if (!s) throw new Error(`no session for ${username}`);
    return s;
  };
  const names = (res: LightMyRequestResponse) =>
    (res.json() as { items: Member[] }).items.map((m) => m.name).sort((a, b) => a.localeCompare(b));
  const sortedNames = (...n: string[]) => [...n].sort((a, b) => a.localeCompare(b));
  const validMember = (over: Record<string, unknown> = {}) => ({
    name: "新党员",
    gender: "male",
    ethnicity: "汉族",
    birthDate: "1988-08-08",
    idNumber: makeIdNumber("1988-08-08", "male", 888),
    phone: "13900001111",
    education: "bachelor",
    joinDate: "2012-07-01",
    status: "full",
    primaryOrgId: org["village:a1"],
    ...over,
  });

  describe("the secretary of village:a1 and everything of village:b1", () => {
    const seen: string[] = [];
    let secretary: Session;
    beforeAll(() => {
      const s = as("secretary");
      // Every response the secretary gets in this block is kept, to search for leaks at the end.
      secretary = {
        ...s,
        request: async (options) => {
          const res = await s.request(options);
          seen.push(res.body);
          return res;
        },
      };
    });

    it("cannot read village:b1 or its members (404)", async () => {
      expectError(await secretary.request({ method: "GET", url: `/api/orgs/${org["village:b1"]}` }), 404, {
        code: "not_found",
      });
      expectError(await secretary.request({ method: "GET", url: `/api/orgs/${org["town:b"]}` }), 404);
      for (const name of ["林五", "陈六"]) {
        expectError(await secretary.request({ method: "GET", url: `/api/members/${member[name]}` }), 404, {
          code: "not_found",
        });
      }
    });

    it("cannot list village:b1: not as children, not in a subtree search, not in the roster", async () => {
      expectError(await secretary.request({ method: "GET", url: `/api/orgs?parentId=${org["village:b1"]}` }), 404);
      expectError(await secretary.request({ method: "GET", url: `/api/orgs?parentId=${org["town:b"]}` }), 404);
      expectError(
        await secretary.request({
          method: "GET",
          url: `/api/orgs?q=${encodeURIComponent("村")}&within=${org["town:b"]}`,
        }),
        404,
      );
      expectError(await secretary.request({ method: "GET", url: `/api/members?orgId=${org["village:b1"]}` }), 404, {
        code: "not_found",
      });
      const search = await secretary.request({ method: "GET", url: `/api/orgs?q=${encodeURIComponent("灵岩")}` });
      expect(search.json()).toEqual({ items: [], total: 0 });
      const byName = await secretary.request({ method: "GET", url: `/api/members?q=${encodeURIComponent("林五")}` });
      expect(byName.json()).toEqual({ items: [], total: 0 });
      const { idNumber } = await t.personal("林五");
      const byIdNumber = await secretary.request({ method: "GET", url: `/api/members?q=${idNumber}` });
      expect(byIdNumber.json()).toEqual({ items: [], total: 0 });
      const all = await secretary.request({ method: "GET", url: "/api/members?pageSize=200" });
      expect(names(all)).toEqual(sortedNames("钟一", "刘二", "李三"));
      expect((all.json() as { total: number }).total).toBe(3);
    });

    it("cannot change village:b1 or its members: PATCH and reveal 404, create there 400 primaryOrgId", async () => {
      const before = await t.database.db
        .selectFrom("members")
        .select(["name", "phone_masked", "updated_at"])
        .where("id", "=", member.林五 as number)
        .executeTakeFirstOrThrow();
      expectError(
        await secretary.request({ method: "PATCH", url: `/api/members/${member.林五}`, payload: { name: "改名" } }),
        404,
        { code: "not_found" },
      );
      expectError(
        await secretary.request({
          method: "PATCH",
          url: `/api/members/${member.林五}`,
          payload: { phone: "13912345678", status: "probationary" },
        }),
        404,
      );
      for (const field of ["idNumber", "phone"]) {
        expectError(
          await secretary.request({
            method: "POST",
            url: `/api/members/${member.林五}/reveal`,
            payload: { field, reason: "核对信息" },
          }),
          404,
          { code: "not_found" },
        );
      }
      const after = await t.database.db
        .selectFrom("members")
        .select(["name", "phone_masked", "updated_at"])
        .where("id", "=", member.林五 as number)
        .executeTakeFirstOrThrow();
      expect(after).toEqual(before);

      const count = async () =>
        Number(
          (
            await t.database.db
              .selectFrom("members")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const n = await count();
      expectError(
        await secretary.request({
          method: "POST",
          url: "/api/members",
          payload: validMember({ primaryOrgId: org["village:b1"] }),
        }),
        400,
        { code: "org.notInScope", field: "primaryOrgId" },
      );
      expectError(
        await secretary.request({
          method: "POST",
          url: "/api/members",
          payload: validMember({ coOrgId: org["village:b1"] }),
        }),
        400,
        { code: "org.notInScope", field: "coOrgId" },
      );
      // Nor push one of their own members out into village:b1.
      expectError(
        await secretary.request({
          method: "PATCH",
          url: `/api/members/${member.钟一}`,
          payload: { primaryOrgId: org["village:b1"] },
        }),
        400,
        { field: "primaryOrgId" },
      );
      expect(await count()).toBe(n);
      // The tree is not the secretary's to change at all.
      expectError(
        await secretary.request({ method: "PATCH", url: `/api/orgs/${org["village:b1"]}`, payload: { name: "x" } }),
        403,
      );
      expectError(
        await secretary.request({
          method: "POST",
          url: `/api/orgs/${org["village:b1"]}/dissolve`,
          payload: { reason: "撤销测试" },
        }),
        403,
      );
    });

    it("records the refused reveal in the audit log as denied", async () => {
      const rows = await t.database.db
        .selectFrom("audit_log")
        .select(["actor_name", "result", "detail"])
        .where("action", "=", "member.reveal")
        .where("target_id", "=", String(member.林五))
        .orderBy("id")
        .execute();
      // Recorded by the HTTP layer from the route and the target; the body (field, reason) is not copied.
      const refusal = { httpMethod: "POST", route: "/api/members/:id/reveal", status: 404, code: "not_found" };
      expect(rows).toEqual([
        { actor_name: "secretary", result: "denied", detail: refusal },
        { actor_name: "secretary", result: "denied", detail: refusal },
      ]);
    });

    it("leaked nothing of village:b1 in any response body", async () => {
      expect(seen.length).toBeGreaterThan(15);
      const needles = ["林五", "陈六", "灵岩", "岩前"];
      const hiddenMembers = new Set<number>();
      for (const name of ["林五", "陈六"]) {
        const p = await t.personal(name);
        hiddenMembers.add(p.id);
        // Not the ID number's mask: 2 + 2 characters are shared by many members (member-privacy.test.ts).
        needles.push(p.idNumber);
        if (p.phone) needles.push(p.phone, maskPhone(p.phone));
      }
      const hiddenOrgs = new Set([org["village:b1"], org["town:b"]]);
      // The walker does find ids: the secretary's own members and branch are in the bodies.
      const all = referencedIds(seen.map((b) => JSON.parse(b)));
      expect(all.members).toContain(member.钟一);
      expect(all.orgs).toContain(org["village:a1"]);
      for (const body of seen) {
        for (const needle of needles) expect(body).not.toContain(needle);
        const refs = referencedIds(JSON.parse(body));
        for (const id of refs.members) expect(hiddenMembers.has(id), body).toBe(false);
        for (const id of refs.orgs) expect(hiddenOrgs.has(id), body).toBe(false);
      }
    });
  });

  describe("the member account", () => {
    it("sees only their own record, and cannot write, reveal or browse the tree", async () => {
      const s = as("member");
      const list = await s.request({ method: "GET", url: "/api/members" });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ total: 1, items: [{ id: member.刘二, name: "刘二" }] });
      const own = await s.request({ method: "GET", url: `/api/members/${member.刘二}` });
      expect(own.json()).toMatchObject({ id: member.刘二, abilities: { update: false, reveal: false } });
      // Not even the other members of the same branch.
      expectError(await s.request({ method: "GET", url: `/api/members/${member.钟一}` }), 404);
      expect((await s.request({ method: "GET", url: `/api/members?q=${encodeURIComponent("钟一")}` })).json()).toEqual({
        items: [],
        total: 0,
      });
      expectError(await s.request({ method: "GET", url: `/api/members?orgId=${org["village:a1"]}` }), 404);
      expectError(
        await s.request({ method: "PATCH", url: `/api/members/${member.刘二}`, payload: { name: "x" } }),
        403,
      );
      expectError(
        await s.request({
          method: "POST",
          url: `/api/members/${member.刘二}/reveal`,
          payload: { field: "phone", reason: "看看自己" },
        }),
        403,
      );
      expectError(await s.request({ method: "POST", url: "/api/members", payload: validMember() }), 403);
      expectError(await s.request({ method: "GET", url: "/api/orgs" }), 403);
      expectError(await s.request({ method: "GET", url: "/api/audit" }), 403);
    });
  });

  describe("the leader", () => {
    it("reads the whole county but cannot write or reveal (403)", async () => {
      const s = as("leader");
      const list = await s.request({ method: "GET", url: "/api/members?pageSize=200" });
      expect(names(list)).toEqual(sortedNames("钟一", "刘二", "李三", "王四", "林五", "陈六", "练七"));
      for (const m of (list.json() as { items: Member[] }).items)
        expect(m.abilities).toEqual({ update: false, reveal: false });
      expect((await s.request({ method: "GET", url: `/api/orgs/${org["village:b1"]}` })).statusCode).toBe(200);
      expect((await s.request({ method: "GET", url: `/api/members/${member.林五}` })).statusCode).toBe(200);

      expectError(
        await s.request({ method: "PATCH", url: `/api/members/${member.林五}`, payload: { name: "x" } }),
        403,
        {
          code: "forbidden",
        },
      );
      expectError(await s.request({ method: "POST", url: "/api/members", payload: validMember() }), 403);
      expectError(
        await s.request({
          method: "POST",
          url: `/api/members/${member.林五}/reveal`,
          payload: { field: "idNumber", reason: "领导查看" },
        }),
        403,
        { code: "forbidden" },
      );
      expectError(
        await s.request({ method: "PATCH", url: `/api/orgs/${org["village:b1"]}`, payload: { name: "x" } }),
        403,
      );
      expectError(
        await s.request({
          method: "POST",
          url: "/api/orgs",
          payload: { parentId: org.county, name: "x", kind: "branch", category: "school", area: "urban" },
        }),
        403,
      );
      expectError(await s.request({ method: "GET", url: "/api/audit" }), 403);
    });
  });

  describe("the administrators", () => {
    it("sysadmin and secadmin get 403 on every organization, member and audit route", async () => {
      for (const who of ["sysadmin", "secadmin"]) {
        const s = as(who);
        const calls = [
          s.request({ method: "GET", url: "/api/orgs" }),
          s.request({ method: "GET", url: `/api/orgs/${org.county}` }),
          s.request({ method: "PATCH", url: `/api/orgs/${org["village:a1"]}`, payload: { name: "x" } }),
          s.request({ method: "GET", url: "/api/members" }),
          s.request({ method: "GET", url: `/api/members/${member.钟一}` }),
          s.request({ method: "POST", url: "/api/members", payload: validMember() }),
          s.request({ method: "PATCH", url: `/api/members/${member.钟一}`, payload: { name: "x" } }),
          s.request({
            method: "POST",
            url: `/api/members/${member.钟一}/reveal`,
            payload: { field: "idNumber", reason: "管理员" },
          }),
          s.request({ method: "GET", url: "/api/audit" }),
        ];
        for (const res of await Promise.all(calls)) {
          expectError(res, 403, { code: "forbidden" });
          expect(res.body).not.toContain("钟一");
        }
      }
    });

    it("the auditor reads the audit log but not the tree or the roster", async () => {
      const s = as("auditor");
      expect((await s.request({ method: "GET", url: "/api/audit" })).statusCode).toBe(200);
      expectError(await s.request({ method: "GET", url: "/api/members" }), 403);
      expectError(await s.request({ method: "GET", url: `/api/members/${member.钟一}` }), 403);
      expectError(
        await s.request({
          method: "POST",
          url: `/api/members/${member.钟一}/reveal`,
          payload: { field: "idNumber", reason: "审计核查" },
        }),
        403,
      );
      expectError(await s.request({ method: "GET", url: "/api/orgs" }), 403);
    });
  });

  describe("the coordinator of town:a", () => {
    it("cannot see town:b or anything in it", async () => {
      const s = as("town");
      const bodies: string[] = [];
      const keep = async (p: Promise<LightMyRequestResponse>) => {
        const res = await p;
        bodies.push(res.body);
        return res;
      };
      expectError(await keep(s.request({ method: "GET", url: `/api/orgs/${org["town:b"]}` })), 404);
      expectError(await keep(s.request({ method: "GET", url: `/api/orgs/${org["village:b1"]}` })), 404);
      expectError(await keep(s.request({ method: "GET", url: `/api/members/${member.林五}` })), 404);
      expectError(await keep(s.request({ method: "GET", url: `/api/members?orgId=${org["town:b"]}` })), 404);
      expectError(
        await keep(s.request({ method: "PATCH", url: `/api/orgs/${org["town:b"]}`, payload: { secretaryName: "x" } })),
        404,
      );
      const roots = await keep(s.request({ method: "GET", url: "/api/orgs" }));
      expect((roots.json() as { items: { id: number }[] }).items.map((o) => o.id)).toEqual([org["town:a"]]);
      const list = await keep(s.request({ method: "GET", url: "/api/members?pageSize=200" }));
      expect(names(list)).toEqual(sortedNames("钟一", "刘二", "李三", "王四"));
      for (const body of bodies) {
        for (const needle of ["林五", "陈六", "灵岩", "岩前"]) expect(body).not.toContain(needle);
      }
    });
  });

  describe("a co-managed member (李三: primary village:a1, co-managed by unit:organ)", () => {
    it("is visible to the scopes of both organizations, and to no one else's", async () => {
      const expected = {
        id: member.李三,
        name: "李三",
        primaryOrg: { id: org["village:a1"], name: "中共三联村支部委员会" },
        coOrg: { id: org["unit:organ"], name: "中共武平县财政局支部委员会" },
      };
      // Co-managing reads; editing and revealing stay with the primary organization (co-managing.test.ts).
      for (const [who, manages] of [
        ["secretary", true],
        ["organsec", false],
        ["town", true],
      ] as const) {
        const res = await as(who).request({ method: "GET", url: `/api/members/${member.李三}` });
        expect(res.statusCode, `${who}: ${res.body}`).toBe(200);
        expect(res.json()).toMatchObject({ ...expected, abilities: { update: manages, reveal: manages } });
      }
      const organ = as("organsec");
      expect(names(await organ.request({ method: "GET", url: "/api/members" }))).toEqual(sortedNames("李三", "练七"));
      expect(names(await organ.request({ method: "GET", url: `/api/members?orgId=${org["unit:organ"]}` }))).toEqual(
        sortedNames("李三", "练七"),
      );
      const revealed = await organ.request({
        method: "POST",
        url: `/api/members/${member.李三}/reveal`,
        payload: { field: "idNumber", reason: "共管核对" },
      });
      expectError(revealed, 403, { code: "forbidden" });
      // The organ's secretary reaches 李三 only, not the rest of village:a1.
      expectError(await organ.request({ method: "GET", url: `/api/members/${member.钟一}` }), 404);
      expectError(await organ.request({ method: "GET", url: `/api/orgs/${org["village:a1"]}` }), 404);
      // And village:b1's secretary reaches neither.
      expectError(await as("secb").request({ method: "GET", url: `/api/members/${member.李三}` }), 404);
      expect(names(await as("secb").request({ method: "GET", url: "/api/members" }))).toEqual(
        sortedNames("林五", "陈六"),
      );
    });
  });
});
