/**
 * Keyword search in the 需求大厅 at province size (issue 8): 200,000 needs across 广西, the first
 * page (20 rows, newest first) of the open needs of a jurisdiction filtered by a keyword, plus the
 * count, as a list answers `{ items, total }`. Each keyword query is paired with a reference —
 * the same page and count without the keyword — so the figures read as ratios.
 *
 *   node --import tsx bench/search/run.ts [--rows 200000] [--queries 300] [--explain] [--open-only-gin] [--status-path] [--no-analyze]
 *     [--by-rank]
 *
 * Runs on an in-memory PGlite, then on a throw-away schema of the PostgreSQL server at
 * TEST_DATABASE_URL (or postgres://postgres@127.0.0.1:5432/test), dropped at the end.
 * The search is the kernel's (`apps/server/src/platform/text-search.ts`), used as a module would.
 */
import { type Generated, type Kysely, sql } from "kysely";
import type { Database } from "../../apps/server/src/db/client.ts";
import { searchDocument, textSearch } from "../../apps/server/src/platform/text-search.ts";
import { onEachDatabase, percentile } from "../foundation/databases.ts";
import { generateNeeds, keywords, type Org, pick, provinceTree, rng } from "./generate.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rowCount = arg("--rows", 200_000);
const queryCount = arg("--queries", 300);
const explain = process.argv.includes("--explain");
/** The GIN index over open needs only (`WHERE status = 'open'`), the 需求大厅's rows, instead of all. */
const openOnlyGin = process.argv.includes("--open-only-gin");
/**
 * The subtree index leads with the status, `(status, org_path text_pattern_ops)`, and the table is
 * vacuumed after loading, so a count without a keyword can be an index-only scan (PGlite runs no
 * autovacuum: the visibility map is only set by an explicit VACUUM).
 */
const statusPath = process.argv.includes("--status-path");
/** No ANALYZE after loading: what PGlite has unless the application runs ANALYZE (it has no autovacuum). */
const noAnalyze = process.argv.includes("--no-analyze");
/** Order keyword pages by relevance first (`ts_rank` descending, then newest), as a list may. */
const byRank = process.argv.includes("--by-rank");

type Tables = {
  needs: {
    id: Generated<number>;
    org_id: number;
    org_path: string;
    status: string;
    category: string;
    title: string;
    description: string;
    created_at: Date;
    search: string;
  };
};

const orgs = provinceTree("45");
let t = performance.now();
const needs = generateNeeds(orgs, rowCount);
const generateMs = performance.now() - t;
t = performance.now();
const documents = needs.map((n) => searchDocument(n.title, n.description));
const segmentMs = performance.now() - t;
console.log(
  `${orgs.length} organizations, ${needs.length} needs generated in ${(generateMs / 1000).toFixed(1)} s, ` +
    `segmented in ${(segmentMs / 1000).toFixed(1)} s (${((segmentMs * 1000) / needs.length).toFixed(0)} µs a need, ` +
    `${(documents.reduce((s, d) => s + d.split(" ").length, 0) / documents.length).toFixed(0)} words on average)`,
);

async function load(label: string, database: Database): Promise<Kysely<Tables>> {
  const db = database.db.withTables<Tables>() as unknown as Kysely<Tables>;
  await database.execScript(`
    CREATE TABLE needs (
      id bigserial PRIMARY KEY,
      org_id int NOT NULL,
      org_path text NOT NULL,
      status text NOT NULL,
      category text NOT NULL,
      title text NOT NULL,
      description text NOT NULL,
      created_at timestamptz NOT NULL,
      search tsvector NOT NULL
    )`);
  let t0 = performance.now();
  const batch = 5_000;
  for (let i = 0; i < needs.length; i += batch) {
    const rows = needs.slice(i, i + batch);
    const docs = documents.slice(i, i + batch);
    await sql`
      INSERT INTO needs (org_id, org_path, status, category, title, description, created_at, search)
      SELECT o, p, s, c, ti, d, ca, to_tsvector('simple', doc)
        FROM unnest(${rows.map((r) => r.orgId)}::int[], ${rows.map((r) => r.orgPath)}::text[],
                    ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.category)}::text[],
                    ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.description)}::text[],
                    ${rows.map((r) => r.createdAt.toISOString())}::timestamptz[], ${docs}::text[])
          AS u(o, p, s, c, ti, d, ca, doc)`.execute(db);
  }
  const insertMs = performance.now() - t0;
  t0 = performance.now();
  // What a needs migration would declare: the GIN index on the words, the btree the 需求大厅's
  // first page sorts by (open needs, newest first), and the subtree index every org_path copy has.
  await database.execScript(`
    CREATE INDEX needs_search_idx ON needs USING gin (search)${openOnlyGin ? " WHERE status = 'open'" : ""};
    CREATE INDEX needs_status_created_idx ON needs (status, created_at DESC, id DESC);
    CREATE INDEX needs_org_path_idx ON needs (${statusPath ? "status, " : ""}org_path text_pattern_ops);
    ${noAnalyze ? "" : "ANALYZE needs;"}`);
  if (statusPath) await sql`VACUUM needs`.execute(db);
  const indexMs = performance.now() - t0;
  const size = await sql<{ table: string; gin: string }>`
    SELECT pg_size_pretty(pg_table_size('needs')) AS table, pg_size_pretty(pg_relation_size('needs_search_idx')) AS gin`.execute(
    db,
  );
  console.log(
    `${label}: inserted in ${(insertMs / 1000).toFixed(1)} s, indexes${noAnalyze ? "" : " + ANALYZE"} in ${(indexMs / 1000).toFixed(1)} s; ` +
      `table ${size.rows[0]?.table}, GIN index ${size.rows[0]?.gin}`,
  );
  return db;
}

