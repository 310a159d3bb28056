/**
 * The 需求大厅 at province size, through the needs module itself (issue 8's benchmark point):
 * a freshly migrated database (the app's `migrate`), the organization tree of 广西 (≈18,000
 * organizations, as bench/foundation/org-tree.ts builds it), 200,000 needs in the real `needs`
 * table (every CHECK holds; `search` is `to_tsvector('simple', searchDocument(title, description,
 * expected_outcome))`, what the repository's `searchVector` writes; `published_org_id` is the
 * county or city above, as the service's `regionOf` picks it, and the trigger fills
 * `published_path`), ANALYZE, then `needsService(db).listNeeds(actor, { status: "open", q, page: 1,
 * pageSize: 20 })` — page, count and presentation — as a county secretary and as the province's
 * coordinator, each keyword query paired with the same call without `q` (the reference).
 *
 *   node --import tsx bench/needs-hall/run.ts [--rows 200000] [--queries 300] [--explain] [--postgres-only | --pglite-only]
 *                                             [--sort newest|relevance]
 *
 * PGlite in memory, then a throw-away schema of the PostgreSQL at TEST_DATABASE_URL (or
 * postgres://postgres@127.0.0.1:5432/test), dropped at the end (bench/foundation/databases.ts).
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import type { Database } from "../../apps/server/src/db/client.ts";
import { needPolicy } from "../../apps/server/src/modules/needs/needs.policy.ts";
import { needsRepository } from "../../apps/server/src/modules/needs/needs.repository.ts";
import { needsService } from "../../apps/server/src/modules/needs/needs.service.ts";
import type { Actor } from "../../apps/server/src/platform/access.ts";
import { useAuditKey } from "../../apps/server/src/platform/audit.ts";
import { visibleWhere } from "../../apps/server/src/platform/policy.ts";
import { searchDocument } from "../../apps/server/src/platform/text-search.ts";
import { onEachDatabase } from "../foundation/databases.ts";
import { explainAnalyze, type RecordedQuery, recordingKysely } from "../foundation/explain.ts";
import { actorFor, loadProvince, type ProvinceOrg, stats } from "../foundation/province-db.ts";
import { generateNeeds, keywords, pick, rng } from "../search/generate.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rowCount = arg("--rows", 200_000);
const queryCount = arg("--queries", 300);
const explain = process.argv.includes("--explain");
/** The hall's order (NeedHallPage sends `newest`); `--sort relevance` measures the ranked order. */
const sortIndex = process.argv.indexOf("--sort");
const sort = sortIndex >= 0 ? (process.argv[sortIndex + 1] as "newest" | "relevance") : "newest";
/** What NeedHallPage asks for (20 rows here, as the issue says; the page shows 12). */
const HALL = { status: "open", sort, totalUpTo: 1000, page: 1, pageSize: 20 } as const;

/** bench/search's categories → the needs table's. */
const CATEGORY: Record<string, string> = { planning: "diagnosis", team: "leadership", relief: "poverty_relief" };
const VISIBILITY: ReadonlyArray<[string, number]> = [
  ["region", 60],
  ["superiors", 25],
  ["partners", 15],
];
const URGENCY = ["low", "normal", "normal", "normal", "high", "urgent"];

interface Sample {
  who: string;
  keyword: string;
  total: number;
  refTotal: number;
  ms: number;
  refMs: number;
}
const results: Array<{ label: string; samples: Sample[] }> = [];

