import type {
  Claim,
  ClaimListQuery,
  ClaimNeedBody,
  ConfirmNeedBody,
  CreateNeedBody,
  CreateResourceBody,
  DeclineClaimBody,
  Locale,
  Need,
  NeedExportQuery,
  NeedListQuery,
  NeedStatus,
  RequestResourceBody,
  Resource,
  ResourceListQuery,
  UpdateNeedBody,
  UpdateResourceBody,
} from "@huzhu/contracts";
import { type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, reachSql, scopeFor } from "../../platform/access.ts";
import { attachmentsOf, linkAttachments, registerAttachmentTarget } from "../../platform/attachments.ts";
import { type AuditRecord, describeFilters, recordAudit } from "../../platform/audit.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { type ExportJobParams, exportJob } from "../../platform/export-job.ts";
import type { JobKind, JobRunner } from "../../platform/jobs.ts";
import { contactsOfOrganizations, notifyUsers } from "../../platform/notifications.ts";
import {
  type Ability,
  type AnyAbility,
  authorizeField,
  presentAbilities,
  scopeOf,
  visibleWhere,
} from "../../platform/policy.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { projectDirectory } from "../projects/projects.service.ts";
import { needsExportFileName, writeNeedsWorkbook } from "./needs.export.ts";
import { type NeedAction, type NeedSide, needTransition } from "./needs.lifecycle.ts";
import { claimPolicy, helpOrgPolicy, needPolicy, resourcePolicy } from "./needs.policy.ts";
import { presentClaim, presentNeed, presentResource } from "./needs.presenter.ts";
import { type ClaimRow, type NeedRow, needOwnerReach, needsRepository } from "./needs.repository.ts";
import { needSuggestionsService } from "./needs.suggestions.ts";

export const NEED_ATTACHMENT = "need";

function safeWhere(actor: Actor, ability: AnyAbility) {
  try {
    return visibleWhere(actor, ability);
  } catch {
    return null;
  }
}

/** The next status of a step, or the refusal the lifecycle gives (the ability's rule said the same). */
function next(need: Pick<NeedRow, "status">, action: NeedAction, side: NeedSide): NeedStatus {
  const t = needTransition(need.status as NeedStatus, action, side);
  if (!t.ok) throw new AppError(t.status, t.code, { params: { status: need.status } });
  return t.next;
}

/** An export above this many needs is refused (400 need.exportTooMany), asking for narrower filters (as the roster's). */
export const NEEDS_EXPORT_MAX_ROWS = 50_000;
const NEEDS_EXPORT_BATCH_SIZE = 1000;