interface Sample {
  keyword: string;
  where: string;
  total: number;
  refTotal: number;
  ms: number;
  pageMs: number;
  countMs: number;
  refMs: number;
}

/** The 需求大厅's first page and count for a jurisdiction, with or without a keyword. */
async function firstPage(db: Kysely<Tables>, orgPath: string, q: string | null) {
  const search = textSearch(q);
  let query = db.selectFrom("needs").where("status", "=", "open").where("org_path", "like", `${orgPath}%`);
  if (search) query = query.where(search.matches("needs.search"));
  const t0 = performance.now();
  const items = await (byRank && search ? query.orderBy(search.rank("needs.search"), "desc") : query)
    .select(["id", "org_id", "title", "category", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(20)
    .execute();
  const t1 = performance.now();
  const count = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const t2 = performance.now();
  return { items, total: Number(count.n), pageMs: t1 - t0, countMs: t2 - t1, ms: t2 - t0 };
}

function jurisdictions(random: () => number): () => Org {
  const byLevel = (level: Org["level"]) => orgs.filter((o) => o.level === level);
  const province = byLevel("province");
  const cities = byLevel("city");
  const counties = byLevel("county");
  const towns = byLevel("town");
  return () => {
    const r = random();
    return pick(random, r < 0.15 ? province : r < 0.5 ? cities : r < 0.85 ? counties : towns);
  };
}

const results: Array<{ label: string; samples: Sample[] }> = [];

async function bench(label: string, database: Database) {
  const db = await load(label, database);
  const random = rng(45);
  const keyword = keywords(orgs, random);
  const jurisdiction = jurisdictions(random);
  for (let i = 0; i < 20; i++) await firstPage(db, jurisdiction().path, keyword()); // warm-up
  const samples: Sample[] = [];
  for (let i = 0; i < queryCount; i++) {
    const org = jurisdiction();
    const q = keyword();
    const ref = await firstPage(db, org.path, null);
    const hit = await firstPage(db, org.path, q);
    samples.push({
      keyword: q,
      where: `${org.level} ${org.name}`,
      total: hit.total,
      refTotal: ref.total,
      ms: hit.ms,
      pageMs: hit.pageMs,
      countMs: hit.countMs,
      refMs: ref.ms,
    });
  }
  results.push({ label, samples });
  report(label, samples);
  if (explain) {
    const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 3);
    const slowestRef = [...samples].sort((a, b) => b.refMs - a.refMs)[0] as Sample;
    for (const s of [...slowest, { ...slowestRef, keyword: "" }]) {
      const org = orgs.find((o) => `${o.level} ${o.name}` === s.where) as Org;
      const search = textSearch(s.keyword);
      const match = search ? search.matches("needs.search") : sql`true`;
      for (const [what, statement] of [
        [
          "page",
          sql`SELECT id FROM needs WHERE status = 'open' AND org_path LIKE ${`${org.path}%`} AND ${match}
              ORDER BY ${byRank && search ? sql`${search.rank("needs.search")} DESC, ` : sql``}created_at DESC, id DESC LIMIT 20`,
        ],
        [
          "count",
          sql`SELECT count(*) FROM needs WHERE status = 'open' AND org_path LIKE ${`${org.path}%`} AND ${match}`,
        ],
      ] as const) {
        const plan = await sql<{ "QUERY PLAN": string }>`EXPLAIN (ANALYZE, BUFFERS) ${statement}`.execute(db);
        console.log(
          `\n${label} — ${what} — «${s.keyword || "(reference)"}» in ${s.where} (${search ? s.total : s.refTotal} rows):`,
        );
        console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
      }
    }
  }
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] as number };
}

function report(label: string, samples: Sample[]) {
  const hit = stats(samples.map((s) => s.ms));
  const page = stats(samples.map((s) => s.pageMs));
  const count = stats(samples.map((s) => s.countMs));
  const ref = stats(samples.map((s) => s.refMs));
  const totals = stats(samples.map((s) => s.total));
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `\n${label}: ${samples.length} queries; hits per query median ${totals.p50}, p95 ${totals.p95}, max ${totals.max}`,
  );
  console.log(
    `  keyword, page + count: p50 ${f(hit.p50)}, p95 ${f(hit.p95)}, max ${f(hit.max)}  ` +
      `(page p50 ${f(page.p50)} p95 ${f(page.p95)}; count p50 ${f(count.p50)} p95 ${f(count.p95)})`,
  );
  console.log(`  reference (no keyword):  p50 ${f(ref.p50)}, p95 ${f(ref.p95)}, max ${f(ref.max)}`);
  console.log(
    `  ratio keyword ÷ reference: p50 ${(hit.p50 / ref.p50).toFixed(2)}×, p95 ${(hit.p95 / ref.p95).toFixed(2)}×`,
  );
  console.log("  slowest keyword queries:");
  for (const s of [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5))
    console.log(
      `    ${f(s.ms)} (page ${f(s.pageMs)}, count ${f(s.countMs)})  «${s.keyword}» in ${s.where}: ${s.total} of ${s.refTotal}`,
    );
}

await onEachDatabase(bench);
console.log("\n| database | query | p50 | p95 | max |\n|---|---|---|---|---|");
for (const { label, samples } of results) {
  const hit = stats(samples.map((s) => s.ms));
  const ref = stats(samples.map((s) => s.refMs));
  console.log(
    `| ${label} | keyword | ${hit.p50.toFixed(1)} ms | ${hit.p95.toFixed(1)} ms | ${hit.max.toFixed(1)} ms |`,
  );
  console.log(
    `| ${label} | reference | ${ref.p50.toFixed(1)} ms | ${ref.p95.toFixed(1)} ms | ${ref.max.toFixed(1)} ms |`,
  );
}
