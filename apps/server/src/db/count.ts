import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
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
 * The count and the given lists' versions in one statement: a total that can be kept with a page
 * read in another statement when both saw the same versions (keptPages).
 */
export async function countWithVersions(
  // biome-ignore lint/suspicious/noExplicitAny: any list query of any table
  query: SelectQueryBuilder<DB, any, any>,
  lists: readonly CountedList[],
): Promise<{ total: number; versions: Partial<ListVersions> }> {
  const row = (await query
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`count(*)::int`.as("n"))
    .select(lists.map((l) => listVersion(l).as(l)))
    .executeTakeFirstOrThrow()) as { n: number } & Partial<ListVersions>;
  const { n, ...versions } = row;
  return { total: n, versions };
}

/**
 * What `list_changes` versions (migration 0025, triggers on the tables): the roster ('members') and
 * what signed-in actors are built from ('auth': sessions, accounts, roles, organizations).
 */
export type CountedList = "members" | "auth";

/** Every versioned list's version, as one statement's snapshot saw them. */
export type ListVersions = Readonly<Record<CountedList, string>>;

/**
 * All lists' versions in one statement (the request's sign-in check reads them: modules/auth
 * `authenticate`), so that what a request keeps or reuses is checked without another round trip.
 */
export const listVersionsSql = (): RawBuilder<ListVersions> =>
  sql<ListVersions>`(SELECT json_build_object(
    'members', coalesce(sum(weight) FILTER (WHERE list = 'members'), 0)::text,
    'auth', coalesce(sum(weight) FILTER (WHERE list = 'auth'), 0)::text) FROM list_changes)`;

/**
 * The list's version as the statement's snapshot sees it: how many transactions that wrote the
 * list had committed (migration 0025). Add it to a page's query to learn, in the same round trip,
 * whether a kept total still holds.
 */
export const listVersion = (list: CountedList): RawBuilder<string> =>
  sql<string>`(SELECT coalesce(sum(weight), 0)::text FROM list_changes WHERE list = ${list})`;

/**
 * Totals kept in the process between requests (issue 12): the county roster's total read 11,000
 * rows for every page. A total is counted together with the list's version in one statement, so
 * it is exact for every snapshot that sees the same version — in this process or another, since
 * the version lives in the database — and a write anywhere makes the next page count again.
 * Keyed by the count's SQL and parameters (scope and filters included), so callers with different
 * reach never share a total. One per repository instance, i.e. per app and its database.
 */
export function countCache(list: CountedList, capacity = 1000) {
  const kept = new Map<string, { version: string; total: number }>();
  return {
    /**
     * The query's total. `version` is what the page's own query read with `listVersion`; without
     * it (an empty page, say) the total is counted.
     */
    // biome-ignore lint/suspicious/noExplicitAny: any list query of any table
    async total(query: SelectQueryBuilder<DB, any, any>, version: string | undefined): Promise<number> {
      const counting = query
        .clearSelect()
        .clearOrderBy()
        .select([sql<number>`count(*)::int`.as("n"), listVersion(list).as("version")]);
      const compiled = counting.compile();
      const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
      const hit = kept.get(key);
      if (hit && version !== undefined && hit.version === version) {
        // Most recently used last: the Map's order is the eviction order.
        kept.delete(key);
        kept.set(key, hit);
        return hit.total;
      }
      const row = (await counting.executeTakeFirstOrThrow()) as { n: number; version: string };
      kept.delete(key);
      kept.set(key, { version: row.version, total: row.n });
      if (kept.size > capacity) kept.delete(kept.keys().next().value as string);
      return row.n;
    },
  };
}

/**
 * Pages kept in the process between requests (issue 12): a page whose rows come only from
 * versioned lists (`lists`) is as fresh as those versions. A request brings the versions its
 * sign-in check read (`seen`, one statement it makes anyway); a page kept under the same versions
 * is what its query would answer in that snapshot, so it is served without a statement. A page
 * read afresh is kept under the versions its own statement read (`load` answers them with the
 * rows). Keyed by `key`, which must hold every input the page's query is built from (the
 * caller's scope, filters and page, as JSON): two callers share a page only when their queries are
 * the same, and a key costs a few microseconds where building and compiling the query cost ~60.
 * What a caller may do with each row (abilities) is worked out per request from the rows, never
 * kept here. At most
 * `capacity` pages (a page of 20 members is about 6 KB), least recently used out first.
 */
