import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
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

/**
 * The count, stopping after `upTo` rows when given: a region's coordinator sees 60,000 open needs,
 * and counting them all reads every one of them for each page (bench/README.md, 需求大厅), while
 * "1,000+" is all a page of cards says. `capped` is true when it stopped.
 */
export async function countRowsUpTo(
  db: Kysely<DB>,
  // biome-ignore lint/suspicious/noExplicitAny: any list query of any table
  query: SelectQueryBuilder<DB, any, any>,
  upTo: number | undefined,
): Promise<{ total: number; capped: boolean }> {
  if (upTo === undefined) return { total: await countRows(query), capped: false };
  const limited = query
    .clearSelect()
    .clearOrderBy()
    .select(sql`1`.as("one"))
    .limit(upTo + 1);
  const row = await db
    .selectFrom(limited.as("capped"))
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  const n = (row as { n: number }).n;
  return n > upTo ? { total: upTo, capped: true } : { total: n, capped: false };
}
