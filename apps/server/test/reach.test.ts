import type { Role } from "@huzhu/contracts";
import { type RawBuilder, type SqlBool, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, type Reach, reachInRow, reachSql, scopeFor } from "../src/platform/access.ts";
import { createTestContext, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * The relationship reach the next modules stand on (issue 7): a pairing visible to both sides, a
 * record shared with partners, a record published to a jurisdiction, a condition on a relation.
 * Each relation is SQL; these tests run it on the fixture county's real tables (pairings name
 * organizations by id, organizations carry paths) and compare with what the tree says.
 */
describe(`relationship reach as SQL (${testDatabaseKind})`, () => {
  let t: TestContext;
  const ids: Record<string, number> = {};

  const actor = (role: Role, orgKey: string | null, memberId: number | null = null): Actor => ({
    userId: 1,
    username: "reach",
    displayName: "reach",
    memberId,
    roles: [
      {
        id: 1,
        role,
        orgId: orgKey ? (ids[orgKey] as number) : null,
        orgName: null,
        orgPath: orgKey ? (paths[orgKey] ?? null) : null,
      },
    ],
    sessionId: "s",
    csrfToken: "c",
    ip: null,
    gates: [],
    secondFactor: false,
  });
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    for (const key of ["county", "town:a", "town:b", "village:a1", "village:a2", "village:b1", "unit:organ"]) {
      ids[key] = await t.orgId(key);
      const row = await t.database.db
        .selectFrom("organizations")
        .select("path")
        .where("id", "=", ids[key] as number)
        .executeTakeFirstOrThrow();
      paths[key] = row.path;
    }
    // The organ helps village:a1 (active); it once helped village:b1 (concluded, so no longer partners).
    await t.database.db
      .insertInto("pairings")
      .values([
        {
          helper_org_id: ids["unit:organ"] as number,
          recipient_org_id: ids["village:a1"] as number,
          form: "urban_rural",
        },
        {
          helper_org_id: ids["unit:organ"] as number,
          recipient_org_id: ids["village:b1"] as number,
          form: "urban_rural",
          status: "concluded",
        },
      ])
      .execute();
  }, 60_000);
  afterAll(async () => t?.close());

  /** Keys of the organizations a condition on `organizations` lets through. */
  async function orgsWhere(condition: RawBuilder<SqlBool>): Promise<string[]> {
    const rows = await t.database.db.selectFrom("organizations").select("id").where(condition).execute();
    const found = new Set(rows.map((r) => r.id));
    return Object.keys(ids)
      .filter((k) => found.has(ids[k] as number))
      .sort();
  }

  async function pairingsWhere(condition: RawBuilder<SqlBool>): Promise<string[]> {
    const rows = await t.database.db
      .selectFrom("pairings")
      .select(["helper_org_id", "recipient_org_id", "status"])
      .where(condition)
      .orderBy("id")
      .execute();
    // Organization pairings only here (member–member pairings name no organization).
    const key = (id: number | null) => Object.keys(ids).find((k) => ids[k] === id);
    return rows.map((r) => `${key(r.helper_org_id)}→${key(r.recipient_org_id)} ${r.status}`);
  }

  it("party: a pairing is reached from above either side, and from nowhere else", async () => {
    const parties: Reach = [
      { kind: "party", column: "pairings.helper_org_id" },
      { kind: "party", column: "pairings.recipient_org_id" },
    ];
    const of = (role: Role, key: string | null) =>
      pairingsWhere(reachSql(scopeFor(actor(role, key), "org.read"), parties));
    // The recipient's secretary and its town see the pairing of their village, not the other one.
    expect(await of("secretary", "village:a1")).toEqual(["unit:organ→village:a1 active"]);
    expect(await of("coordinator", "town:a")).toEqual(["unit:organ→village:a1 active"]);
    // The helper's secretary sees both of its pairings; the county sees everything.
    expect(await of("secretary", "unit:organ")).toEqual([
      "unit:organ→village:a1 active",
      "unit:organ→village:b1 concluded",
    ]);
    expect((await of("coordinator", "county")).length).toBe(2);
    // A sibling village reaches neither.
    expect(await of("secretary", "village:a2")).toEqual([]);
  });

  it("partner: the other side of an active pairing with one's subtree, never a concluded one", async () => {
    const partners: Reach = [{ kind: "partner", column: "organizations.id" }];
    const of = (role: Role, key: string) => orgsWhere(reachSql(scopeFor(actor(role, key), "org.read"), partners));
    expect(await of("secretary", "village:a1")).toEqual(["unit:organ"]);
    expect(await of("secretary", "unit:organ")).toEqual(["village:a1"]);
    // The town above village:a1 is a partner of the organ through its village.
    expect(await of("coordinator", "town:a")).toEqual(["unit:organ"]);
    // The pairing with village:b1 is concluded: no partnership left.
    expect(await of("secretary", "village:b1")).toEqual([]);
  });

  it("published: a record published to a jurisdiction reaches every role inside it, not above or beside", async () => {
    // organizations.path read as "published to this jurisdiction": the rows reached are the
    // jurisdictions that contain the caller's organization.
    const published: Reach = [{ kind: "published", column: "organizations.path" }];
    const of = (role: Role, key: string) => orgsWhere(reachSql(scopeFor(actor(role, key), "org.read"), published));
    expect(await of("secretary", "village:a1")).toEqual(["county", "town:a", "village:a1"]);
    expect(await of("coordinator", "town:b")).toEqual(["county", "town:b"]);
  });

  it("partyThrough: a record reached through the parties another table lists for it", async () => {
    // An organization reached through the pairings that name it as recipient, helpers counting:
    // the organ's secretary reaches village:a1 (active) but not village:b1 (concluded, excluded by when).
    const throughPairings: Reach = [
      {
        kind: "partyThrough",
        column: "organizations.id",
        through: {
          table: "pairings",
          key: "recipient_org_id",
          party: "helper_org_id",
          when: sql<SqlBool>`reach_t.status = 'active'`,
        },
      },
    ];
    const of = (role: Role, key: string) =>
      orgsWhere(reachSql(scopeFor(actor(role, key), "org.read"), throughPairings));
    expect(await of("secretary", "unit:organ")).toEqual(["village:a1"]);
    expect(await of("coordinator", "county")).toEqual(["village:a1"]);
    expect(await of("secretary", "village:a2")).toEqual([]);
    // With the party's path on the through-table (a registered copy), the same answer without the
    // join through organizations: organizations reached through their members' primary organization.
    const throughMembers = (partyPath?: string): Reach => [
      {
        kind: "partyThrough",
        column: "organizations.id",
        through: { table: "members", key: "primary_org_id", party: "primary_org_id", partyPath },
      },
    ];
    for (const [role, key] of [
      ["coordinator", "town:a"],
      ["secretary", "village:a1"],
      ["coordinator", "county"],
    ] as const) {
      const scope = scopeFor(actor(role, key), "org.read");
      const joined = await orgsWhere(reachSql(scope, throughMembers()));
      expect(joined.length, key).toBeGreaterThan(0);
      expect(await orgsWhere(reachSql(scope, throughMembers("primary_org_path"))), key).toEqual(joined);
    }
  });

  it("when: a relation counts only for rows that share that way", async () => {
    const activeOnly: Reach = [
      { kind: "party", column: "pairings.recipient_org_id", when: sql<SqlBool>`pairings.status = 'active'` },
    ];
    const of = (key: string) => pairingsWhere(reachSql(scopeFor(actor("secretary", key), "org.read"), activeOnly));
    expect(await of("village:a1")).toEqual(["unit:organ→village:a1 active"]);
    expect(await of("village:b1")).toEqual([]);
  });

  it("subtree, self and owner, and the two ends: global reaches all, an empty scope nothing", async () => {
    const tree: Reach = [{ kind: "subtree", column: "organizations.path" }];
    expect(await orgsWhere(reachSql(scopeFor(actor("coordinator", "town:a"), "org.read"), tree))).toEqual([
      "town:a",
      "village:a1",
      "village:a2",
    ]);
    // An administrator's scope is global; a role without the grant has an empty one.
    expect((await orgsWhere(reachSql(scopeFor(actor("security_admin", null), "role.manage"), tree))).length).toBe(7);
    expect(await orgsWhere(reachSql(scopeFor(actor("member", "village:a1"), "org.read"), tree))).toEqual([]);
    // The member role reaches its own record; "authenticated" the caller's own account.
    const memberId = await t.memberId("刘二");
    const self = await t.database.db
      .selectFrom("members")
      .select("name")
      .where(
        reachSql(scopeFor(actor("member", "village:a1", memberId), "member.read"), [
          { kind: "selfMember", column: "members.id" },
        ]),
      )
      .execute();
    expect(self.map((m) => m.name)).toEqual(["刘二"]);
    const own = await t.database.db
      .selectFrom("users")
      .select("id")
      .where(reachSql(scopeFor(actor("member", null), "authenticated"), [{ kind: "ownerUser", column: "users.id" }]))
      .execute();
    expect(own.map((u) => u.id)).toEqual([1]);
  });

  it("reachInRow answers as reachSql does, row by row, wherever it answers at all", async () => {
    const members = await t.database.db.selectFrom("members").selectAll().execute();
    const published = await t.database.db
      .selectFrom("organizations")
      .select(["id", "path", "path as published_path"])
      .execute();
    const reaches: Array<{ table: "members" | "organizations"; reach: Reach }> = [
      {
        table: "members",
        reach: [
          { kind: "subtree", column: "members.primary_org_path" },
          { kind: "subtree", column: "members.co_org_path" },
          { kind: "selfMember", column: "members.id" },
        ],
      },
      { table: "organizations", reach: [{ kind: "published", column: "organizations.published_path" }] },
    ];
    const memberId = await t.memberId("刘二");
    const actors = [
      actor("coordinator", "county"),
      actor("coordinator", "town:a"),
      actor("secretary", "village:a1"),
      actor("secretary", "unit:organ"),
      actor("member", "village:a1", memberId),
      actor("security_admin", null),
    ];
    let answered = 0;
    for (const a of actors) {
      for (const { table, reach } of reaches) {
        const scope = scopeFor(a, table === "members" ? "member.read" : "org.read");
        const rows: Array<Record<string, unknown>> = table === "members" ? members : published;
        const bySql =
          table === "members"
            ? (await t.database.db.selectFrom("members").select("id").where(reachSql(scope, reach)).execute()).map(
                (r) => r.id,
              )
            : (
                await t.database.db
                  .selectFrom("organizations")
                  .select("id")
                  .where(reachSql(scope, [{ kind: "published", column: "organizations.path" }]))
                  .execute()
              ).map((r) => r.id);
        const inRows = rows.map((r) => reachInRow(scope, reach, r));
        if (inRows.some((x) => x === undefined)) continue;
        answered += 1;
        expect(
          rows
            .filter((_, i) => inRows[i])
            .map((r) => r.id as number)
            .sort(),
        ).toEqual([...bySql].sort());
      }
    }
    expect(answered).toBe(actors.length * reaches.length);
    // What it cannot answer from a row it leaves to SQL.
    expect(
      reachInRow(scopeFor(actors[0] as Actor, "org.read"), [{ kind: "party", column: "x.org_id" }], { org_id: 1 }),
    ).toBe(undefined);
    expect(
      reachInRow(scopeFor(actors[0] as Actor, "member.read"), [{ kind: "subtree", column: "members.other_path" }], {
        id: 1,
      }),
    ).toBe(undefined);
  });
});