export function keptPages<Row>(lists: readonly CountedList[], capacity = 500) {
  const kept = new Map<string, { versions: string; items: Row[]; total: number }>();
  const versionsOf = (seen: Partial<ListVersions> | undefined) =>
    seen && lists.every((l) => seen[l] !== undefined) ? lists.map((l) => seen[l]).join("|") : undefined;
  return {
    async read(
      key: string,
      seen: ListVersions | undefined,
      load: () => Promise<{ items: Row[]; total: number; versions: Partial<ListVersions> | undefined }>,
    ): Promise<{ items: Row[]; total: number }> {
      const wanted = versionsOf(seen);
      const hit = kept.get(key);
      if (hit && wanted !== undefined && hit.versions === wanted) {
        kept.delete(key);
        kept.set(key, hit);
        return { items: hit.items, total: hit.total };
      }
      const fresh = await load();
      const versions = versionsOf(fresh.versions);
      kept.delete(key);
      if (versions !== undefined) {
        kept.set(key, { versions, items: fresh.items, total: fresh.total });
        if (kept.size > capacity) kept.delete(kept.keys().next().value as string);
      }
      return { items: fresh.items, total: fresh.total };
    },
  };
}

/**
 * Folds a list's change rows into one with their summed weight, so that reading the version stays
 * a few rows however long the platform runs. The sum, and so every version, is unchanged; rows of
 * transactions still running are not visible here and stay as they are.
 */
export async function foldListChanges(db: Kysely<DB>, list: CountedList): Promise<void> {
  await sql`
    WITH folded AS (DELETE FROM list_changes WHERE list = ${list} RETURNING weight)
    INSERT INTO list_changes (list, xid, weight)
    SELECT ${list}, pg_current_xact_id(), sum(weight) FROM folded HAVING count(*) > 0
  `.execute(db);
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
  return capCount((row as { n: number }).n, upTo);
}

/** A count known in full, as a capped count answers it. */
export function capCount(n: number, upTo: number | undefined): { total: number; capped: boolean } {
  return upTo !== undefined && n > upTo ? { total: upTo, capped: true } : { total: n, capped: false };
}

/**
 * One page of a keyword list in newest-first order, looked for among the newest `window` rows the
 * list shows without the keyword, before asking the index for every hit.
 *
 * Why: jieba cuts a word it does not know into single characters («六堡茶» → 六 & 堡 & 茶), whose AND
 * PostgreSQL estimates as independent (about 400 rows where 24,000 match), so it reads every hit
 * from the GIN index and sorts them for 20 rows (bench/README.md, 需求大厅): 15,000 heap pages for a
 * region's coordinator. Walking the newest rows (the list's own `(status, created_at, id)` index)
 * and testing the keyword on each stops as soon as the page is full, whatever the estimate says.
 *
 * Exact, not a heuristic: when the window holds at least `page × pageSize` hits, they are the first
 * hits in newest order (every row outside the window is older than every row in it); when the
 * window was not full it held every row of the list, so its hits are all of them and their count
 * is the total. Otherwise (a rare word in a long list) it answers `null` and the caller runs the
 * general query, which the GIN index answers well for a rare word.
 *
 * `unfiltered` is the list's query (FROM the table, its access and filters) without the keyword;
 * `table` has `id`, `created_at` and the `search` tsvector.
 */
export async function newestMatches(
  db: Kysely<DB>,
  // biome-ignore lint/suspicious/noExplicitAny: any list query of a table with id, created_at, search
  unfiltered: SelectQueryBuilder<DB, any, any>,
  table: "needs" | "resources",
  matches: (column: string) => RawBuilder<boolean>,
  page: { page: number; pageSize: number },
  window = NEWEST_WINDOW,
): Promise<{ ids: number[]; total: number | null } | null> {
  const offset = (page.page - 1) * page.pageSize;
  if (offset + page.pageSize > window) return null;
  const recent = unfiltered
    .clearSelect()
    .clearOrderBy()
    .select([sql.ref(`${table}.id`).as("id"), sql.ref(`${table}.created_at`).as("created_at")])
    .select(matches(`${table}.search`).as("hit"))
    .orderBy(sql.ref(`${table}.created_at`), "desc")
    .orderBy(sql.ref(`${table}.id`), "desc")
    .limit(window);
  const row = (await db
    .selectFrom(recent.as("recent"))
    .select([
      sql<number>`count(*)::int`.as("seen"),
      sql<number>`(count(*) FILTER (WHERE recent.hit))::int`.as("hits"),
      sql<
        number[] | null
      >`(array_agg(recent.id ORDER BY recent.created_at DESC, recent.id DESC) FILTER (WHERE recent.hit))[${offset + 1}:${offset + page.pageSize}]`.as(
        "ids",
      ),
    ])
    .executeTakeFirstOrThrow()) as { seen: number; hits: number; ids: number[] | null };
  const complete = row.seen < window;
  if (!complete && row.hits < offset + page.pageSize) return null;
  return { ids: row.ids ?? [], total: complete ? row.hits : null };
}

/** How many of the newest rows `newestMatches` looks through (a few milliseconds of index and heap). */
export const NEWEST_WINDOW = 2_000;