export function needsService(db: Kysely<DB>, clock: () => Date, options: { exportMaxRows?: number } = {}) {
  const repo = needsRepository(db);
  const suggestions = needSuggestionsService(db, clock);
  const exportMaxRows = options.exportMaxRows ?? NEEDS_EXPORT_MAX_ROWS;
  const today = () => chinaDate(clock());

  registerAttachmentTarget(NEED_ATTACHMENT, async (db2, actor, targetId) => {
    const where = safeWhere(actor, needPolicy.read);
    return where !== null && (await needsRepository(db2).findNeedsWhere(where, [Number(targetId)])).length > 0;
  });

  // ---- reads ----

  async function presentNeeds(actor: Actor, rows: NeedRow[]): Promise<Need[]> {
    const [abilities, attachments] = await Promise.all([
      presentAbilities(db, actor, needPolicy, rows),
      attachmentsOf(
        db,
        NEED_ATTACHMENT,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((r) => presentNeed(r, abilities.get(r.id) ?? {}, attachments.get(r.id) ?? []));
  }

  async function getNeed(actor: Actor, id: number): Promise<Need> {
    const [row] = await repo.findNeedsWhere(visibleWhere(actor, needPolicy.read), [id]);
    if (!row) throw notFound("need");
    return (await presentNeeds(actor, [row]))[0] as Need;
  }
  const presentNeedId = (_db: Kysely<DB>, actor: Actor, id: number) => getNeed(actor, id);

  async function getResource(actor: Actor, id: number): Promise<Resource> {
    const [row] = await repo.findResourcesWhere(visibleWhere(actor, resourcePolicy.read), [id]);
    if (!row) throw notFound("resource");
    const abilities = await presentAbilities(db, actor, resourcePolicy, [row]);
    return presentResource(row, abilities.get(id) ?? {});
  }
  const presentResourceId = (_db: Kysely<DB>, actor: Actor, id: number) => getResource(actor, id);

  async function presentClaims(actor: Actor, rows: ClaimRow[]): Promise<Claim[]> {
    const abilities = await presentAbilities(db, actor, claimPolicy, rows);
    return rows.map((r) => presentClaim(r, abilities.get(r.id) ?? {}));
  }

  async function getClaim(actor: Actor, id: number): Promise<Claim> {
    const [row] = await repo.findClaimsWhere(visibleWhere(actor, claimPolicy.read), [id]);
    if (!row) throw notFound("claim");
    return (await presentClaims(actor, [row]))[0] as Claim;
  }
  const presentClaimId = (_db: Kysely<DB>, actor: Actor, id: number) => getClaim(actor, id);

  /** The `within` filter: an organization the caller reads (404 otherwise), as the path of its subtree. */
  async function withinPath(actor: Actor, within: number | undefined): Promise<string | null> {
    if (within === undefined) return null;
    const org = await orgDirectory(db).find(scopeFor(actor, "org.read"), within);
    if (!org) throw notFound("organization");
    return org.path;
  }

  // ---- helpers of the commands ----

  /**
   * The organization a region-visible record is published to, or null: a draft is nobody's but
   * its owner's, and a withdrawn or expired need no longer asks the region for anything (its
   * owners and claimants still see it).
   */
  async function publishedOrg(trx: Kysely<DB>, orgId: number, visibility: string, status: string) {
    const published = visibility === "region" && !["draft", "withdrawn", "expired"].includes(status);
    return published ? needsRepository(trx).regionOf(orgId) : null;
  }

  function checkDeadline(deadline: string | null | undefined) {
    if (deadline && deadline < today()) throw invalidField("deadline", "date.past");
  }

  async function tell(
    trx: Kysely<DB>,
    actor: Actor,
    orgIds: number[],
    kind: string,
    params: Record<string, string | number>,
    link: string,
  ) {
    const users = await contactsOfOrganizations(trx, orgIds, actor.userId);
    await notifyUsers(trx, users, { kind, params, link });
  }

  /** The helpers of a need (accepted claims), whom its owner's steps concern. */
  async function helpersOf(trx: Kysely<DB>, needId: number): Promise<number[]> {
    return needsRepository(trx).acceptedHelpers(needId);
  }

  /** A step of the need's lifecycle that only moves its status (start, deliver, close). */
  function statusStep(
    name: "need.start" | "need.deliver" | "need.close",
    ability: Ability<NeedRow>,
    action: NeedAction,
    side: NeedSide,
    notification: string | null,
  ) {
    return defineCommand({
      name,
      ability,
      lock: (trx, input: { id: number }) => needsRepository(trx).lockNeed(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id } }) {
        const need = row as NeedRow;
        const to = next(need, action, side);
        await needsRepository(trx).updateNeed(id, { status: to });
        if (notification) {
          const other = side === "helper" ? [need.org_id] : await helpersOf(trx, id);
          await tell(trx, actor, other, notification, { title: need.title }, `/needs/${id}`);
        }
        return { result: id, targetId: id, detail: { fromStatus: need.status, toStatus: to } };
      },
      present: presentNeedId,
    });
  }

  const commands = {
    createNeed: defineCommand({
      name: "need.create",
      ability: helpOrgPolicy.actFor,
      targetType: "need",
      targets: (body: CreateNeedBody) => [body.orgId],
      targetField: "orgId",
      async run({ trx, actor, input: body }) {
        checkDeadline(body.deadline);
        const status = body.draft ? "draft" : "open";
        const r = needsRepository(trx);
        const id = await r.insertNeed({
          org_id: body.orgId,
          category: body.category,
          title: body.title,
          description: body.description,
          expected_outcome: body.expectedOutcome ?? null,
          budget_fen: body.budgetFen ?? null,
          deadline: body.deadline ?? null,
          urgency: body.urgency ?? "normal",
          visibility: body.visibility,
          published_org_id: await publishedOrg(trx, body.orgId, body.visibility, status),
          status,
          created_by: actor.userId,
        });
        await linkAttachments(trx, actor, body.attachmentIds ?? [], { type: NEED_ATTACHMENT, id });
        return { result: id, targetId: id, detail: { orgId: body.orgId, kind: body.category, toStatus: status } };
      },
      present: presentNeedId,
    }),

    updateNeed: defineCommand({
      name: "need.update",
      ability: needPolicy.update,
      lock: (trx, input: { id: number; body: UpdateNeedBody }) => needsRepository(trx).lockNeed(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const need = row as NeedRow;
        if (body.deadline !== undefined) checkDeadline(body.deadline);
        const visibility = body.visibility ?? need.visibility;
        await needsRepository(trx).updateNeed(
          id,
          {
            ...(body.category !== undefined && { category: body.category }),
            ...(body.title !== undefined && { title: body.title }),
            ...(body.description !== undefined && { description: body.description }),
            ...(body.expectedOutcome !== undefined && { expected_outcome: body.expectedOutcome }),
            ...(body.budgetFen !== undefined && { budget_fen: body.budgetFen }),
            ...(body.deadline !== undefined && { deadline: body.deadline }),
            ...(body.urgency !== undefined && { urgency: body.urgency }),
            visibility,
            published_org_id: await publishedOrg(trx, need.org_id, visibility, need.status),
          },
          {
            title: body.title ?? need.title,
            description: body.description ?? need.description,
            expectedOutcome: body.expectedOutcome === undefined ? need.expected_outcome : body.expectedOutcome,
          },
        );
        await linkAttachments(trx, actor, body.attachmentIds ?? [], { type: NEED_ATTACHMENT, id });
        return { result: id, targetId: id, detail: { fields: Object.keys(body) } };
      },
      present: presentNeedId,
    }),

    publishNeed: defineCommand({
      name: "need.publish",
      ability: needPolicy.publish,
      lock: (trx, input: { id: number }) => needsRepository(trx).lockNeed(input.id),
      targets: (input) => [input.id],
      async run({ trx, rows: [row], input: { id } }) {
        const need = row as NeedRow;
        const to = next(need, "publish", "owner");
        await needsRepository(trx).updateNeed(id, {
          status: to,
          published_org_id: await publishedOrg(trx, need.org_id, need.visibility, to),
        });
        return { result: id, targetId: id, detail: { fromStatus: need.status, toStatus: to } };
      },
      present: presentNeedId,
    }),

    withdrawNeed: defineCommand({
      name: "need.withdraw",
      ability: needPolicy.withdraw,
      lock: (trx, input: { id: number }) => needsRepository(trx).lockNeed(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id } }) {
        const need = row as NeedRow;
        const to = next(need, "withdraw", "owner");
        await needsRepository(trx).updateNeed(id, { status: to, published_org_id: null });
        // Claims still waiting are answered by the withdrawal; their makers hear of it.
        const waiting = await needsRepository(trx).withdrawPendingClaims({ needId: id });
        await tell(
          trx,
          actor,
          waiting.map((c) => c.helper_org_id),
          "need.withdrawn",
          { title: need.title },
          `/needs/${id}`,
        );
        return { result: id, targetId: id, detail: { fromStatus: need.status, toStatus: to } };
      },
      present: presentNeedId,
    }),

    claimNeed: defineCommand({
      name: "claim.create",
      ability: needPolicy.claim,
      lock: (trx, input: { id: number; body: ClaimNeedBody }) => needsRepository(trx).lockNeed(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const need = row as NeedRow;
        const [helper] = await authorizeField(trx, actor, helpOrgPolicy.actFor, [body.orgId], "orgId");
        if (body.orgId === need.org_id || need.org_path.startsWith((helper as { path: string }).path)) {
          throw invalidField("orgId", "need.ownNeed");
        }
        const r = needsRepository(trx);
        if (await r.helping(id, body.orgId)) throw new AppError(409, "need.alreadyHelping", { field: "orgId" });
        const claimId = await r.insertClaim({
          need_id: id,
          resource_id: null,
          direction: "offer",
          helper_org_id: body.orgId,
          recipient_org_id: need.org_id,
          message: body.message || null,
          created_by: actor.userId,
        });
        await tell(
          trx,
          actor,
          [need.org_id],
          "need.claimed",
          { org: (helper as { name: string }).name, title: need.title },
          `/needs/${id}`,
        );
        return { result: claimId, targetId: id, detail: { helperOrgId: body.orgId, recipientOrgId: need.org_id } };
      },
      present: presentClaimId,
    }),

    assignNeed: defineCommand({
      name: "need.assign",
      ability: needPolicy.assign,
      lock: (trx, input: { id: number; body: ClaimNeedBody }) => needsRepository(trx).lockNeed(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const need = row as NeedRow;
        // The coordinator acts for both sides: the helper must be in their jurisdiction too.
        const [helper] = await authorizeField(trx, actor, helpOrgPolicy.actFor, [body.orgId], "orgId");
        if (body.orgId === need.org_id) throw invalidField("orgId", "claim.samePair");
        const r = needsRepository(trx);
        if (await r.helping(id, body.orgId)) throw new AppError(409, "need.alreadyHelping", { field: "orgId" });
        const to = next(need, "assign", "superior");
        const projectId = await projectDirectory(trx).startOrJoin({
          needId: id,
          resourceId: null,
          title: need.title,
          startedOn: today(),
          helperOrgId: body.orgId,
          recipientOrgId: need.org_id,
        });
        // A pending offer of the same helper is answered by the assignment.
        await r.withdrawPendingClaims({ needId: id, helperOrgId: body.orgId });
        await r.insertClaim({
          need_id: id,
          resource_id: null,
          direction: "assign",
          helper_org_id: body.orgId,
          recipient_org_id: need.org_id,
          message: body.message || null,
          status: "accepted",
          project_id: projectId,
          decided_by: actor.userId,
          decided_at: new Date(),
          created_by: actor.userId,
        });
        await r.updateNeed(id, { status: to });
        await tell(
          trx,
          actor,
          [need.org_id, body.orgId],
          "need.assigned",
          { org: (helper as { name: string }).name, title: need.title },
          `/projects/${projectId}`,
        );
        return {
          result: { projectId },
          targetId: id,
          detail: { helperOrgId: body.orgId, projectId, fromStatus: need.status, toStatus: to },
        };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, result: { projectId: number }) => result,
    }),

    startNeed: statusStep("need.start", needPolicy.start, "start", "helper", "need.started"),
    deliverNeed: statusStep("need.deliver", needPolicy.deliver, "deliver", "helper", "need.delivered"),
    closeNeed: statusStep("need.close", needPolicy.close, "close", "owner", null),

    confirmNeed: defineCommand({
      name: "need.confirm",
      ability: needPolicy.confirm,
      lock: (trx, input: { id: number; body: ConfirmNeedBody }) => needsRepository(trx).lockNeed(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const need = row as NeedRow;
        const to = next(need, "confirm", "owner");
        await needsRepository(trx).updateNeed(id, {
          status: to,
          rating: body.rating,
          rating_comment: body.comment || null,
        });
        await projectDirectory(trx).completeForNeed(id);
        await tell(
          trx,
          actor,
          await helpersOf(trx, id),
          "need.confirmed",
          { org: need.org_name, title: need.title },
          `/needs/${id}`,
        );
        return { result: id, targetId: id, detail: { rating: body.rating, fromStatus: need.status, toStatus: to } };
      },
      present: presentNeedId,
    }),

    acceptClaim: defineCommand({
      name: "claim.accept",
      ability: claimPolicy.accept,
      lock: (trx, input: { id: number }) => needsRepository(trx).lockClaim(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id } }) {
        const claim = row as ClaimRow;
        const r = needsRepository(trx);
        let projectId: number;
        let detail: { needId?: number; resourceId?: number; fromStatus?: string; toStatus?: string } = {};
        if (claim.need_id !== null) {
          const [need] = await r.findNeedsWhere(sql`true`, [claim.need_id]);
          if (!need) throw new Error(`need ${claim.need_id} of claim ${id} missing`);
          const to = next(need, "accept", "owner");
          projectId = await projectDirectory(trx).startOrJoin({
            needId: need.id,
            resourceId: null,
            title: need.title,
            startedOn: today(),
            helperOrgId: claim.helper_org_id,
            recipientOrgId: claim.recipient_org_id,
          });
          await r.updateNeed(need.id, { status: to });
          detail = { needId: need.id, fromStatus: need.status, toStatus: to };
        } else {
          const [resource] = await r.findResourcesWhere(sql`true`, [claim.resource_id as number]);
          if (!resource) throw new Error(`resource of claim ${id} missing`);
          if (resource.status !== "active") throw new AppError(409, "resource.withdrawn");
          projectId = await projectDirectory(trx).startOrJoin({
            needId: null,
            resourceId: resource.id,
            title: resource.title,
            startedOn: today(),
            helperOrgId: claim.helper_org_id,
            recipientOrgId: claim.recipient_org_id,
          });
          detail = { resourceId: resource.id };
        }
        await r.decideClaim(id, { status: "accepted", decided_by: actor.userId, project_id: projectId });
        const maker = claim.direction === "request" ? claim.recipient_org_id : claim.helper_org_id;
        const decider = claim.direction === "request" ? claim.helper_org_name : claim.recipient_org_name;
        await tell(
          trx,
          actor,
          [maker],
          "claim.accepted",
          { org: decider, title: claim.subject_title },
          `/projects/${projectId}`,
        );
        return { result: { projectId }, targetId: id, detail: { ...detail, projectId } };
      },
      present: async (_db: Kysely<DB>, _actor: Actor, result: { projectId: number }) => result,
    }),

    declineClaim: defineCommand({
      name: "claim.decline",
      ability: claimPolicy.decline,
      lock: (trx, input: { id: number; body: DeclineClaimBody }) => needsRepository(trx).lockClaim(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const claim = row as ClaimRow;
        await needsRepository(trx).decideClaim(id, {
          status: "declined",
          decided_by: actor.userId,
          decline_reason: body.reason,
        });
        const maker = claim.direction === "request" ? claim.recipient_org_id : claim.helper_org_id;
        const decider = claim.direction === "request" ? claim.helper_org_name : claim.recipient_org_name;
        const link = claim.need_id !== null ? `/needs/${claim.need_id}` : `/resources/${claim.resource_id}`;
        await tell(trx, actor, [maker], "claim.declined", { org: decider, title: claim.subject_title }, link);
        return { result: id, targetId: id, detail: { reason: body.reason } };
      },
      present: presentClaimId,
    }),

    withdrawClaim: defineCommand({
      name: "claim.withdraw",
      ability: claimPolicy.withdraw,
      lock: (trx, input: { id: number }) => needsRepository(trx).lockClaim(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id } }) {
        const claim = row as ClaimRow;
        await needsRepository(trx).decideClaim(id, { status: "withdrawn", decided_by: actor.userId });
        const other = claim.direction === "request" ? claim.helper_org_id : claim.recipient_org_id;
        const maker = claim.direction === "request" ? claim.recipient_org_name : claim.helper_org_name;
        const link = claim.need_id !== null ? `/needs/${claim.need_id}` : `/resources/${claim.resource_id}`;
        await tell(trx, actor, [other], "claim.withdrawn", { org: maker, title: claim.subject_title }, link);
        return { result: id, targetId: id };
      },
      present: presentClaimId,
    }),

    createResource: defineCommand({
      name: "resource.create",
      ability: helpOrgPolicy.actFor,
      targetType: "resource",
      targets: (body: CreateResourceBody) => [body.orgId],
      targetField: "orgId",
      async run({ trx, actor, input: body }) {
        checkPeriod(body.availableFrom ?? null, body.availableTo ?? null);
        const id = await needsRepository(trx).insertResource({
          org_id: body.orgId,
          category: body.category,
          title: body.title,
          description: body.description,
          capacity: body.capacity ?? null,
          available_from: body.availableFrom ?? null,
          available_to: body.availableTo ?? null,
          conditions: body.conditions ?? null,
          visibility: body.visibility,
          published_org_id: await publishedOrg(trx, body.orgId, body.visibility, "active"),
          created_by: actor.userId,
        });
        return { result: id, targetId: id, detail: { orgId: body.orgId, kind: body.category } };
      },
      present: presentResourceId,
    }),

    updateResource: defineCommand({
      name: "resource.update",
      ability: resourcePolicy.update,
      targets: (input: { id: number; body: UpdateResourceBody }) => [input.id],
      async run({ trx, rows: [row], input: { id, body } }) {
        const resource = row as NonNullable<typeof row>;
        checkPeriod(
          body.availableFrom === undefined ? resource.available_from : body.availableFrom,
          body.availableTo === undefined ? resource.available_to : body.availableTo,
        );
        const visibility = body.visibility ?? resource.visibility;
        await needsRepository(trx).updateResource(
          id,
          {
            ...(body.category !== undefined && { category: body.category }),
            ...(body.title !== undefined && { title: body.title }),
            ...(body.description !== undefined && { description: body.description }),
            ...(body.capacity !== undefined && { capacity: body.capacity }),
            ...(body.availableFrom !== undefined && { available_from: body.availableFrom }),
            ...(body.availableTo !== undefined && { available_to: body.availableTo }),
            ...(body.conditions !== undefined && { conditions: body.conditions }),
            visibility,
            published_org_id: await publishedOrg(trx, resource.org_id, visibility, "active"),
          },
          {
            title: body.title ?? resource.title,
            description: body.description ?? resource.description,
            conditions: body.conditions === undefined ? resource.conditions : body.conditions,
          },
        );
        return { result: id, targetId: id, detail: { fields: Object.keys(body) } };
      },
      present: presentResourceId,
    }),

    withdrawResource: defineCommand({
      name: "resource.withdraw",
      ability: resourcePolicy.withdraw,
      lock: (trx, input: { id: number }) => needsRepository(trx).lockResource(input.id),
      targets: (input) => [input.id],
      async run({ trx, input: { id } }) {
        await needsRepository(trx).updateResource(id, { status: "withdrawn" });
        await needsRepository(trx).withdrawPendingClaims({ resourceId: id });
        return { result: id, targetId: id };
      },
      present: presentResourceId,
    }),

    requestResource: defineCommand({
      name: "claim.request",
      ability: resourcePolicy.request,
      lock: (trx, input: { id: number; body: RequestResourceBody }) => needsRepository(trx).lockResource(input.id),
      targets: (input) => [input.id],
      async run({ trx, actor, rows: [row], input: { id, body } }) {
        const resource = row as NonNullable<typeof row>;
        const [recipient] = await authorizeField(trx, actor, helpOrgPolicy.actFor, [body.orgId], "orgId");
        if (body.orgId === resource.org_id || resource.org_path.startsWith((recipient as { path: string }).path)) {
          throw invalidField("orgId", "resource.ownResource");
        }
        const claimId = await needsRepository(trx).insertClaim({
          need_id: null,
          resource_id: id,
          direction: "request",
          helper_org_id: resource.org_id,
          recipient_org_id: body.orgId,
          message: body.message || null,
          created_by: actor.userId,
        });
        await tell(
          trx,
          actor,
          [resource.org_id],
          "resource.requested",
          { org: (recipient as { name: string }).name, title: resource.title },
          `/resources/${id}`,
        );
        return { result: claimId, targetId: id, detail: { helperOrgId: resource.org_id, recipientOrgId: body.orgId } };
      },
      present: presentClaimId,
    }),
  };

  function checkPeriod(from: string | null, to: string | null) {
    if (from && to && to < from) throw invalidField("availableTo", "date.beforeStart");
  }

  /**
   * What every export checks first: the permission (need.export), the `within` organization (404
   * when unseen) and the cap on rows. The rows are what the caller's help.read reaches.
   */
  async function prepareExport(actor: Actor, filters: NeedExportQuery) {
    scopeOf(actor, needPolicy.export);
    const where = visibleWhere(actor, needPolicy.read);
    const within = await withinPath(actor, filters.within);
    const total = await repo.countNeeds(where, filters, within);
    if (total > exportMaxRows) {
      throw new AppError(400, "need.exportTooMany", { params: { count: total, max: exportMaxRows } });
    }
    return { where, within, total };
  }

  return {
    commands,

    /**
     * The filtered needs list as an .xlsx (the background job's work). The audit record (filters,
     * the keyword only by name, and the row count) is handed back for the job to write with its
     * success. `onBatch` hears of progress.
     */
    async exportNeeds(
      actor: Actor,
      filters: NeedExportQuery,
      locale: Locale,
      onBatch?: (rowsDone: number, total: number) => Promise<void>,
    ): Promise<{ workbook: Buffer; rowCount: number; date: string; audit: AuditRecord }> {
      const { where, within, total } = await prepareExport(actor, filters);
      let done = 0;
      async function* reporting(batches: AsyncIterable<NeedRow[]>) {
        let left = exportMaxRows;
        for await (const batch of batches) {
          if (left <= 0) return;
          const rows = batch.slice(0, left);
          left -= rows.length;
          yield rows;
          done += rows.length;
          if (onBatch) await onBatch(done, total);
        }
      }
      const rows = reporting(repo.needBatches(where, filters, within, NEEDS_EXPORT_BATCH_SIZE));
      const { buffer, rowCount } = await writeNeedsWorkbook(rows, locale);
      const audit: AuditRecord = {
        action: "need.export",
        result: "success",
        detail: { ...describeFilters(filters, ["q"]), rowCount, locale },
      };
      return { workbook: buffer, rowCount, date: today(), audit };
    },

    /**
     * Checks an export request at once (permission, organization, the row cap), then queues it as
     * a background job of the caller's: 202 { jobId }.
     */
    async startExport(
      actor: Actor,
      filters: NeedExportQuery,
      locale: Locale,
      queue: { jobs: JobRunner; kind: JobKind<NeedExportJobParams> },
    ): Promise<string> {
      await prepareExport(actor, filters);
      return queue.jobs.enqueue(db, queue.kind, { ownerId: actor.userId, params: { filters, ip: actor.ip }, locale });
    },

    /** Suggested helpers and resources for a need, needs for a resource (needs.suggestions.ts). */
    suggestForNeed: suggestions.forNeed,
    suggestForResource: suggestions.forResource,

    /**
     * The system's step (the lifecycle's `expire`): open needs whose deadline has passed with no
     * helper accepted become expired, leave the region's lists, and their owners are told. Each
     * is recorded in the audit log by the system. Safe to run from any number of processes at once
     * (rows are claimed with SKIP LOCKED and the status is checked again); answers how many expired.
     */
    async expireOverdue(): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const overdue = await needsRepository(trx).claimOverdue(today(), 1000);
        for (const need of overdue) {
          const to = next(need, "expire", "system");
          await needsRepository(trx).updateNeed(need.id, { status: to, published_org_id: null });
          await recordAudit(
            trx,
            { userId: null, username: null, ip: null },
            {
              action: "need.expire",
              result: "success",
              targetType: "need",
              targetId: need.id,
              detail: { fromStatus: need.status, toStatus: to },
            },
          );
          const users = await contactsOfOrganizations(trx, [need.org_id]);
          await notifyUsers(trx, users, {
            kind: "need.expired",
            params: { title: need.title },
            link: `/needs/${need.id}`,
          });
        }
        return overdue.length;
      });
    },

    /** Open needs of others the caller sees (the region's, partners'), newest first: not their own jurisdiction's. */
    async openNeedsOfOthers(actor: Actor, limit: number): Promise<{ items: Need[]; total: number }> {
      const scope = scopeOf(actor, needPolicy.read);
      const where = sql<SqlBool>`(${reachSql(scope, needPolicy.read.reach)} AND NOT ${reachSql(scope, needOwnerReach)})`;
      const result = await repo.listNeeds(where, { status: "open", page: 1, pageSize: limit }, null);
      return { items: await presentNeeds(actor, result.items), total: result.total };
    },

    /** Claims waiting for the caller's answer (offers on their needs, requests for their resources). */
    async awaitingAnswer(actor: Actor, limit: number): Promise<{ items: Claim[]; total: number }> {
      const where = safeWhere(actor, claimPolicy.accept);
      if (!where) return { items: [], total: 0 };
      const result = await repo.listClaims(where, { status: "pending", page: 1, pageSize: limit });
      return { items: await presentClaims(actor, result.items), total: result.total };
    },

    async listNeeds(
      actor: Actor,
      query: NeedListQuery,
    ): Promise<{ items: Need[]; total: number; totalCapped: boolean }> {
      const result = await repo.listNeeds(
        visibleWhere(actor, needPolicy.read),
        query,
        await withinPath(actor, query.within),
      );
      return { ...result, items: await presentNeeds(actor, result.items) };
    },
    getNeed,
    createNeed: (actor: Actor, body: CreateNeedBody) => execute(db, actor, commands.createNeed, body),
    updateNeed: (actor: Actor, id: number, body: UpdateNeedBody) => {
      if (Object.keys(body).length === 0) throw new AppError(400, "validation.emptyUpdate");
      return execute(db, actor, commands.updateNeed, { id, body });
    },
    publishNeed: (actor: Actor, id: number) => execute(db, actor, commands.publishNeed, { id }),
    withdrawNeed: (actor: Actor, id: number) => execute(db, actor, commands.withdrawNeed, { id }),
    claimNeed: (actor: Actor, id: number, body: ClaimNeedBody) => execute(db, actor, commands.claimNeed, { id, body }),
    assignNeed: (actor: Actor, id: number, body: ClaimNeedBody) =>
      execute(db, actor, commands.assignNeed, { id, body }),
    startNeed: (actor: Actor, id: number) => execute(db, actor, commands.startNeed, { id }),
    deliverNeed: (actor: Actor, id: number) => execute(db, actor, commands.deliverNeed, { id }),
    confirmNeed: (actor: Actor, id: number, body: ConfirmNeedBody) =>
      execute(db, actor, commands.confirmNeed, { id, body }),
    closeNeed: (actor: Actor, id: number) => execute(db, actor, commands.closeNeed, { id }),

    async listClaims(actor: Actor, query: ClaimListQuery): Promise<{ items: Claim[]; total: number }> {
      const result = await repo.listClaims(visibleWhere(actor, claimPolicy.read), query);
      return { items: await presentClaims(actor, result.items), total: result.total };
    },
    getClaim,
    acceptClaim: (actor: Actor, id: number) => execute(db, actor, commands.acceptClaim, { id }),
    declineClaim: (actor: Actor, id: number, body: DeclineClaimBody) =>
      execute(db, actor, commands.declineClaim, { id, body }),
    withdrawClaim: (actor: Actor, id: number) => execute(db, actor, commands.withdrawClaim, { id }),

    async listResources(actor: Actor, query: ResourceListQuery): Promise<{ items: Resource[]; total: number }> {
      const result = await repo.listResources(
        visibleWhere(actor, resourcePolicy.read),
        query,
        await withinPath(actor, query.within),
      );
      const abilities = await presentAbilities(db, actor, resourcePolicy, result.items);
      return { items: result.items.map((r) => presentResource(r, abilities.get(r.id) ?? {})), total: result.total };
    },
    getResource,
    createResource: (actor: Actor, body: CreateResourceBody) => execute(db, actor, commands.createResource, body),
    updateResource: (actor: Actor, id: number, body: UpdateResourceBody) => {
      if (Object.keys(body).length === 0) throw new AppError(400, "validation.emptyUpdate");
      return execute(db, actor, commands.updateResource, { id, body });
    },
    withdrawResource: (actor: Actor, id: number) => execute(db, actor, commands.withdrawResource, { id }),
    requestResource: (actor: Actor, id: number, body: RequestResourceBody) =>
      execute(db, actor, commands.requestResource, { id, body }),
  };
}
export type NeedsService = ReturnType<typeof needsService>;

/** The needs list's export as a background job: the filters, and where it was asked from. */
export type NeedExportJobParams = ExportJobParams<NeedExportQuery>;

/** The export job (platform/export-job.ts): with its owner's rights as they are when it runs. */
export const needExportJob = (
  needs: NeedsService,
  actorOf: (userId: number, ip: string | null) => Promise<Actor | null>,
) =>
  exportJob<NeedExportQuery>({
    kind: "need.export",
    actorOf,
    write: (actor, filters, locale, onBatch) => needs.exportNeeds(actor, filters, locale, onBatch),
    fileName: needsExportFileName,
  });
