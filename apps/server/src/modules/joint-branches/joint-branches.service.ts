import type { CreateJointBranchBody, JointBranch, PairingJointBranch } from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, scopeFor } from "../../platform/access.ts";
import { defineCommand, execute } from "../../platform/commands.ts";
import { AppError, invalidField, notFound } from "../../platform/errors.ts";
import { authorizeOne, presentAbilities } from "../../platform/policy.ts";
import { memberDirectory } from "../members/members.service.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import type { PairingRow } from "../pairing-rounds/pairing-rounds.repository.ts";
import { jointBranchPolicy } from "./joint-branches.policy.ts";
import { presentJointBranch } from "./joint-branches.presenter.ts";
import { jointBranchesRepository } from "./joint-branches.repository.ts";

/** The deepest organization path both paths lie under ("/1/3/7/" and "/1/3/9/12/" → "/1/3/"). */
export function commonAncestorPath(a: string, b: string): string {
  const x = a.split("/").filter(Boolean);
  const y = b.split("/").filter(Boolean);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return `/${x.slice(0, n).join("/")}/`;
}

/**
 * Joint branches (联建, issue 9): formed from an active organization pairing by a coordinator over
 * both sides, as an organization of kind joint_branch under the two sides' common superior, with
 * the recipient's category and area (it works where the help goes), co-managing the members of
 * both sides it is given. One command: the organization, the link to the pairing and the members'
 * co-management commit together or not at all.
 */
export function jointBranchesService(db: Kysely<DB>) {
  const present = async (
    trx: Kysely<DB>,
    pairing: Pick<PairingRow, "id" | "helper_org_id" | "recipient_org_id">,
  ): Promise<JointBranch | null> => {
    const row = await jointBranchesRepository(trx).findByPairing(pairing.id);
    if (!row) return null;
    const sides = await orgDirectory(trx).places([pairing.helper_org_id ?? 0, pairing.recipient_org_id ?? 0]);
    const [helper, recipient] = await memberDirectory(trx).countCoManagedUnder(
      row.org_id,
      sides.map((s) => s?.path ?? "/none/"),
    );
    return presentJointBranch(row, { helper: helper ?? 0, recipient: recipient ?? 0 });
  };

  const commands = {
    create: defineCommand({
      name: "jointBranch.create",
      ability: jointBranchPolicy.form,
      // The tree's attach lock, as org.create takes it: a move cannot change the parent's path under the insert.
      lock: (trx) => orgDirectory(trx).lockForAttach(),
      targets: (input: { pairingId: number; body: CreateJointBranchBody }) => [input.pairingId],
      async run({ trx, actor, rows: [pairing], input: { body } }) {
        const p = pairing as PairingRow;
        const repo = jointBranchesRepository(trx);
        if (await repo.findByPairing(p.id)) throw new AppError(409, "jointBranch.exists");
        const orgs = orgDirectory(trx);
        const [helper, recipient] = await orgs.places([p.helper_org_id as number, p.recipient_org_id as number]);
        if (!helper || !recipient) throw new AppError(409, "jointBranch.notOrgPairing");
        // The joint branch goes under the common superior: both sides must be the caller's.
        const scope = scopeFor(actor, "pairing.solve");
        const mine = (path: string) => scope.global || scope.paths.some((s) => path.startsWith(s));
        if (!mine(helper.path) || !mine(recipient.path)) throw new AppError(403, "jointBranch.outsideJurisdiction");
        const parentPath = commonAncestorPath(helper.path, recipient.path);
        const parentId = Number(parentPath.split("/").filter(Boolean).at(-1));
        const [parent] = await orgs.places([parentId]);
        if (!parent) throw new Error(`common superior ${parentPath} not found`);
        const orgId = await orgs.insertJointBranch(parent, {
          name: body.name,
          category: recipient.category,
          area: recipient.area,
        });
        await repo.insert({ org_id: orgId, pairing_id: p.id, kind: body.kind, created_by: actor.userId });
        const problem = await memberDirectory(trx).coManage(body.memberIds ?? [], orgId, [helper.path, recipient.path]);
        if (problem) throw invalidField("memberIds", problem.code, { names: problem.names.join("、") });
        return {
          result: p,
          targetId: p.id,
          detail: { orgId, kind: body.kind, members: new Set(body.memberIds ?? []).size },
        };
      },
      present: async (trx: Kysely<DB>, _actor: Actor, p: PairingRow) => {
        const made = await present(trx, p);
        if (!made) throw notFound("record");
        return made;
      },
    }),
  };

  return {
    commands,
    create: (actor: Actor, pairingId: number, body: CreateJointBranchBody): Promise<JointBranch> =>
      execute(db, actor, commands.create, { pairingId, body }),
    async get(actor: Actor, pairingId: number): Promise<PairingJointBranch> {
      const pairing = await authorizeOne(db, actor, jointBranchPolicy.read, pairingId);
      const made = await present(db, pairing);
      const abilities = (await presentAbilities(db, actor, jointBranchPolicy, [pairing])).get(pairing.id);
      return { jointBranch: made, abilities: { form: made === null && abilities?.form === true } };
    },
  };
}
export type JointBranchesService = ReturnType<typeof jointBranchesService>;
