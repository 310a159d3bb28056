import type { PairingRound, PairingRoundResult } from "@huzhu/contracts";
import type { PairingProblem } from "@huzhu/domain";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultViolation } from "../../../packages/domain/src/pairing/testing/check-result.ts";
import { highsRuntime, solveWithHighs } from "../../../packages/domain/src/pairing/testing/highs-reference.ts";
import { generateDemoCounty } from "../src/demo/generate.ts";
import { generateDemoHelp, insertDemoHelp } from "../src/demo/help.ts";
import { createTestContext, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * Pairing rounds over the demo county (issue 9): a round with default weights gives the optimum
 * an independent solver (HiGHS) finds for the round's own exported problem, what-if edits keep
 * it optimal, publishing makes pairings with Chinese agreements, and bad requests name the field.
 */
const TODAY = "2026-06-01";

/** pdfjs-dist 6 expects Node 22's Promise.withResolvers; Node 20 runs the tests. */
function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}
const promises = Promise as unknown as { withResolvers?: typeof withResolvers };
promises.withResolvers ??= withResolvers;

/** The text of a PDF, as a reader's copy and paste would give it. */
async function pdfText(bytes: Buffer): Promise<string> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const pdf = await task.promise;
  let text = "";
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  await task.destroy();
  return text;
}