async function bench(label: string, database: Database) {
  if (label === "PostgreSQL") {
    const jit = await sql<{ jit: string }>`SELECT current_setting('jit') AS jit`.execute(database.db);
    console.log(`PostgreSQL jit = ${jit.rows[0]?.jit}`);
  }
  const { orgs, byId, userId } = await loadProvince(label, database);
  let t0 = performance.now();
  const needs = generateNeeds(orgs, rowCount);
  const random = rng(80);
  const batch = 5_000;
  for (let i = 0; i < needs.length; i += batch) {
    const chunk = needs.slice(i, i + batch).map((n) => {
      const visibility = (() => {
        let r = random() * 100;
        for (const [v, w] of VISIBILITY) {
          r -= w;
          if (r < 0) return v;
        }
        return "region";
      })();
      const published =
        visibility === "region" && !["draft", "withdrawn", "expired"].includes(n.status)
          ? (byId.get(n.orgId) as ProvinceOrg).region
          : null;
      const rated = n.status === "confirmed" || n.status === "closed";
      const outcome = random() < 0.5 ? null : "问题得到解决，群众满意";
      return {
        ...n,
        category: CATEGORY[n.category] ?? n.category,
        visibility,
        published,
        outcome,
        urgency: pick(random, URGENCY),
        rating: rated ? 1 + Math.floor(random() * 5) : null,
        doc: searchDocument(n.title, n.description, outcome),
      };
    });
    const col = <T>(f: (r: (typeof chunk)[number]) => T) => chunk.map(f);
    // published_path is left to the trigger (fill_org_path_copy), as the service does.
    await sql`
      INSERT INTO needs (org_id, category, title, description, expected_outcome, urgency, visibility,
                         published_org_id, status, rating, search, created_by, created_at, updated_at)
      SELECT o, c, ti, d, eo, u, v, p, s, r, to_tsvector('simple', doc), ${userId}, ca, ca
        FROM unnest(${col((r) => r.orgId)}::int[], ${col((r) => r.category)}::text[], ${col((r) => r.title)}::text[],
                    ${col((r) => r.description)}::text[], ${col((r) => r.outcome)}::text[], ${col((r) => r.urgency)}::text[],
                    ${col((r) => r.visibility)}::text[], ${col((r) => r.published)}::int[], ${col((r) => r.status)}::text[],
                    ${col((r) => r.rating)}::smallint[], ${col((r) => r.doc)}::text[],
                    ${col((r) => r.createdAt.toISOString())}::timestamptz[])
          AS u(o, c, ti, d, eo, u, v, p, s, r, doc, ca)`.execute(database.db);
  }
  const insertMs = performance.now() - t0;
  t0 = performance.now();
  await database.execScript("ANALYZE");
  const check = await sql<{ n: number; published: number; open: number }>`
    SELECT count(*)::int AS n, count(published_path)::int AS published,
           count(*) FILTER (WHERE status = 'open')::int AS open FROM needs`.execute(database.db);
  console.log(
    `${label}: ${check.rows[0]?.n} needs (${check.rows[0]?.open} open, ${check.rows[0]?.published} published) inserted in ` +
      `${(insertMs / 1000).toFixed(1)} s, ANALYZE ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const service = needsService(database.db, () => new Date(Date.UTC(2026, 10, 30)));
  const counties = orgs.filter((o) => o.category === "county");
  const root = orgs[0] as ProvinceOrg;
  const keyword = keywords(orgs, rng(45));
  const whoRandom = rng(7);
  const caller = (): [string, Actor, ProvinceOrg] => {
    if (whoRandom() < 0.5) return ["coordinator", actorFor("coordinator", root), root];
    const county = pick(whoRandom, counties);
    return ["secretary", actorFor("secretary", county), county];
  };
  const hall = async (actor: Actor, q: string | undefined) => {
    const t = performance.now();
    const r = await service.listNeeds(actor, { ...HALL, q } as never);
    return { ms: performance.now() - t, total: r.total };
  };
  for (let i = 0; i < 20; i++) await hall(caller()[1], keyword());
  const samples: Sample[] = [];
  const where: Array<[Sample, Actor]> = [];
  for (let i = 0; i < queryCount; i++) {
    const [who, actor, org] = caller();
    const q = keyword();
    const ref = await hall(actor, undefined);
    const hit = await hall(actor, q);
    const s = {
      who: `${who} ${org.name}`,
      keyword: q,
      total: hit.total,
      refTotal: ref.total,
      ms: hit.ms,
      refMs: ref.ms,
    };
    samples.push(s);
    where.push([s, actor]);
  }
  results.push({ label, samples });
  for (const who of ["secretary", "coordinator"]) {
    const mine = samples.filter((s) => s.who.startsWith(who));
    const hit = stats(mine.map((s) => s.ms));
    const ref = stats(mine.map((s) => s.refMs));
    const tot = stats(mine.map((s) => s.total));
    const refTot = stats(mine.map((s) => s.refTotal));
    console.log(
      `\n${label} ${who}: ${mine.length} queries, hits median ${tot.p50} p95 ${tot.p95} max ${tot.max}; open needs seen median ${refTot.p50}\n` +
        `  keyword   p50 ${hit.p50.toFixed(1)} ms  p95 ${hit.p95.toFixed(1)} ms  max ${hit.max.toFixed(1)} ms\n` +
        `  reference p50 ${ref.p50.toFixed(1)} ms  p95 ${ref.p95.toFixed(1)} ms  max ${ref.max.toFixed(1)} ms\n` +
        `  keyword ÷ reference: p50 ${(hit.p50 / ref.p50).toFixed(2)}×, p95 ${(hit.p95 / ref.p95).toFixed(2)}×`,
    );
    for (const s of [...mine].sort((a, b) => b.ms - a.ms).slice(0, 4))
      console.log(`    ${s.ms.toFixed(1)} ms «${s.keyword}» ${s.who}: ${s.total} of ${s.refTotal}`);
  }
  if (explain) {
    // The slowest keyword call of each kind of caller, and the slowest reference.
    const worst = ["secretary", "coordinator"].flatMap((who) =>
      [...where]
        .filter(([s]) => s.who.startsWith(who))
        .sort((a, b) => b[0].ms - a[0].ms)
        .slice(0, 1),
    );
    const worstRef = [...where].sort((a, b) => b[0].refMs - a[0].refMs)[0];
    const cases = [...worst, ...(worstRef ? [[{ ...worstRef[0], keyword: "" }, worstRef[1]] as [Sample, Actor]] : [])];
    for (const [s, actor] of cases) {
      const { items, count } = await captureListSql(visibleWhere(actor, needPolicy.read), s.keyword);
      for (const [what, c] of [
        ["page", items],
        ["count", count],
      ] as const) {
        const plan = await explainAnalyze(database, c);
        console.log(
          `\n${label} — ${what} — «${s.keyword || "(reference)"}» ${s.who} (${s.keyword ? s.total : s.refTotal} rows):`,
        );
        console.log(plan);
      }
    }
  }
}

/** The SQL the repository's listNeeds sends (captured through a recording Kysely), for EXPLAIN. */
async function captureListSql(visible: ReturnType<typeof visibleWhere>, q: string) {
  const recorder = recordingKysely();
  await needsRepository(recorder.db as never).listNeeds(visible, { ...HALL, q: q || undefined } as never, null);
  return { items: recorder.seen[0] as RecordedQuery, count: recorder.seen.at(-1) as RecordedQuery };
}

console.log(
  `load average ${(await import("node:os"))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
useAuditKey(crypto.randomBytes(32));
// --postgres-only: onEachDatabase's PostgreSQL half alone (e.g. with TEST_DATABASE_URL=...?options=-c%20jit%3Doff).
await onEachDatabase(
  bench,
  process.argv.includes("--postgres-only") ? "postgres" : process.argv.includes("--pglite-only") ? "pglite" : undefined,
);
console.log(
  `load average ${(await import("node:os"))
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("\n| database | caller | query | p50 | p95 | max |\n|---|---|---|---|---|---|");
for (const { label, samples } of results)
  for (const who of ["secretary", "coordinator"]) {
    const mine = samples.filter((s) => s.who.startsWith(who));
    const hit = stats(mine.map((s) => s.ms));
    const ref = stats(mine.map((s) => s.refMs));
    console.log(
      `| ${label} | ${who} | keyword | ${hit.p50.toFixed(1)} ms | ${hit.p95.toFixed(1)} ms | ${hit.max.toFixed(1)} ms |`,
    );
    console.log(
      `| ${label} | ${who} | reference | ${ref.p50.toFixed(1)} ms | ${ref.p95.toFixed(1)} ms | ${ref.max.toFixed(1)} ms |`,
    );
  }
