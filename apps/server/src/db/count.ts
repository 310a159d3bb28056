import { type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "./schema.ts";

/**
 * How many rows a list query (its joins and WHERE, without paging) matches: the `total` of every
 * `{ items, total }` answer. One place, so that counting can be changed for all lists at once
 * (issue 12: a count that does not scan a whole province for every page).
 */
// biome-ignore lint/suspicious/noExplicitAny: any list query of any table
export async function countRows(query: SelectQueryBuilder<DB, any, any>): Promise<number> {
  const row = await query.clearSelect().select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return (row as { n: number }).n;
}
