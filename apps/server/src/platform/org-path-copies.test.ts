import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/helpers.ts";
import type { Database } from "../db/client.ts";
import { orgsRepository } from "../modules/orgs/orgs.repository.ts";
import { listOrgPathCopies } from "./org-path-copies.ts";

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await drop();
});

describe("every copy of an organization's path is registered", () => {
  /**
   * The rule: a column named `path` or ending in `_path` holds a materialized organization path,
   * wherever it is, except `organizations.path` itself (the original). Each one must be in
   * `org_path_copies` (migration 0008's register_org_path_copy), or listed here with the reason it
   * is not a copy of an organization's path. Name new columns of other paths otherwise (a file is
   * a `file_name`, a route a `route`), or add them to `notOrgPaths` with the reason.
   */
  const notOrgPaths: ReadonlyArray<{ table: string; column: string; why: string }> = [];

  it("finds no unregistered path column", async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      SELECT c.table_name, c.column_name
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
         AND (c.column_name = 'path' OR c.column_name LIKE '%\\_path')
         AND NOT (c.table_name = 'organizations' AND c.column_name = 'path')
       ORDER BY 1, 2`.execute(database.db);
    const registered = new Set((await listOrgPathCopies(database.db)).map((c) => `${c.table}.${c.pathColumn}`));
    const exempt = new Set(notOrgPaths.map((c) => `${c.table}.${c.column}`));
    const unregistered = columns.rows
      .map((c) => `${c.table_name}.${c.column_name}`)
      .filter((name) => !registered.has(name) && !exempt.has(name));
    expect(unregistered, "path columns not registered with register_org_path_copy").toEqual([]);
    // The rule does see the copies we have, so an empty answer above means something.
    expect(columns.rows.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(
      expect.arrayContaining(["members.co_org_path", "members.primary_org_path"]),
    );
  });

  it("each registered copy has its org id column and the trigger that fills it", async () => {
    const copies = await listOrgPathCopies(database.db);
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const found = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ${copy.table}
           AND column_name IN (${copy.pathColumn}, ${copy.orgIdColumn})`.execute(database.db);
      expect(found.rows[0]?.n, `${copy.table}.${copy.pathColumn}`).toBe(2);
      const trigger = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_trigger
         WHERE tgrelid = to_regclass(${copy.table}) AND tgname = ${`${copy.table}_${copy.pathColumn}_copy`}`.execute(
        database.db,
      );
      expect(trigger.rows[0]?.n, `trigger of ${copy.table}.${copy.pathColumn}`).toBe(1);
    }
  });
});

describe("the copies follow their organizations", () => {
  async function addOrg(name: string, parent: { id: number; path: string; depth: number } | null) {
    const id = (
      await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('organizations', 'id'))::int AS id`.execute(
        database.db,
      )
    ).rows[0]?.id as number;
    const org = { id, path: `${parent?.path ?? "/"}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    await sql`
      INSERT INTO organizations (id, parent_id, path, depth, name, kind, category, area)
      OVERRIDING SYSTEM VALUE
      VALUES (${id}, ${parent?.id ?? null}, ${org.path}, ${org.depth}, ${name}, 'branch', 'village', 'rural')`.execute(
      database.db,
    );
    return org;
  }

  /** A member inserted with deliberately wrong copies: the trigger must replace them. */
  async function addMember(name: string, primaryOrgId: number, coOrgId: number | null): Promise<number> {
    const r = await sql<{ id: number }>`
      INSERT INTO members (name, gender, ethnicity, birth_year, id_number_enc, id_number_hash, id_number_masked,
                           education, join_date, status, primary_org_id, primary_org_path, co_org_id, co_org_path)
      VALUES (${name}, 'male', '汉族', 1980, '\\x00', ${Buffer.from(name)}, 'x', 'primary', '2005-01-01', 'full',
              ${primaryOrgId}, '/wrong/', ${coOrgId}, ${coOrgId === null ? null : "/wrong/"})
      RETURNING id`.execute(database.db);
    return r.rows[0]?.id as number;
  }

  async function copiesOf(id: number) {
    return database.db
      .selectFrom("members")
      .select(["primary_org_path", "co_org_path"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  }

  async function pathOf(id: number): Promise<string> {
    return (await database.db.selectFrom("organizations").select("path").where("id", "=", id).executeTakeFirstOrThrow())
      .path;
  }

  it("fills a new row's copies from its organizations, whatever the insert said", async () => {
    const root = await addOrg("县委", null);
    const a = await addOrg("甲镇", root);
    const b = await addOrg("乙村", a);
    const id = await addMember("甲一", b.id, a.id);
    expect(await copiesOf(id)).toEqual({ primary_org_path: b.path, co_org_path: a.path });
    const alone = await addMember("甲二", a.id, null);
    expect(await copiesOf(alone)).toEqual({ primary_org_path: a.path, co_org_path: null });
  });

  it("follows a change of organization, and puts back a copy written by hand", async () => {
    const root = await addOrg("县委", null);
    const a = await addOrg("丙镇", root);
    const b = await addOrg("丁村", root);
    const id = await addMember("丙一", a.id, null);
    await database.db
      .updateTable("members")
      .set({ primary_org_id: b.id, co_org_id: a.id })
      .where("id", "=", id)
      .execute();
    expect(await copiesOf(id)).toEqual({ primary_org_path: b.path, co_org_path: a.path });
    await sql`UPDATE members SET primary_org_path = '/1/' WHERE id = ${id}`.execute(database.db);
    expect((await copiesOf(id)).primary_org_path).toBe(b.path);
    await database.db.updateTable("members").set({ co_org_id: null }).where("id", "=", id).execute();
    expect((await copiesOf(id)).co_org_path).toBeNull();
  });

  it("a move rewrites every copy under the moved subtree", async () => {
    const root = await addOrg("县委", null);
    const townA = await addOrg("戊镇", root);
    const townB = await addOrg("己镇", root);
    const village = await addOrg("庚村", townA);
    const team = await addOrg("庚村一组", village);
    const inVillage = await addMember("庚一", village.id, townB.id);
    const inTeam = await addMember("庚二", team.id, village.id);
    const outside = await addMember("己一", townB.id, team.id);
    await database.db.transaction().execute(async (trx) => {
      const orgs = orgsRepository(trx);
      await orgs.lockTree("restructure");
      await orgs.moveSubtree(village, townB);
    });
    const newVillage = await pathOf(village.id);
    const newTeam = await pathOf(team.id);
    expect(newVillage).toBe(`${townB.path}${village.id}/`);
    expect(newTeam).toBe(`${newVillage}${team.id}/`);
    expect(await copiesOf(inVillage)).toEqual({ primary_org_path: newVillage, co_org_path: townB.path });
    expect(await copiesOf(inTeam)).toEqual({ primary_org_path: newTeam, co_org_path: newVillage });
    expect(await copiesOf(outside)).toEqual({ primary_org_path: townB.path, co_org_path: newTeam });
    // And nothing anywhere disagrees with its organization, for every registered copy.
    for (const copy of await listOrgPathCopies(database.db)) {
      const r = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ${sql.table(copy.table)} t JOIN organizations o ON o.id = t.${sql.ref(copy.orgIdColumn)}
         WHERE t.${sql.ref(copy.pathColumn)} IS DISTINCT FROM o.path`.execute(database.db);
      expect(r.rows[0]?.n, `${copy.table}.${copy.pathColumn}`).toBe(0);
    }
  });
});
