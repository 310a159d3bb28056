import { z } from "zod";
import { humanText, pageQuery } from "./common.ts";

/** 党委 / 党总支 / 党支部 / 联合党支部 / 临时党支部 */
export const orgKinds = ["committee", "general_branch", "branch", "joint_branch", "temporary_branch"] as const;
export const orgKind = z.enum(orgKinds);
export type OrgKind = z.infer<typeof orgKind>;

export const orgCategories = [
  "village",
  "urban_community",
  "government_organ",
  "state_enterprise",
  "private_enterprise",
  "school",
  "hospital",
  "social_organization",
  "town_street",
  "county",
  "city",
] as const;
export const orgCategory = z.enum(orgCategories);
export type OrgCategory = z.infer<typeof orgCategory>;

export const orgArea = z.enum(["urban", "rural"]);
export type OrgArea = z.infer<typeof orgArea>;

export const orgStatus = z.enum(["active", "dissolved"]);

/** 软弱涣散 (weak) and 经济薄弱 (poor): a pairing round's default recipients are villages so flagged (issue 9). */
export const orgFlags = ["weak", "poor"] as const;
export const orgFlag = z.enum(orgFlags);
export type OrgFlag = z.infer<typeof orgFlag>;

/** GB/T 2260 division code: 6 (county), 9 (town/street) or 12 (village/community) digits. */
export const divisionCode = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, { message: "divisionCode.format" });

export const org = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  kind: orgKind,
  category: orgCategory,
  area: orgArea,
  divisionCode: divisionCode.nullable(),
  divisionName: z.string().nullable(),
  secretaryName: z.string().nullable(),
  /** Units a joint branch spans (联合支部); empty for ordinary organizations. */
  units: z.array(z.string()),
  flags: z.array(orgFlag),
  status: orgStatus,
  dissolvedAt: z.string().nullable(),
  depth: z.number().int(),
  childCount: z.number().int(),
  memberCount: z.number().int(),
  /** Ids from the root down to this organization's parent, for breadcrumbs. */
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  abilities: z.object({ update: z.boolean(), move: z.boolean(), dissolve: z.boolean(), createChild: z.boolean() }),
});
export type Org = z.infer<typeof org>;

export const orgListQuery = pageQuery
  .extend({
    /** Direct children of this organization; without it, the roots of the caller's jurisdiction. */
    parentId: z.coerce.number().int().positive().optional(),
    /** Search the whole jurisdiction (or the subtree of `within`) by name. */
    q: humanText({ min: 0, max: 50 }).optional(),
    within: z.coerce.number().int().positive().optional(),
    category: orgCategory.optional(),
    kind: orgKind.optional(),
    area: orgArea.optional(),
    includeDissolved: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
  })
  .strict();
export type OrgListQuery = z.infer<typeof orgListQuery>;

const orgFields = {
  name: humanText({ max: 100 }),
  kind: orgKind,
  category: orgCategory,
  area: orgArea,
  divisionCode: divisionCode.nullable().optional(),
  secretaryName: humanText({ min: 0, max: 50 }).nullable().optional(),
  units: z
    .array(humanText({ max: 100 }))
    .max(50)
    .optional(),
};

export const createOrgBody = z.object({ parentId: z.number().int().positive(), ...orgFields }).strict();
export type CreateOrgBody = z.infer<typeof createOrgBody>;

export const updateOrgBody = z
  .object({ ...orgFields, flags: z.array(orgFlag).max(orgFlags.length) })
  .partial()
  .strict();
export type UpdateOrgBody = z.infer<typeof updateOrgBody>;

export const moveOrgBody = z.object({ parentId: z.number().int().positive() }).strict();
export type MoveOrgBody = z.infer<typeof moveOrgBody>;

export const dissolveOrgBody = z.object({ reason: humanText({ min: 2, max: 500, multiline: true }) }).strict();
export type DissolveOrgBody = z.infer<typeof dissolveOrgBody>;

/**
 * A short reference to an organization for pickers: enough to choose one, nothing more. The
 * security administrator, who grants roles but reads no organization data, uses this.
 */
export const orgOption = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: orgKind,
  category: orgCategory,
  divisionCode: z.string().nullable(),
  /** Names of the ancestors the caller may see, root first, e.g. ["中共武平县委员会", "中共中山镇委员会"]. */
  path: z.array(z.string()),
});
export type OrgOption = z.infer<typeof orgOption>;

export const orgLookupQuery = pageQuery
  .extend({
    q: humanText({ max: 50 }),
  })
  .strict();
export type OrgLookupQuery = z.infer<typeof orgLookupQuery>;
