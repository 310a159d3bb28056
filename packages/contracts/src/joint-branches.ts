import { z } from "zod";
import { humanText } from "./common.ts";

/**
 * Joint branches (联建, issue 9): a party branch formed from an active organization pairing, whose
 * members come from both sides — 村企联建, 机关与社区联建, 村村联建, 村与社区联建, 社区与企业联建.
 *
 * A joint branch is an organization of kind `joint_branch` in the tree, under the two sides'
 * nearest common superior (the one that coordinates them), of the recipient's category and area.
 * Its members keep their primary organization; the joint branch co-manages them (共管党组织, the
 * roster's `coOrgId`), so they appear on its roster and on their own organization's as before. A
 * member already co-managed elsewhere (a mobile member, say) is refused by name: a member has one
 * co-managing organization.
 *
 * - `POST /pairings/{id}/joint-branch` `createJointBranchBody` → 201 `jointBranch`, by a coordinator
 *   whose jurisdiction holds both sides (pairing.solve); one per pairing; audited `jointBranch.create`.
 * - `GET  /pairings/{id}/joint-branch` → `pairingJointBranch` `{ jointBranch, abilities }` (null while none), for
 *   whoever sees the pairing.
 */
export const jointBranchKinds = [
  "village_enterprise",
  "organ_community",
  "village_village",
  "village_community",
  "community_enterprise",
] as const;
export const jointBranchKind = z.enum(jointBranchKinds);
export type JointBranchKind = z.infer<typeof jointBranchKind>;

export const createJointBranchBody = z
  .object({
    name: humanText({ max: 100 }),
    kind: jointBranchKind,
    /** Members of either side (their primary organization is one of the two or inside it). */
    memberIds: z.array(z.number().int().positive()).max(500).optional(),
  })
  .strict();
export type CreateJointBranchBody = z.infer<typeof createJointBranchBody>;

export const jointBranch = z.object({
  /** The joint branch's organization. */
  id: z.number().int(),
  name: z.string(),
  kind: jointBranchKind,
  pairingId: z.number().int(),
  /** The common superior it sits under. */
  parent: z.object({ id: z.number().int(), name: z.string() }),
  /** Its members: how many come from each side. */
  members: z.object({ helper: z.number().int(), recipient: z.number().int() }),
  createdAt: z.string(),
});
export type JointBranch = z.infer<typeof jointBranch>;

export const pairingJointBranch = z.object({
  jointBranch: jointBranch.nullable(),
  /** Whether the caller may form one now (a coordinator above a side of an active pairing that has none). */
  abilities: z.object({ form: z.boolean() }),
});
export type PairingJointBranch = z.infer<typeof pairingJointBranch>;
