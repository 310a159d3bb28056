import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.ts";

/**
 * Copies of an organization's path (`members.primary_org_path` beside `primary_org_id`, …).
 *
 * The one list of them is the database table `org_path_copies` (migration 0008): a migration that
 * adds a copied path column calls `SELECT register_org_path_copy('<table>', '<path column>',
 * '<org id column>')`, which records it and installs the trigger that fills it from
 * `organizations.path` on every insert and every write of the org id (taking the tree lock
 * first). Moves read the same list here, so there is no per-table code to forget: nothing else
 * writes a copy. `org-path-copies.test.ts` fails for a path column that is not registered.
 */
export interface OrgPathCopy {
  table: string;
  pathColumn: string;
  orgIdColumn: string;
}

export async function listOrgPathCopies(db: Kysely<DB>): Promise<OrgPathCopy[]> {
  const rows = await db
    .selectFrom("org_path_copies")
    .select(["table_name", "path_column", "org_id_column"])
    .orderBy("table_name")
    .orderBy("path_column")
    .execute();
  return rows.map((r) => ({ table: r.table_name, pathColumn: r.path_column, orgIdColumn: r.org_id_column }));
}

/**
 * After a subtree's organizations moved from `fromPath` to `toPath`, rewrites every registered
 * copy under `fromPath`, in the caller's transaction (which holds the tree lock). Each row's
 * trigger checks the value against its organization's new path, so a copy can only ever agree.
 */
export async function moveOrgPathCopies(db: Kysely<DB>, fromPath: string, toPath: string): Promise<void> {
  const from = `${fromPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const cut = fromPath.length + 1;
  for (const copy of await listOrgPathCopies(db)) {
    const column = sql.id(copy.pathColumn);
    await sql`
      UPDATE ${sql.id(copy.table)} SET ${column} = ${toPath} || substr(${column}, ${cut})
       WHERE ${column} LIKE ${from}`.execute(db);
  }
}