describe(`pairing rounds (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;
  let county: Awaited<ReturnType<typeof generateDemoCounty>>;

  beforeAll(async () => {
    county = await generateDemoCounty({ seed: 350824, today: TODAY });
    t = await createTestContext({ county, jobs: { autoStart: false }, clock: () => new Date(`${TODAY}T08:00:00Z`) });
    const ids = new Map<string, number>();
    for (const o of county.orgs) ids.set(o.key, await t.orgId(o.key));
    // Two years of mutual help, so the fit and effectiveness factors have needs and ratings to read.
    if (process.env.PRT_HELP)
      await insertDemoHelp(t.database.db, generateDemoHelp(county, { seed: 350824, today: TODAY }), (key) => {
        const id = ids.get(key);
        if (id === undefined) throw new Error(`no demo organization ${key}`);
        return id;
      });
    coordinator = await t.login("coordinator");
  }, 180_000);
  afterAll(async () => t?.close());

  const post = (s: Session, url: string, payload?: object) =>
    s.request({ method: "POST", url, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
  const get = (s: Session, url: string) => s.request({ method: "GET", url });

  async function runRound(id: number) {
    const res = await post(coordinator, `/api/pairing-rounds/${id}/run`);
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json() as { jobId: string };
    await t.app.jobs.drain();
    const job = await get(coordinator, `/api/jobs/${jobId}`);
    expect(job.json(), job.body).toMatchObject({ status: "succeeded", progress: 1, kind: "pairing.round_run" });
    return job.json();
  }

  /** The round's exported problem solved by HiGHS, against the round's own result. */
  async function expectOptimal(id: number): Promise<{ problem: PairingProblem; result: PairingRoundResult }> {
    const problem = (await get(coordinator, `/api/pairing-rounds/${id}/problem`)).json() as PairingProblem;
    const result = (await get(coordinator, `/api/pairing-rounds/${id}/result`)).json() as PairingRoundResult;
    expect(problem.format).toBe("huzhu.pairing.v1");
    expect(resultViolation(problem, result)).toBeNull();
    const reference = solveWithHighs(await highsRuntime(), problem);
    expect({ covered: result.covered, assigned: result.assigned, score: result.score }).toEqual({
      covered: reference.covered,
      assigned: reference.assigned,
      score: reference.score,
    });
    return { problem, result };
  }

  let round: PairingRound;
  let countyId: number;

  it("is for coordinators only, over their own jurisdiction, and names the field it refuses", async () => {
    countyId = await t.orgId("county");
    const anonymous = await t.app.inject({ method: "POST", url: "/api/pairing-rounds", payload: {} });
    expect(anonymous.statusCode).toBe(401);
    const secretary = await t.login("secretary");
    expect((await post(secretary, "/api/pairing-rounds", { orgId: countyId, name: "试" })).statusCode).toBe(403);
    expect((await get(secretary, "/api/pairing-rounds")).statusCode).toBe(403);
    // A town's coordinator: the county is outside the town's jurisdiction.
    const town = await t.login("town");
    const outside = await post(town, "/api/pairing-rounds", { orgId: countyId, name: "越权轮次" });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe("orgId");
    // Weights out of range, all zero.
    const heavy = await post(coordinator, "/api/pairing-rounds", {
      orgId: countyId,
      name: "权重越界",
      weights: { fit: 11, proximity: 3, priority: 3, effectiveness: 2, continuity: 2, strength: 1 },
    });
    expect(heavy.statusCode).toBe(400);
    expect(heavy.json().error.field).toBe("weights.fit");
    expect(heavy.json().error.message).toContain("需求对口权重");
    const zero = await post(coordinator, "/api/pairing-rounds", {
      orgId: countyId,
      name: "权重全零",
      weights: { fit: 0, proximity: 0, priority: 0, effectiveness: 0, continuity: 0, strength: 0 },
    });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.field).toBe("weights");
  });

  it("creates a round with default parameters and previews its candidate set", async () => {
    const res = await post(coordinator, "/api/pairing-rounds", { orgId: countyId, name: "2026年城乡结对" });
    expect(res.statusCode, res.body).toBe(201);
    round = res.json();
    expect(round).toMatchObject({ name: "2026年城乡结对", status: "draft", org: { id: countyId }, summary: null });
    expect(round.parameters.weights).toEqual({
      fit: 4,
      proximity: 3,
      priority: 3,
      effectiveness: 2,
      continuity: 2,
      strength: 1,
    });
    expect(round.abilities).toEqual({ update: true, run: true, publish: false });
    const list = (await get(coordinator, "/api/pairing-rounds")).json();
    expect(list.total).toBe(1);
    const preview = (await get(coordinator, `/api/pairing-rounds/${round.id}/preview`)).json();
    expect(preview.recipients.length).toBeGreaterThan(10);
    expect(preview.helpers.length).toBeGreaterThan(10);
    expect(preview.candidates).toBeGreaterThan(preview.recipients.length);
    expect(preview.recipients.every((r: { category: string }) => r.category === "village")).toBe(true);
    // Before any run, the problem is the one a run would solve now.
    const problem = (await get(coordinator, `/api/pairing-rounds/${round.id}/problem`)).json();
    expect(problem.candidates.length).toBe(preview.candidates);
    expect((await get(coordinator, `/api/pairing-rounds/${round.id}/result`)).statusCode).toBe(409);
    expect((await post(coordinator, `/api/pairing-rounds/${round.id}/publish`, {})).json().error.code).toBe(
      "pairingRound.notRun",
    );
  });

  it("takes its default recipients from the villages' weak/poor flags, which a coordinator keeps", async () => {
    const before = (await get(coordinator, `/api/pairing-rounds/${round.id}/preview`)).json();
    const recipients = new Set(before.recipients.map((r: { id: number }) => r.id));
    const strong = before.helpers.find((h: { category: string }) => h.category === "village");
    if (!strong) throw new Error("no strong village among the helpers");
    expect(recipients.has(strong.id)).toBe(false);
    const flagged = await coordinator.request({
      method: "PATCH",
      url: `/api/orgs/${strong.id}`,
      payload: { flags: ["poor", "weak"] },
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    expect(flagged.json().flags).toEqual(["weak", "poor"]);
    const after = (await get(coordinator, `/api/pairing-rounds/${round.id}/preview`)).json();
    expect(after.recipients.find((r: { id: number }) => r.id === strong.id)).toMatchObject({
      flags: ["weak", "poor"],
      demand: 2,
    });
    const bad = await coordinator.request({
      method: "PATCH",
      url: `/api/orgs/${strong.id}`,
      payload: { flags: ["rich"] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("flags.0");
  });

  it("solves as a job and gives the optimum HiGHS finds for its exported problem, each pair explained", async () => {
    const job = await runRound(round.id);
    const { problem, result } = await expectOptimal(round.id);
    expect(job.result).toMatchObject({ roundId: round.id, covered: result.covered, score: result.score });
    expect(result.covered).toBeGreaterThan(0);
    expect(result.coverage.recipients).toBe(problem.recipients.length);
    for (const pair of result.pairs) {
      expect(pair.explanation.length).toBeGreaterThan(2);
      expect(pair.helperOrg.name.length).toBeGreaterThan(0);
      expect(pair.factors.reduce((sum, f) => sum + f.points, 0)).toBeGreaterThanOrEqual(pair.score - 6);
    }
    for (const u of result.uncovered) expect(u.explanation.length).toBeGreaterThan(2);
    const english = await coordinator.request({
      method: "GET",
      url: `/api/pairing-rounds/${round.id}/result`,
      headers: { "accept-language": "en" },
    });
    expect(english.json().pairs[0].explanation).toMatch(/[a-z]/);
    const again = (await get(coordinator, `/api/pairing-rounds/${round.id}`)).json();
    expect(again.summary).toMatchObject({ covered: result.covered, assigned: result.assigned, score: result.score });
  }, 60_000);

  it("re-solves what-if edits from the previous optimum and stays optimal", async () => {
    const before = (await get(coordinator, `/api/pairing-rounds/${round.id}/result`)).json() as PairingRoundResult;
    const problem = (await get(coordinator, `/api/pairing-rounds/${round.id}/problem`)).json() as PairingProblem;
    const chosen = new Set(before.pairs.map((p) => `${p.helper}|${p.recipient}`));
    const unchosen = problem.candidates.find((c) => !chosen.has(`${c.helper}|${c.recipient}`));
    if (!unchosen) throw new Error("every candidate was chosen");
    const pair = { helperOrgId: Number(unchosen.helper.slice(1)), recipientOrgId: Number(unchosen.recipient.slice(1)) };
    const locked = await post(coordinator, `/api/pairing-rounds/${round.id}/locks`, pair);
    expect(locked.statusCode, locked.body).toBe(200);
    const afterLock = locked.json() as PairingRoundResult;
    expect(afterLock.incremental).toBe(true);
    expect(
      afterLock.pairs.find((p) => p.helper === unchosen.helper && p.recipient === unchosen.recipient),
    ).toMatchObject({
      locked: true,
      reasonCode: "locked",
    });
    await expectOptimal(round.id);

    const first = before.pairs.find((p) => p.helper !== unchosen.helper) ?? before.pairs[0];
    if (!first) throw new Error("no pairs");
    const forbidden = await post(coordinator, `/api/pairing-rounds/${round.id}/forbids`, {
      helperOrgId: first.helperOrg.id,
      recipientOrgId: first.recipientOrg.id,
    });
    expect(forbidden.statusCode, forbidden.body).toBe(200);
    expect(
      (forbidden.json() as PairingRoundResult).pairs.some(
        (p) => p.helper === first.helper && p.recipient === first.recipient,
      ),
    ).toBe(false);
    await expectOptimal(round.id);

    const capacity = await coordinator.request({
      method: "PUT",
      url: `/api/pairing-rounds/${round.id}/capacities`,
      payload: { orgId: first.helperOrg.id, capacity: 5 },
    });
    expect(capacity.statusCode, capacity.body).toBe(200);
    const { problem: edited } = await expectOptimal(round.id);
    expect(edited.helpers.find((h) => h.id === first.helper)?.capacity).toBe(5);
    expect(edited.locked).toContainEqual({ helper: unchosen.helper, recipient: unchosen.recipient });

    // Lifting the forbid; the round keeps its edits for the next run.
    const allowed = await coordinator.request({
      method: "DELETE",
      url: `/api/pairing-rounds/${round.id}/forbids?helperOrgId=${first.helperOrg.id}&recipientOrgId=${first.recipientOrg.id}`,
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
    const state = (await get(coordinator, `/api/pairing-rounds/${round.id}`)).json() as PairingRound;
    expect(state.locks).toEqual([pair]);
    expect(state.forbids).toEqual([]);
    expect(state.parameters.capacities).toEqual([{ orgId: first.helperOrg.id, capacity: 5 }]);

    // A pair that is not a candidate, an organization not in the round.
    const stranger = await post(coordinator, `/api/pairing-rounds/${round.id}/locks`, {
      helperOrgId: countyId,
      recipientOrgId: pair.recipientOrgId,
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.field).toBe("helperOrgId");

    // A run after the edits keeps them, and is optimal again.
    await runRound(round.id);
    const { result } = await expectOptimal(round.id);
    expect(result.incremental).toBe(false);
    expect(result.locks).toEqual([pair]);
  }, 120_000);

  it("refuses weights out of range on a change, naming the field", async () => {
    const res = await coordinator.request({
      method: "PATCH",
      url: `/api/pairing-rounds/${round.id}`,
      payload: { weights: { fit: 4, proximity: -1, priority: 3, effectiveness: 2, continuity: 2, strength: 1 } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("weights.proximity");
    const ok = await coordinator.request({
      method: "PATCH",
      url: `/api/pairing-rounds/${round.id}`,
      payload: { goals: "围绕村集体经济发展和基层组织建设开展结对帮扶。", years: 3 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it("publishes pairings with Chinese agreements, tells both sides, and is then closed", async () => {
    const result = (await get(coordinator, `/api/pairing-rounds/${round.id}/result`)).json() as PairingRoundResult;
    const res = await post(coordinator, `/api/pairing-rounds/${round.id}/publish`, { startsOn: "2026-07-01" });
    expect(res.statusCode, res.body).toBe(200);
    const { pairingIds, agreementsJobId } = res.json() as { pairingIds: number[]; agreementsJobId: string };
    expect(pairingIds.length).toBe(result.assigned);
    // The agreements are made by a job, with progress.
    await t.app.jobs.drain();
    expect((await get(coordinator, `/api/jobs/${agreementsJobId}`)).json()).toMatchObject({
      kind: "pairing.agreements",
      status: "succeeded",
    });
    const list = (await get(coordinator, `/api/pairings?roundId=${round.id}&pageSize=200`)).json();
    // Pairs that were already active go on as they were; the others are new, from this round.
    expect(list.total).toBeGreaterThan(0);
    expect(list.total).toBeLessThanOrEqual(result.assigned);
    const one = list.items[0];
    const detail = (await get(coordinator, `/api/pairings/${one.id}`)).json();
    expect(detail).toMatchObject({
      origin: "round",
      roundId: round.id,
      status: "active",
      startsOn: "2026-07-01",
      endsOn: "2029-06-30",
      hasAgreement: true,
      helper: { type: "org" },
      recipient: { type: "org" },
    });
    expect(detail.history).toEqual([expect.objectContaining({ event: "created", status: "active" })]);
    const pdf = await get(coordinator, `/api/pairings/${one.id}/agreement`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain("结对帮扶协议书");
    expect(text).toContain(detail.helper.name);
    expect(text).toContain(detail.recipient.name);
    expect(text).toContain("2026年7月1日");

    // The recipient village's secretary sees the pairing and was told.
    const code = county.orgs.find((o) => o.name === detail.recipient.name)?.divisionCode;
    const secretary = await t.login(`s${code}`);
    const mine = (await get(secretary, "/api/pairings")).json();
    expect(mine.items.map((p: { id: number }) => p.id)).toContain(one.id);
    expect((await get(secretary, `/api/pairings/${one.id}/agreement`)).statusCode).toBe(200);
    const notes = (await get(secretary, "/api/notifications")).json();
    expect(JSON.stringify(notes)).toContain("2026年城乡结对");
    expect(JSON.stringify(notes)).toContain(detail.helper.name);
    // …but not the round, which is the coordinator's work.
    expect((await get(secretary, `/api/pairing-rounds/${round.id}`)).statusCode).toBe(403);

    // Published: no second publication, no run, no change.
    const twice = await post(coordinator, `/api/pairing-rounds/${round.id}/publish`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("pairingRound.published");
    expect((await post(coordinator, `/api/pairing-rounds/${round.id}/run`)).statusCode).toBe(409);
    const patch = await coordinator.request({
      method: "PATCH",
      url: `/api/pairing-rounds/${round.id}`,
      payload: { name: "改名" },
    });
    expect(patch.statusCode).toBe(409);

    // …but it can be copied into a new draft, its parameters and what-if edits with it (next year's, or a second run).
    const copied = await post(coordinator, `/api/pairing-rounds/${round.id}/copy`, {});
    expect(copied.statusCode, copied.body).toBe(201);
    const before = (await get(coordinator, `/api/pairing-rounds/${round.id}`)).json() as PairingRound;
    expect(copied.json()).toMatchObject({
      name: "2026年城乡结对（副本）",
      status: "draft",
      summary: null,
      parameters: before.parameters,
      locks: before.locks,
      forbids: before.forbids,
    });
    expect((await post(secretary, `/api/pairing-rounds/${round.id}/copy`, {})).statusCode).toBe(403);
  }, 120_000);

  it("pairs two organizations by hand, refusing the same one twice or a period that ends first", async () => {
    const community = county.orgs.find((o) => o.category === "urban_community");
    const village = county.orgs.find((o) => o.category === "village" && o.key !== community?.key);
    if (!community || !village) throw new Error("no community or village");
    const body = {
      helperOrgId: await t.orgId(community.key),
      recipientOrgId: await t.orgId(village.key),
      startsOn: "2026-07-01",
      endsOn: "2029-06-30",
      goals: "共建党员活动阵地，开展农产品消费帮扶。",
    };
    const same = await post(coordinator, "/api/pairings", { ...body, recipientOrgId: body.helperOrgId });
    expect(same.json().error.field).toBe("recipientOrgId");
    const backwards = await post(coordinator, "/api/pairings", { ...body, endsOn: "2026-01-01" });
    expect(backwards.json().error.field).toBe("endsOn");
    const res = await post(coordinator, "/api/pairings", body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      helper: { type: "org", id: body.helperOrgId, name: community.name },
      recipient: { type: "org", id: body.recipientOrgId, name: village.name },
      form: "urban_rural",
      origin: "manual",
      roundId: null,
      goals: body.goals,
      hasAgreement: true,
      abilities: { conclude: true, dissolve: true },
    });
    // The two are partners now (an active pairing): one active pairing of the two at a time.
    const twice = await post(coordinator, "/api/pairings", body);
    expect(twice.json().error).toMatchObject({ field: "recipientOrgId", code: "pairing.exists" });
  });

  it("pairs two members by hand (党员结对), with their agreement, for coordinators over both", async () => {
    const db = t.database.db;
    const villageSecretary = county.accounts.find((a) => a.username === "secretary");
    const villageKey = villageSecretary?.roles[0]?.orgKey as string;
    const villageId = await t.orgId(villageKey);
    const [villager] = await db
      .selectFrom("members")
      .select(["id", "name"])
      .where("primary_org_id", "=", villageId)
      .limit(1)
      .execute();
    const [urban] = await db
      .selectFrom("members")
      .innerJoin("organizations", "organizations.id", "members.primary_org_id")
      .select(["members.id", "members.name"])
      .where("organizations.area", "=", "urban")
      .limit(1)
      .execute();
    if (!villager || !urban) throw new Error("no members to pair");
    const body = {
      helperMemberId: urban.id,
      recipientMemberId: villager.id,
      startsOn: "2026-07-01",
      endsOn: "2027-06-30",
    };
    const town = await t.login("town");
    const outside = await post(town, "/api/pairings/members", body);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe("helperMemberId");
    const res = await post(coordinator, "/api/pairings/members", body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      helper: { type: "member", id: urban.id, name: urban.name },
      recipient: { type: "member", id: villager.id, name: villager.name },
      origin: "manual",
      hasAgreement: true,
    });
    const again = await post(coordinator, "/api/pairings/members", body);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.field).toBe("recipientMemberId");
    // The village's secretary reaches it through the member's organization, agreement and all.
    const secretary = await t.login("secretary");
    const pdf = await get(secretary, `/api/pairings/${res.json().id}/agreement`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(villager.name);
    expect(text).toContain(urban.name);
    // The village's side is told who its partner is: the other member.
    const notices = JSON.stringify((await get(secretary, "/api/notifications")).json());
    expect(notices).toContain(urban.name);
    expect(notices).toContain(`/pairings/${res.json().id}`);
  });

  it("keeps a leader's contact point and a unit's village (领导联点、单位包村) with visits and demonstration sites", async () => {
    const villageKey = county.accounts.find((a) => a.username === "secretary")?.roles[0]?.orgKey as string;
    const villageId = await t.orgId(villageKey);
    // A leading cadre of a county organ (a party member, with a member record).
    const [leader] = await t.database.db
      .selectFrom("members")
      .innerJoin("organizations", "organizations.id", "members.primary_org_id")
      .select(["members.id", "members.name"])
      .where("organizations.category", "=", "government_organ")
      .limit(1)
      .execute();
    if (!leader) throw new Error("no member of an organ");
    const body = { leaderMemberId: leader.id, orgId: villageId, startsOn: "2026-01-01", endsOn: "2030-12-31" };
    const notVillage = await post(coordinator, "/api/contact-points", { ...body, orgId: countyId });
    expect(notVillage.json().error.field).toBe("orgId");
    const res = await post(coordinator, "/api/contact-points", body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: "contact_point",
      demonstration: false,
      helper: { type: "member", id: leader.id, name: leader.name },
      recipient: { type: "org", id: villageId },
      hasAgreement: false,
    });
    const id = res.json().id as number;
    // The village's secretary records the leader's visit; a visit in the future is refused.
    const secretary = await t.login("secretary");
    const future = await post(secretary, `/api/pairings/${id}/visits`, { visitedOn: "2026-06-02", notes: "走访" });
    expect(future.json().error.field).toBe("visitedOn");
    const visit = await post(secretary, `/api/pairings/${id}/visits`, {
      visitedOn: "2026-05-20",
      notes: "县领导到村调研集体经济发展，召开党员座谈会。",
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json().visits).toEqual([
      expect.objectContaining({ visitedOn: "2026-05-20", notes: "县领导到村调研集体经济发展，召开党员座谈会。" }),
    ]);
    // 示范点 is the coordinators' recognition.
    expect((await post(secretary, `/api/pairings/${id}/demonstration`, { demonstration: true })).statusCode).toBe(403);
    const marked = await post(coordinator, `/api/pairings/${id}/demonstration`, { demonstration: true });
    expect(marked.json()).toMatchObject({ demonstration: true, abilities: { demonstrate: true, recordVisit: true } });
    const points = (await get(coordinator, "/api/pairings?kind=contact_point")).json();
    expect(points.items.map((p: { id: number }) => p.id)).toEqual([id]);

    const organ = county.orgs.find((o) => o.category === "government_organ");
    const unit = await post(coordinator, "/api/pairings", {
      helperOrgId: await t.orgId(organ?.key as string),
      recipientOrgId: villageId,
      kind: "unit_village",
      startsOn: "2026-01-01",
      endsOn: "2028-12-31",
    });
    expect(unit.statusCode, unit.body).toBe(201);
    expect(unit.json()).toMatchObject({ kind: "unit_village", helper: { type: "org" }, hasAgreement: true });
  });

  it("ends a pairing with a reason, kept in its history", async () => {
    const list = (await get(coordinator, `/api/pairings?roundId=${round.id}`)).json();
    const id = list.items[0].id as number;
    const bad = await post(coordinator, `/api/pairings/${id}/dissolve`, { reason: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("reason");
    const res = await post(coordinator, `/api/pairings/${id}/dissolve`, { reason: "帮扶单位撤并，另行结对" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "dissolved", endReason: "帮扶单位撤并，另行结对" });
    expect(res.json().history.map((e: { event: string }) => e.event)).toEqual(["created", "dissolved"]);
    expect((await post(coordinator, `/api/pairings/${id}/dissolve`, { reason: "再次解除" })).statusCode).toBe(409);
  });
});
