import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helpCounty } from "./help-fixture.ts";
import { createTestContext, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * The need's lifecycle as a state machine against the real API (issue 8): random sequences of
 * steps by random people never reach a state the lifecycle does not allow, and never let the
 * wrong side move a need. The table below is the test's own reading of the issue, independent of
 * needs.lifecycle.ts: status before → status after, and who may take each step.
 */
type Side = "owner" | "helper" | "outsider" | "superior";
const allowed: Record<string, { sides: Side[]; moves: Record<string, string> }> = {
  update: { sides: ["owner"], moves: { draft: "draft", open: "open" } },
  publish: { sides: ["owner"], moves: { draft: "open" } },
  withdraw: { sides: ["owner"], moves: { draft: "withdrawn", open: "withdrawn" } },
  claim: { sides: ["outsider", "helper"], moves: { open: "open", claimed: "claimed" } },
  accept: { sides: ["owner"], moves: { open: "claimed", claimed: "claimed", in_progress: "in_progress" } },
  decline: {
    sides: ["owner"],
    moves: { open: "open", claimed: "claimed", in_progress: "in_progress", delivered: "delivered" },
  },
  assign: { sides: ["superior"], moves: { open: "claimed", claimed: "claimed", in_progress: "in_progress" } },
  start: { sides: ["helper"], moves: { claimed: "in_progress" } },
  deliver: { sides: ["helper"], moves: { in_progress: "delivered" } },
  confirm: { sides: ["owner"], moves: { delivered: "confirmed" } },
  close: { sides: ["owner"], moves: { confirmed: "closed" } },
};
const actions = Object.keys(allowed);
/** Accounts and the organization each acts for. */
const people = {
  secretary: "village:a1",
  town: "town:a",
  coordinator: "county",
  commsec: "community:p",
  commsecq: "community:q",
  secb: "village:b1",
} as const;
type Person = keyof typeof people;

describe(`the need's lifecycle under random steps by random sides (${testDatabaseKind})`, () => {
  let t: TestContext;
  const sessions = {} as Record<Person, Session>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestContext({ county: helpCounty() });
    for (const key of ["county", "town:a", "village:a1", "village:b1", "community:p", "community:q"]) {
      ids[key] = await t.orgId(key);
    }
    for (const p of Object.keys(people) as Person[]) sessions[p] = await t.login(p);
  }, 120_000);
  afterAll(async () => t?.close());

  const needRow = (id: number) =>
    t.database.db.selectFrom("needs").select(["status", "rating"]).where("id", "=", id).executeTakeFirstOrThrow();
  const acceptedHelpers = async (needId: number) =>
    (
      await t.database.db
        .selectFrom("claims")
        .select("helper_org_id")
        .where("need_id", "=", needId)
        .where("status", "=", "accepted")
        .execute()
    ).map((c) => c.helper_org_id);

  /** The sides a person is on for this need right now (from the tree and the accepted claims). */
  function sidesOf(person: Person, helpers: number[]): Side[] {
    const org = people[person];
    const sides: Side[] = [];
    const aboveVillage = org === "village:a1" || org === "town:a" || org === "county";
    if (aboveVillage) sides.push("owner");
    if (org === "county") sides.push("superior");
    if (org === "county" || helpers.includes(ids[org] as number)) sides.push("helper");
    if (!aboveVillage && !helpers.includes(ids[org] as number)) sides.push("outsider");
    return sides;
  }

  it("never reaches an illegal state nor lets the wrong side move it", async () => {
    const helper = fc.constantFrom("community:p", "community:q", "village:b1");
    const rating = fc.integer({ min: 1, max: 5 });
    const anyStep = fc.record({
      action: fc.constantFrom(...actions),
      person: fc.constantFrom(...(Object.keys(people) as Person[])),
      helper,
      rating,
    });
    // Steps someone could rightly take, so that runs get past the first states; any step by anyone
    // stays likely too (the wrong side and the wrong moment are what the property is about).
    const plausible: Array<[string, Person[]]> = [
      ["publish", ["secretary"]],
      ["claim", ["commsec", "commsecq", "secb"]],
      ["accept", ["secretary", "town"]],
      ["assign", ["coordinator"]],
      ["start", ["commsec", "commsecq", "secb"]],
      ["deliver", ["commsec", "commsecq", "secb"]],
      ["confirm", ["secretary"]],
      ["close", ["secretary", "town"]],
    ];
    const likelyStep = fc
      .constantFrom(...plausible)
      .chain(([action, persons]) =>
        fc.record({ action: fc.constant(action), person: fc.constantFrom(...persons), helper, rating }),
      );
    const step = fc.oneof({ weight: 3, arbitrary: likelyStep }, { weight: 1, arbitrary: anyStep });
    type Step = { action: string; person: Person; helper: string; rating: number };
    const s = (action: string, person: Person): Step => ({ action, person, helper: "community:p", rating: 4 });
    // The whole path once for sure, with a wrong side tried at every stage.
    const wholePath: Step[] = [
      s("claim", "secretary"),
      s("publish", "secretary"),
      s("claim", "commsec"),
      s("start", "commsec"),
      s("accept", "commsec"),
      s("accept", "secretary"),
      s("deliver", "commsec"),
      s("start", "secretary"),
      s("start", "commsecq"),
      s("start", "commsec"),
      s("confirm", "commsec"),
      s("deliver", "commsec"),
      s("close", "secretary"),
      s("confirm", "secretary"),
      s("withdraw", "secretary"),
      s("close", "commsec"),
      s("close", "town"),
    ];
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 24 }), async (draft, steps) => {
        const created = await sessions.secretary.request({
          method: "POST",
          url: "/api/needs",
          payload: {
            orgId: ids["village:a1"],
            category: "development",
            title: "性质测试",
            description: "随机步骤",
            visibility: "region",
            draft,
          },
        });
        expect(created.statusCode).toBe(201);
        const needId = created.json().id as number;
        for (const s of steps as Step[]) {
          const before = await needRow(needId);
          const helpers = await acceptedHelpers(needId);
          const sides = sidesOf(s.person, helpers);
          const session = sessions[s.person];
          const post = (url: string, payload: Record<string, unknown> = {}) =>
            session.request({ method: "POST", url, payload });
          let res: Awaited<ReturnType<typeof post>> | null = null;
          if (s.action === "update") {
            res = await session.request({ method: "PATCH", url: `/api/needs/${needId}`, payload: { urgency: "high" } });
          } else if (s.action === "claim") {
            res = await post(`/api/needs/${needId}/claims`, { orgId: ids[people[s.person]] });
          } else if (s.action === "assign") {
            res = await post(`/api/needs/${needId}/assign`, { orgId: ids[s.helper] });
          } else if (s.action === "accept" || s.action === "decline") {
            const pending = await t.database.db
              .selectFrom("claims")
              .select("id")
              .where("need_id", "=", needId)
              .where("status", "=", "pending")
              .orderBy("id", "desc")
              .executeTakeFirst();
            if (!pending) continue;
            res = await post(
              `/api/claims/${pending.id}/${s.action}`,
              s.action === "decline" ? { reason: "随机谢绝" } : {},
            );
          } else if (s.action === "confirm") {
            res = await post(`/api/needs/${needId}/confirm`, { rating: s.rating });
          } else {
            res = await post(`/api/needs/${needId}/${s.action}`);
          }
          const after = await needRow(needId);
          const rule = allowed[s.action] as (typeof allowed)[string];
          const label = `${s.person} ${s.action}: ${before.status} → ${after.status} (${res.statusCode} ${res.body.slice(0, 120)})`;
          if (res.statusCode >= 200 && res.statusCode < 300) {
            // Moved only as the table says, and only by a side the table names.
            expect(rule.moves[before.status], label).toBe(after.status);
            expect(
              sides.some((side) => rule.sides.includes(side)),
              label,
            ).toBe(true);
          } else {
            expect(after.status, label).toBe(before.status);
            expect([400, 403, 404, 409], label).toContain(res.statusCode);
          }
          // The rating belongs to a confirmed (or closed) need, always.
          expect(after.rating !== null, label).toBe(["confirmed", "closed"].includes(after.status));
        }
        // A need with a helper has its project, and a need without one has none.
        const project = await t.database.db
          .selectFrom("projects")
          .select("id")
          .where("need_id", "=", needId)
          .executeTakeFirst();
        expect(project !== undefined).toBe((await acceptedHelpers(needId)).length > 0);
      }),
      { numRuns: 40, examples: [[true, wholePath]] },
    );
  }, 600_000);
});
