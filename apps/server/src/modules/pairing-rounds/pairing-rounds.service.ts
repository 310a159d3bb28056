import {
  type CopyPairingRoundBody,
  type CreateContactPointBody,
  type CreateMemberPairingBody,
  type CreatePairingBody,
  type CreatePairingRoundBody,
  defaultRoundParameters,
  type EndPairingBody,
  type Locale,
  type Pairing,
  type PairingDetail,
  type PairingForm,
  type PairingListQuery,
  type PairingRound,
  type PairingRoundListQuery,
  type PairingRoundPreview,
  type PairingRoundResult,
  type PublishPairingRoundBody,
  type PublishPairingRoundResponse,
  type RecordVisitBody,
  type RoundParameters,
  roundParameters,
  type SetDemonstrationBody,
  type UpdatePairingRoundBody,
} from "@huzhu/contracts";
import {
  createPairingSession,
  PairingInputError,
  type PairingProblem,
  type PairingSession,
  pairingFormOf,
} from "@huzhu/domain";
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { recordAudit } from "../../platform/audit.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import type { JobKind, JobRunner } from "../../platform/jobs.ts";
import { contactsOfOrganizations, notifyUsers } from "../../platform/notifications.ts";
import { authorizeField, authorizeOne, presentAbilities, visibleWhere } from "../../platform/policy.ts";
import type { MemberRow } from "../members/members.repository.ts";
import { helpDirectory } from "../needs/needs.directory.ts";
import type { OrgRow } from "../orgs/orgs.repository.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { agreementFileName, DEFAULT_GOALS, formName, renderAgreement } from "./pairing-rounds.agreement.ts";
import { coordinatedMemberPolicy, coordinatedOrgPolicy, pairingPolicy, roundPolicy } from "./pairing-rounds.policy.ts";
import {
  orgIdOf,
  orgKey,
  pairingRhythm,
  presentPairing,
  presentPairingDetail,
  presentResult,
  presentRound,
  type RoundDetails,
  type RoundPairRef,
  type StoredResult,
} from "./pairing-rounds.presenter.ts";
import { type BuiltRound, buildRound } from "./pairing-rounds.problem.ts";
import { pairingRoundsRepository, type RoundRow } from "./pairing-rounds.repository.ts";

// Job kinds are `area.verb` with a plain first word (the jobs table checks it).
export const ROUND_RUN_JOB = "pairing.round_run";

export const AGREEMENTS_JOB = "pairing.agreements";

interface AgreementsJobParams {
  pairingIds: number[];
  ip: string | null;
}

interface RunJobParams {
  roundId: number;
  ip: string | null;
}

/** A what-if edit of a solved round (issue 9, item 3). */
export type RoundEdit =
  | { kind: "lock" | "unlock" | "forbid" | "allow"; helperOrgId: number; recipientOrgId: number }
  | { kind: "capacity"; orgId: number; capacity: number | null }
  | { kind: "demand"; orgId: number; demand: number | null };

/** Sessions kept per round (the what-ifs of the rounds being worked on); the oldest leaves first. */
const SESSION_CACHE_SIZE = 16;

/**
 * Pairing rounds (issue 9): a coordinator's round over their jurisdiction, solved as a kernel job
 * with progress, adjusted by what-if edits that re-solve from the previous optimum through the
 * solver's session, and published into pairings with their agreements.
 *
 * The session (packages/domain/src/pairing/session.ts) lives in this process's memory, keyed by
 * the round and the time of its last solve, so a what-if after a run (or after another what-if) is
 * a warm re-solve; a session this process does not hold (another process ran it, or a restart) is
 * rebuilt from the stored problem first, which costs one cold solve.
 */
export function pairingRoundsService(
  db: Kysely<DB>,
  clock: () => Date,
  deps: { jobs: JobRunner; actorOf: (userId: number, ip: string | null) => Promise<Actor | null> },
) {
  const repo = pairingRoundsRepository(db);
  /** Today's date in China (UTC+8): a pairing's first day, the latest a visit may be, the rhythm's "today". */
  const today = () => chinaDate(clock());
  const sessions = new Map<number, { session: PairingSession; solvedAt: string }>();

  function keepSession(roundId: number, session: PairingSession, solvedAt: Date) {
    sessions.delete(roundId);
    sessions.set(roundId, { session, solvedAt: solvedAt.toISOString() });
    while (sessions.size > SESSION_CACHE_SIZE) sessions.delete(sessions.keys().next().value as number);
  }

  /** Takes the round's session out of the cache (put back after a successful edit), or builds one. */
  function takeSession(round: RoundRow, problem: PairingProblem): PairingSession {
    const cached = sessions.get(round.id);
    sessions.delete(round.id);
    if (cached && round.solved_at && cached.solvedAt === new Date(round.solved_at).toISOString()) {
      return cached.session;
    }
    const session = createPairingSession(problem);
    session.resolve();
    return session;
  }

  async function build(trx: Kysely<DB>, round: RoundRow): Promise<BuiltRound> {
    const orgs = await orgDirectory(trx).subtreeForPairing(round.org_path);
    const facts = await helpDirectory(trx).factsUnder(round.org_path);
    const activePairs = await pairingRoundsRepository(trx).activeOrgPairsUnder(round.org_path);
    return buildRound({
      orgs,
      facts,
      activePairs,
      parameters: round.parameters as RoundParameters,
      locks: round.locks as RoundPairRef[],
      forbids: round.forbids as RoundPairRef[],
    });
  }

  async function readRound(actor: Actor, id: number): Promise<RoundRow> {
    const [row] = await repo.findRoundsWhere(visibleWhere(actor, roundPolicy.read), [id]);
    if (!row) throw notFound("pairing_round");
    return row;
  }

  async function getRound(actor: Actor, id: number): Promise<PairingRound> {
    const row = await readRound(actor, id);
    const abilities = await presentAbilities(db, actor, roundPolicy, [row]);
    return presentRound(row, abilities.get(id) ?? {});
  }
  const presentRoundId = (_db: Kysely<DB>, actor: Actor, id: number) => getRound(actor, id);

  async function resultOf(actor: Actor, id: number, locale: Locale): Promise<PairingRoundResult> {
    const row = await readRound(actor, id);
    const run = await repo.runOf(id);
    if (!run?.result || !run.problem || !run.details) throw new AppError(409, "pairingRound.notRun");
    return presentResult(
      id,
      row,
      run.problem as PairingProblem,
      run.result as StoredResult,
      run.details as RoundDetails,
      locale,
    );
  }

  /** The parameters with the request's changes over them (defaults first). */
  function mergeParameters(base: RoundParameters, body: Partial<RoundParameters>): RoundParameters {
    const merged: RoundParameters = { ...base };
    for (const key of Object.keys(roundParameters.shape) as (keyof RoundParameters)[]) {
      if (body[key] !== undefined) (merged as Record<string, unknown>)[key] = body[key];
    }
    return merged;
  }

  function solveAndExplain(session: PairingSession): { stored: StoredResult; ms: number } {
    const started = performance.now();
    const result = session.resolve();
    const explanation = session.explain();
    return { stored: { result, explanation }, ms: performance.now() - started };
  }

  const conflict = (error: unknown, field: string) => {
    if (error instanceof PairingInputError) {
      return new AppError(400, "pairingRound.conflict", {
        field,
        params: { problem: error.message.slice(error.where.length + 2) },
      });
    }
    return error;
  };

  const runJob: JobKind<RunJobParams> = {
    kind: ROUND_RUN_JOB,
    heavy: true,
    async run(ctx) {
      const actor = await deps.actorOf(ctx.ownerId, ctx.params.ip);
      if (!actor) throw new AppError(403, "forbidden");
      const roundId = ctx.params.roundId;
      // With the owner's rights as they are now: a role withdrawn since, or a published round, stops it.
      const round = await authorizeOne(ctx.db, actor, roundPolicy.run, roundId);
      await ctx.progress(0.05, "job.pairing_round.run.reading");
      const built = await build(ctx.db, round);
      await ctx.progress(0.4, "job.pairing_round.run.scoring", { candidates: built.problem.candidates.length });
      await ctx.progress(0.5, "job.pairing_round.run.solving");
      let session: PairingSession;
      let solved: ReturnType<typeof solveAndExplain>;
      try {
        session = createPairingSession(built.problem);
        solved = solveAndExplain(session);
      } catch (error) {
        throw conflict(error, "locks");
      }
      await ctx.progress(0.9, "job.pairing_round.run.saving");
      const solvedAt = clock();
      const { covered, assigned, score } = solved.stored.result;
      return {
        result: { roundId, covered, assigned, score },
        commit: async (trx) => {
          const r = pairingRoundsRepository(trx);
          await r.lockRound(roundId);
          const [now] = await r.findRoundsWhere(visibleWhere(actor, roundPolicy.read), [roundId]);
          if (!now || now.status === "published") throw new AppError(409, "pairingRound.published");
          await r.saveRun(roundId, {
            problem: built.problem,
            result: solved.stored,
            details: built.details,
            solveMs: solved.ms,
            incremental: false,
            solvedAt,
          });
          await recordAudit(trx, actor, {
            action: "pairing_round.run",
            result: "success",
            targetType: "pairing_round",
            targetId: roundId,
            detail: { roundId, covered, assigned, score, solveMs: Math.round(solved.ms) },
          });
          keepSession(roundId, session, solvedAt);
        },
      };
    },
  };

  /**
   * A published round's agreements: ~0.1 s of CPU each (the font is parsed and subset for every
   * document), so they are made here rather than in the request, each saved as it is made (a job
   * taken up again after a restart makes only the missing ones). With its owner's rights as they are.
   */
  const agreementsJob: JobKind<AgreementsJobParams> = {
    kind: AGREEMENTS_JOB,
    heavy: false,
    maxAttempts: 3,
    async run(ctx) {
      const actor = await deps.actorOf(ctx.ownerId, ctx.params.ip);
      if (!actor) throw new AppError(403, "forbidden");
      const r = pairingRoundsRepository(ctx.db);
      const facts = await r.agreementFacts(visibleWhere(actor, pairingPolicy.read), ctx.params.pairingIds);
      let made = 0;
      for (const [i, p] of facts.entries()) {
        await ctx.progress(i / Math.max(1, facts.length), "job.pairing.agreements.writing", {
          done: i,
          total: facts.length,
        });
        if (p.has_agreement || !p.starts_on || !p.ends_on) continue;
        const pdf = await renderAgreement({
          pairingId: p.id,
          helperName: p.helper_name,
          recipientName: p.recipient_name,
          formName: formName(p.form),
          startsOn: p.starts_on,
          endsOn: p.ends_on,
          goals: p.goals ?? DEFAULT_GOALS,
          roundName: p.round_name,
          coordinatorName: p.coordinator_name ?? "",
        });
        await r.saveAgreement(p.id, agreementFileName(p.id), pdf);
        made += 1;
      }
      return { result: { pairings: facts.length, made } };
    },
  };

  /** Changes the stored problem the way an edit changed the session, so the export stays what was solved. */
  function editProblem(problem: PairingProblem, edit: RoundEdit, details: RoundDetails): PairingProblem {
    const pair = (e: { helperOrgId: number; recipientOrgId: number }) => ({
      helper: orgKey(e.helperOrgId),
      recipient: orgKey(e.recipientOrgId),
    });
    const same = (a: { helper: string; recipient: string }, b: { helper: string; recipient: string }) =>
      a.helper === b.helper && a.recipient === b.recipient;
    const locked = [...(problem.locked ?? [])];
    const forbidden = [...(problem.forbidden ?? [])];
    switch (edit.kind) {
      case "lock":
        if (!locked.some((p) => same(p, pair(edit)))) locked.push(pair(edit));
        break;
      case "unlock":
        return { ...problem, locked: locked.filter((p) => !same(p, pair(edit))) };
      case "forbid":
        if (!forbidden.some((p) => same(p, pair(edit)))) forbidden.push(pair(edit));
        break;
      case "allow":
        return { ...problem, forbidden: forbidden.filter((p) => !same(p, pair(edit))) };
      case "capacity": {
        const value = edit.capacity ?? details.defaults.capacity[String(edit.orgId)] ?? 1;
        return {
          ...problem,
          helpers: problem.helpers.map((h) => (h.id === orgKey(edit.orgId) ? { ...h, capacity: value } : h)),
        };
      }
      case "demand": {
        const value = edit.demand ?? details.defaults.demand[String(edit.orgId)] ?? 1;
        return {
          ...problem,
          recipients: problem.recipients.map((r) => (r.id === orgKey(edit.orgId) ? { ...r, demand: value } : r)),
        };
      }
    }
    return { ...problem, locked, forbidden };
  }

  /** The round's own lists and overrides after an edit, so a later run keeps it. */
  function editRound(round: RoundRow, edit: RoundEdit) {
    const params = round.parameters as RoundParameters;
    const locks = [...(round.locks as RoundPairRef[])];
    const forbids = [...(round.forbids as RoundPairRef[])];
    const same = (a: RoundPairRef, b: RoundPairRef) =>
      a.helperOrgId === b.helperOrgId && a.recipientOrgId === b.recipientOrgId;
    switch (edit.kind) {
      case "lock":
        return { locks: locks.some((l) => same(l, edit)) ? locks : [...locks, pick(edit)] };
      case "unlock":
        return { locks: locks.filter((l) => !same(l, edit)) };
      case "forbid":
        return { forbids: forbids.some((l) => same(l, edit)) ? forbids : [...forbids, pick(edit)] };
      case "allow":
        return { forbids: forbids.filter((l) => !same(l, edit)) };
      case "capacity": {
        const capacities = params.capacities.filter((c) => c.orgId !== edit.orgId);
        if (edit.capacity !== null) capacities.push({ orgId: edit.orgId, capacity: edit.capacity });
        return { parameters: { ...params, capacities } };
      }
      case "demand": {
        const demands = params.demands.filter((d) => d.orgId !== edit.orgId);
        if (edit.demand !== null) demands.push({ orgId: edit.orgId, demand: edit.demand });
        return { parameters: { ...params, demands } };
      }
    }
  }
  const pick = (e: RoundPairRef): RoundPairRef => ({ helperOrgId: e.helperOrgId, recipientOrgId: e.recipientOrgId });

  /**
   * A pairing made by hand (organizations or members): its agreement, made and saved in the same
   * transaction, and each side's organization told who its partner is.
   */
  async function agreeAndTell(
    trx: Kysely<DB>,
    actor: Actor,
    p: {
      pairingId: number;
      helper: { name: string };
      recipient: { name: string };
      form: PairingForm;
      goals: string;
      startsOn: string;
      endsOn: string;
    },
    [helperSide, recipientSide]: readonly [number, number],
  ) {
    const pdf = await renderAgreement({
      pairingId: p.pairingId,
      helperName: p.helper.name,
      recipientName: p.recipient.name,
      formName: formName(p.form),
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      goals: p.goals,
      roundName: null,
      coordinatorName: actor.roles.find((role) => role.role === "coordinator")?.orgName ?? "",
    });
    await pairingRoundsRepository(trx).saveAgreement(p.pairingId, agreementFileName(p.pairingId), pdf);
    for (const [orgId, partner] of [
      [helperSide, p.recipient.name],
      [recipientSide, p.helper.name],
    ] as const) {
      const users = await contactsOfOrganizations(trx, [orgId], actor.userId);
      await notifyUsers(trx, users, { kind: "pairing.created", params: { partner }, link: `/pairings/${p.pairingId}` });
    }
  }

  const commands = {
    create: defineCommand({
      name: "pairing_round.create",
      ability: coordinatedOrgPolicy.coordinate,
      targetType: "pairing_round",
      targets: (input: { body: CreatePairingRoundBody }) => [input.body.orgId],
      targetField: "orgId",
      async run({ trx, actor, input: { body } }) {
        const { orgId, name, ...rest } = body;
        const parameters = mergeParameters(defaultRoundParameters, rest);
        const id = await pairingRoundsRepository(trx).insertRound({
          org_id: orgId,
          name,
          parameters,
          created_by: actor.userId,
        });
        return { result: id, targetId: id, detail: { orgId } };
      },
      present: presentRoundId,
    }),

    copy: defineCommand({
      name: "pairing_round.create",
      ability: roundPolicy.copy,
      targets: (input: { id: number; body: CopyPairingRoundBody }) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const round = row as RoundRow;
        const copy = await pairingRoundsRepository(trx).insertRound({
          org_id: round.org_id,
          name: body.name ?? `${round.name}（副本）`.slice(0, 100),
          parameters: round.parameters,
          locks: round.locks,
          forbids: round.forbids,
          created_by: actor.userId,
        });
        return { result: copy, targetId: copy, detail: { orgId: round.org_id, roundId: id } };
      },
      present: presentRoundId,
    }),

    update: defineCommand({
      name: "pairing_round.update",
      ability: roundPolicy.update,
      lock: (trx, input: { id: number; body: UpdatePairingRoundBody }) =>
        pairingRoundsRepository(trx).lockRound(input.id),
      targets: (input) => [input.id],
      async run({ trx, rows: [row], input: { id, body } }) {
        const round = row as RoundRow;
        const { name, ...rest } = body;
        await pairingRoundsRepository(trx).updateRound(id, {
          ...(name !== undefined && { name }),
          parameters: mergeParameters(round.parameters as RoundParameters, rest),
        });
        return { result: id, targetId: id, detail: { fields: Object.keys(body) } };
      },
      present: presentRoundId,
    }),

    run: defineCommand({
      name: "pairing_round.run",
      ability: roundPolicy.run,
      lock: (trx, input: { id: number; locale: Locale }) => pairingRoundsRepository(trx).lockRound(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, input: { id, locale } }) {
        const jobId = await deps.jobs.enqueue(trx, runJob, {
          ownerId: actor.userId,
          params: { roundId: id, ip: actor.ip },
          locale,
        });
        await pairingRoundsRepository(trx).updateRound(id, { last_job_id: jobId });
        return { result: jobId, targetId: id, detail: { roundId: id, kind: ROUND_RUN_JOB } };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, jobId: string) => ({ jobId }),
    }),

    edit: defineCommand({
      name: "pairing_round.edit",
      ability: roundPolicy.update,
      lock: (trx, input: { id: number; edit: RoundEdit; locale: Locale }) =>
        pairingRoundsRepository(trx).lockRound(input.id),
      targets: (input) => [input.id],
      async run({ trx, rows: [row], input: { id, edit } }) {
        const round = row as RoundRow;
        if (round.status !== "solved") throw new AppError(409, "pairingRound.notRun");
        const r = pairingRoundsRepository(trx);
        const run = await r.runOf(id);
        const problem = run?.problem as PairingProblem;
        const details = run?.details as RoundDetails;
        // Who the edit names must take part in the round (and a pair must be one of its candidates).
        if (edit.kind === "capacity" || edit.kind === "demand") {
          const list = edit.kind === "capacity" ? problem.helpers : problem.recipients;
          if (!list.some((p) => p.id === orgKey(edit.orgId)))
            throw invalidField("orgId", "pairingRound.notParticipant");
        } else {
          if (!problem.helpers.some((h) => h.id === orgKey(edit.helperOrgId))) {
            throw invalidField("helperOrgId", "pairingRound.notParticipant");
          }
          if (!problem.recipients.some((h) => h.id === orgKey(edit.recipientOrgId))) {
            throw invalidField("recipientOrgId", "pairingRound.notParticipant");
          }
          if (!details.candidates[`${edit.helperOrgId}:${edit.recipientOrgId}`] && edit.kind === "lock") {
            throw invalidField("recipientOrgId", "pairingRound.notCandidate");
          }
        }
        const session = takeSession(round, problem);
        try {
          switch (edit.kind) {
            case "lock":
              session.lock(orgKey(edit.helperOrgId), orgKey(edit.recipientOrgId));
              break;
            case "unlock":
              if (details.candidates[`${edit.helperOrgId}:${edit.recipientOrgId}`]) {
                session.unlock(orgKey(edit.helperOrgId), orgKey(edit.recipientOrgId));
              }
              break;
            case "forbid":
              session.forbid(orgKey(edit.helperOrgId), orgKey(edit.recipientOrgId));
              break;
            case "allow":
              session.allow(orgKey(edit.helperOrgId), orgKey(edit.recipientOrgId));
              break;
            case "capacity":
              session.setCapacity(
                orgKey(edit.orgId),
                edit.capacity ?? details.defaults.capacity[String(edit.orgId)] ?? 1,
              );
              break;
            case "demand":
              session.setDemand(orgKey(edit.orgId), edit.demand ?? details.defaults.demand[String(edit.orgId)] ?? 1);
              break;
          }
        } catch (error) {
          throw conflict(
            error,
            edit.kind === "capacity" ? "capacity" : edit.kind === "demand" ? "demand" : "recipientOrgId",
          );
        }
        const solved = solveAndExplain(session);
        const solvedAt = clock();
        await r.saveRun(
          id,
          {
            problem: editProblem(problem, edit, details),
            result: solved.stored,
            details,
            solveMs: solved.ms,
            incremental: true,
            solvedAt,
          },
          editRound(round, edit),
        );
        const { covered, assigned, score } = solved.stored.result;
        return {
          result: { id, session, solvedAt },
          targetId: id,
          detail: {
            roundId: id,
            kind: edit.kind,
            ...("orgId" in edit ? { orgId: edit.orgId } : {}),
            ...("helperOrgId" in edit ? { helperOrgId: edit.helperOrgId, recipientOrgId: edit.recipientOrgId } : {}),
            covered,
            assigned,
            score,
          },
        };
      },
      present: async (
        _db: Kysely<DB>,
        _actor: Actor,
        done: { id: number; session: PairingSession; solvedAt: Date },
      ) => {
        // Committed: the session is the round's current one.
        keepSession(done.id, done.session, done.solvedAt);
        return done.id;
      },
    }),

    publish: defineCommand({
      name: "pairing_round.publish",
      ability: roundPolicy.publish,
      lock: (trx, input: { id: number; body: PublishPairingRoundBody }) =>
        pairingRoundsRepository(trx).lockRound(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const round = row as RoundRow;
        const r = pairingRoundsRepository(trx);
        const run = await r.runOf(id);
        const stored = run?.result as StoredResult;
        const details = run?.details as RoundDetails;
        const params = round.parameters as RoundParameters;
        const startsOn = body.startsOn ?? today();
        const ends = new Date(`${startsOn}T00:00:00Z`);
        ends.setUTCFullYear(ends.getUTCFullYear() + params.years);
        ends.setUTCDate(ends.getUTCDate() - 1);
        const endsOn = ends.toISOString().slice(0, 10);
        const goals = params.goals.trim() || DEFAULT_GOALS;
        // A pairing that goes on (continuity) is kept as it is, not made twice.
        const pairs = stored.result.pairs.map((pair) => ({
          helperOrgId: orgIdOf(pair.helper),
          recipientOrgId: orgIdOf(pair.recipient),
        }));
        const current = await r.currentOrgPairings(pairs);
        const fresh = pairs.filter((p) => !current.has(`${p.helperOrgId}:${p.recipientOrgId}`));
        const inserted = await r.insertPairings(
          fresh.map((p) => ({
            helper_org_id: p.helperOrgId,
            recipient_org_id: p.recipientOrgId,
            form: details.candidates[`${p.helperOrgId}:${p.recipientOrgId}`]?.form ?? "urban_rural",
            status: "active",
            starts_on: startsOn,
            ends_on: endsOn,
            goals,
            origin: "round",
            round_id: id,
            created_by: actor.userId,
          })),
        );
        const idOf = new Map([...current, ...inserted]);
        const pairingIds = pairs.map((p) => idOf.get(`${p.helperOrgId}:${p.recipientOrgId}`) as number);
        const created = [...inserted.values()];
        // Both sides are told, each about its new partners (one notice per organization).
        const partners = new Map<number, { names: string[]; pairingIds: number[] }>();
        const tell = (orgId: number, partnerId: number, pairingId: number) => {
          const entry = partners.get(orgId) ?? { names: [], pairingIds: [] };
          entry.names.push(details.orgs[String(partnerId)]?.name ?? "");
          entry.pairingIds.push(pairingId);
          partners.set(orgId, entry);
        };
        for (const p of fresh) {
          const pairingId = idOf.get(`${p.helperOrgId}:${p.recipientOrgId}`) as number;
          tell(p.helperOrgId, p.recipientOrgId, pairingId);
          tell(p.recipientOrgId, p.helperOrgId, pairingId);
        }
        for (const [orgId, entry] of partners) {
          const users = await contactsOfOrganizations(trx, [orgId], actor.userId);
          await notifyUsers(trx, users, {
            kind: "pairing.published",
            params: { round: round.name, partner: entry.names.join("、") },
            link: entry.pairingIds.length === 1 ? `/pairings/${entry.pairingIds[0]}` : `/pairings?orgId=${orgId}`,
          });
        }
        await r.markPublished(id, actor.userId);
        // The agreements follow in a job (GET /api/jobs/{id}), enqueued with the publication.
        const agreementsJobId = created.length
          ? await deps.jobs.enqueue(trx, agreementsJob, {
              ownerId: actor.userId,
              params: { pairingIds: created, ip: actor.ip },
              locale: "zh-CN",
            })
          : null;
        const { covered, assigned } = stored.result;
        return {
          result: { roundId: id, pairingIds, agreementsJobId },
          targetId: id,
          detail: { roundId: id, pairings: pairingIds.length, covered, assigned },
        };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, result: PublishPairingRoundResponse) => result,
    }),

    createPairing: defineCommand({
      name: "pairing.create",
      ability: coordinatedOrgPolicy.coordinate,
      targetType: "pairing",
      targets: (input: { body: CreatePairingBody }) => [input.body.helperOrgId],
      targetField: "helperOrgId",
      async run({ trx, actor, rows: [helperRow], input: { body } }) {
        const helper = helperRow as OrgRow;
        if (body.recipientOrgId === body.helperOrgId) throw invalidField("recipientOrgId", "pairing.sameOrg");
        const [recipient] = (await authorizeField(
          trx,
          actor,
          coordinatedOrgPolicy.coordinate,
          [body.recipientOrgId],
          "recipientOrgId",
        )) as OrgRow[];
        if (!recipient) throw invalidField("recipientOrgId", "org.notInScope");
        if (body.endsOn < body.startsOn) throw invalidField("endsOn", "pairing.endsBeforeStart");
        const r = pairingRoundsRepository(trx);
        if ((await r.currentOrgPairing(body.helperOrgId, body.recipientOrgId)) !== undefined) {
          throw invalidField("recipientOrgId", "pairing.exists");
        }
        const form =
          body.form ??
          pairingFormOf(
            { area: helper.area === "urban" ? "urban" : "rural" },
            { area: recipient.area === "urban" ? "urban" : "rural" },
          ) ??
          "urban_urban";
        const goals = body.goals?.trim() || DEFAULT_GOALS;
        const pairingId = await r.insertPairing({
          kind: body.kind ?? "pairing",
          helper_org_id: body.helperOrgId,
          recipient_org_id: body.recipientOrgId,
          form,
          status: "active",
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          goals,
          origin: "manual",
          round_id: null,
          created_by: actor.userId,
        });
        await agreeAndTell(
          trx,
          actor,
          { startsOn: body.startsOn, endsOn: body.endsOn, pairingId, helper, recipient, form, goals },
          [body.helperOrgId, body.recipientOrgId],
        );
        return {
          result: pairingId,
          targetId: pairingId,
          detail: { helperOrgId: body.helperOrgId, recipientOrgId: body.recipientOrgId, kind: form },
        };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getPairing(actor, id),
    }),

    createMemberPairing: defineCommand({
      name: "pairing.create",
      ability: coordinatedMemberPolicy.coordinate,
      targetType: "pairing",
      targets: (input: { body: CreateMemberPairingBody }) => [input.body.helperMemberId],
      targetField: "helperMemberId",
      async run({ trx, actor, rows: [helperRow], input: { body } }) {
        const helper = helperRow as MemberRow;
        if (body.recipientMemberId === body.helperMemberId) throw invalidField("recipientMemberId", "pairing.sameOrg");
        const [recipient] = (await authorizeField(
          trx,
          actor,
          coordinatedMemberPolicy.coordinate,
          [body.recipientMemberId],
          "recipientMemberId",
          "pairing.memberNotInScope",
        )) as MemberRow[];
        if (!recipient) throw invalidField("recipientMemberId", "pairing.memberNotInScope");
        if (body.endsOn < body.startsOn) throw invalidField("endsOn", "pairing.endsBeforeStart");
        const r = pairingRoundsRepository(trx);
        if ((await r.currentMemberPairing(body.helperMemberId, body.recipientMemberId)) !== undefined) {
          throw invalidField("recipientMemberId", "pairing.exists");
        }
        const form = body.form ?? "urban_rural";
        const goals = body.goals?.trim() || DEFAULT_GOALS;
        const pairingId = await r.insertMemberPairing({
          helper_member_id: body.helperMemberId,
          recipient_member_id: body.recipientMemberId,
          form,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          goals,
          created_by: actor.userId,
        });
        // The members' organizations are told (members have no notices of their own here).
        await agreeAndTell(
          trx,
          actor,
          { startsOn: body.startsOn, endsOn: body.endsOn, pairingId, helper, recipient, form, goals },
          [helper.primary_org_id, recipient.primary_org_id],
        );
        return {
          result: pairingId,
          targetId: pairingId,
          detail: { kind: form },
        };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getPairing(actor, id),
    }),

    createContactPoint: defineCommand({
      name: "pairing.create",
      ability: coordinatedOrgPolicy.coordinate,
      targetType: "pairing",
      targets: (input: { body: CreateContactPointBody }) => [input.body.orgId],
      targetField: "orgId",
      async run({ trx, actor, rows: [orgRow], input: { body } }) {
        const village = orgRow as OrgRow;
        if (village.category !== "village" && village.category !== "urban_community") {
          throw invalidField("orgId", "pairing.notVillage");
        }
        const [leader] = (await authorizeField(
          trx,
          actor,
          coordinatedMemberPolicy.coordinate,
          [body.leaderMemberId],
          "leaderMemberId",
          "pairing.memberNotInScope",
        )) as MemberRow[];
        if (!leader) throw invalidField("leaderMemberId", "pairing.memberNotInScope");
        if (body.endsOn < body.startsOn) throw invalidField("endsOn", "pairing.endsBeforeStart");
        const r = pairingRoundsRepository(trx);
        if ((await r.currentContactPoint(body.leaderMemberId, body.orgId)) !== undefined) {
          throw invalidField("orgId", "pairing.exists");
        }
        const goals = body.goals?.trim() || DEFAULT_GOALS;
        const pairingId = await r.insertContactPoint({
          helper_member_id: body.leaderMemberId,
          recipient_org_id: body.orgId,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          goals,
          demonstration: body.demonstration ?? false,
          created_by: actor.userId,
        });
        const users = await contactsOfOrganizations(trx, [body.orgId], actor.userId);
        await notifyUsers(trx, users, {
          kind: "pairing.created",
          params: { partner: leader.name },
          link: `/pairings/${pairingId}`,
        });
        return { result: pairingId, targetId: pairingId, detail: { orgId: body.orgId, kind: "contact_point" } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getPairing(actor, id),
    }),

    recordVisit: defineCommand({
      name: "pairing.visit",
      ability: pairingPolicy.recordVisit,
      targets: (input: { id: number; body: RecordVisitBody }) => [input.id],
      async run({ trx, actor, input: { id, body } }) {
        if (body.visitedOn > today()) throw invalidField("visitedOn", "date.future");
        await pairingRoundsRepository(trx).insertVisit({
          pairing_id: id,
          visited_on: body.visitedOn,
          notes: body.notes,
          created_by: actor.userId,
        });
        return { result: id, targetId: id, detail: {} };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getPairing(actor, id),
    }),

    setDemonstration: defineCommand({
      name: "pairing.demonstrate",
      ability: pairingPolicy.demonstrate,
      lock: (trx, input: { id: number; body: SetDemonstrationBody }) =>
        pairingRoundsRepository(trx).lockPairing(input.id),
      targets: (input) => [input.id],
      async run({ trx, input: { id, body } }) {
        await pairingRoundsRepository(trx).setDemonstration(id, body.demonstration);
        return { result: id, targetId: id, detail: { fields: ["demonstration"] } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getPairing(actor, id),
    }),

    conclude: defineCommand({
      name: "pairing.conclude",
      ability: pairingPolicy.conclude,
      lock: (trx, input: { id: number; body: EndPairingBody }) => pairingRoundsRepository(trx).lockPairing(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, input: { id, body } }) {
        await pairingRoundsRepository(trx).endPairing(id, "concluded", body.reason, actor.userId);
        return { result: id, targetId: id, detail: { toStatus: "concluded" } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getPairing(actor, id),
    }),

    dissolve: defineCommand({
      name: "pairing.dissolve",
      ability: pairingPolicy.dissolve,
      lock: (trx, input: { id: number; body: EndPairingBody }) => pairingRoundsRepository(trx).lockPairing(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, input: { id, body } }) {
        await pairingRoundsRepository(trx).endPairing(id, "dissolved", body.reason, actor.userId);
        return { result: id, targetId: id, detail: { toStatus: "dissolved", reason: body.reason.slice(0, 200) } };
      },
      present: (_db: Kysely<DB>, actor: Actor, id: number) => getPairing(actor, id),
    }),
  };

  async function getPairing(actor: Actor, id: number): Promise<PairingDetail> {
    const [row] = await repo.findPairingsWhere(visibleWhere(actor, pairingPolicy.read), [id]);
    if (!row) throw notFound("pairing");
    const [abilities, events, visits, last, projects] = await Promise.all([
      presentAbilities(db, actor, pairingPolicy, [row]),
      repo.eventsOf(id),
      repo.visitsOf(id),
      repo.lastActivities([id]),
      repo.linkedProjects(row.helper_org_id, row.recipient_org_id),
    ]);
    const rhythm = pairingRhythm(row, last.get(id) ?? null, today());
    return presentPairingDetail(row, abilities.get(id) ?? {}, events, visits, rhythm, projects);
  }

  /**
   * The current (active or proposed) pairings of the caller's own organizations — the ones their
   * roles are held in — and their own member pairings, newest first: the home page's card for
   * either side. Within what the caller may read, so nothing the pairings list would not show.
   */
  async function myPairings(actor: Actor, limit: number) {
    const orgIds = [...new Set(actor.roles.flatMap((r) => (r.orgId === null ? [] : [r.orgId])))];
    const memberId = actor.memberId;
    const sides: RawBuilder<SqlBool>[] = [];
    if (orgIds.length > 0) {
      const list = sql.join(orgIds.map((id) => sql`${id}`));
      sides.push(
        sql<SqlBool>`pairings.helper_org_id IN (${list})`,
        sql<SqlBool>`pairings.recipient_org_id IN (${list})`,
      );
    }
    if (memberId !== null) {
      sides.push(
        sql<SqlBool>`pairings.helper_member_id = ${memberId}`,
        sql<SqlBool>`pairings.recipient_member_id = ${memberId}`,
      );
    }
    if (sides.length === 0) return { items: [], total: 0 };
    const where = sql<SqlBool>`(${visibleWhere(actor, pairingPolicy.read)}) AND (${sql.join(sides, sql` OR `)}) AND pairings.status IN ('active', 'proposed')`;
    const { items, total } = await repo.listPairings(where, { page: 1, pageSize: limit });
    const [abilities, last] = await Promise.all([
      presentAbilities(db, actor, pairingPolicy, items),
      repo.lastActivities(items.map((r) => r.id)),
    ]);
    const own = new Set(orgIds);
    return {
      total,
      items: items.map((row) => {
        const pairing = presentPairing(row, abilities.get(row.id) ?? {});
        const helperSide =
          (row.helper_org_id !== null && own.has(row.helper_org_id)) ||
          (memberId !== null && row.helper_member_id === memberId);
        return {
          ...pairing,
          side: helperSide ? ("helper" as const) : ("recipient" as const),
          partner: helperSide ? pairing.recipient : pairing.helper,
          rhythm: pairingRhythm(row, last.get(row.id) ?? null, today()),
        };
      }),
    };
  }

  return {
    commands,
    runJob,
    agreementsJob,
    async listRounds(actor: Actor, query: PairingRoundListQuery): Promise<{ items: PairingRound[]; total: number }> {
      const result = await repo.listRounds(visibleWhere(actor, roundPolicy.read), query);
      const abilities = await presentAbilities(db, actor, roundPolicy, result.items);
      return { items: result.items.map((r) => presentRound(r, abilities.get(r.id) ?? {})), total: result.total };
    },
    getRound,
    async preview(actor: Actor, id: number): Promise<PairingRoundPreview> {
      const round = await readRound(actor, id);
      const built = await build(db, round);
      const LIST_MAX = 2000;
      return {
        recipients: built.recipients.slice(0, LIST_MAX),
        helpers: built.helpers.slice(0, LIST_MAX),
        candidates: built.problem.candidates.length,
        byForm: built.byForm,
        recipientsWithoutCandidates: built.recipients.filter((r) => r.candidates === 0).length,
        truncated: built.recipients.length > LIST_MAX || built.helpers.length > LIST_MAX,
      };
    },
    /** The problem the last run solved (with the edits since), or before any run the one it would solve. */
    async problem(actor: Actor, id: number): Promise<PairingProblem> {
      const round = await readRound(actor, id);
      if (round.status !== "draft") {
        const run = await repo.runOf(id);
        if (run?.problem) return run.problem as PairingProblem;
      }
      return (await build(db, round)).problem;
    },
    result: resultOf,
    create: (actor: Actor, body: CreatePairingRoundBody) => execute(db, actor, commands.create, { body }),
    copy: (actor: Actor, id: number, body: CopyPairingRoundBody) => execute(db, actor, commands.copy, { id, body }),
    update: (actor: Actor, id: number, body: UpdatePairingRoundBody) =>
      execute(db, actor, commands.update, { id, body }),
    run: (actor: Actor, id: number, locale: Locale) => execute(db, actor, commands.run, { id, locale }),
    async edit(actor: Actor, id: number, edit: RoundEdit, locale: Locale): Promise<PairingRoundResult> {
      await execute(db, actor, commands.edit, { id, edit, locale });
      return resultOf(actor, id, locale);
    },
    publish: (actor: Actor, id: number, body: PublishPairingRoundBody) =>
      execute(db, actor, commands.publish, { id, body }),

    async listPairings(actor: Actor, query: PairingListQuery): Promise<{ items: Pairing[]; total: number }> {
      const result = await repo.listPairings(visibleWhere(actor, pairingPolicy.read), query);
      const abilities = await presentAbilities(db, actor, pairingPolicy, result.items);
      return { items: result.items.map((p) => presentPairing(p, abilities.get(p.id) ?? {})), total: result.total };
    },
    getPairing,
    myPairings,
    async agreement(actor: Actor, id: number): Promise<{ fileName: string; content: Buffer }> {
      const [row] = await repo.findPairingsWhere(visibleWhere(actor, pairingPolicy.read), [id]);
      if (!row) throw notFound("pairing");
      const agreement = await repo.agreementOf(id);
      if (!agreement) throw notFound("pairing");
      return { fileName: agreement.file_name, content: Buffer.from(agreement.content) };
    },
    createPairing: (actor: Actor, body: CreatePairingBody) => execute(db, actor, commands.createPairing, { body }),
    createMemberPairing: (actor: Actor, body: CreateMemberPairingBody) =>
      execute(db, actor, commands.createMemberPairing, { body }),
    createContactPoint: (actor: Actor, body: CreateContactPointBody) =>
      execute(db, actor, commands.createContactPoint, { body }),
    recordVisit: (actor: Actor, id: number, body: RecordVisitBody) =>
      execute(db, actor, commands.recordVisit, { id, body }),
    setDemonstration: (actor: Actor, id: number, body: SetDemonstrationBody) =>
      execute(db, actor, commands.setDemonstration, { id, body }),
    conclude: (actor: Actor, id: number, body: EndPairingBody) => execute(db, actor, commands.conclude, { id, body }),
    dissolve: (actor: Actor, id: number, body: EndPairingBody) => execute(db, actor, commands.dissolve, { id, body }),
  };
}
export type PairingRoundsService = ReturnType<typeof pairingRoundsService>;
