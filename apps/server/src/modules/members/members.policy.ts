import { definePolicy } from "../../platform/policy.ts";
import { type MemberRow, memberManagedReach, memberReadReach, membersRepository } from "./members.repository.ts";

/**
 * Who may do what with a member's record, declared once (see orgs.policy.ts for the pattern).
 * Reading reaches the primary and the co-managing organization's superiors and the member
 * themself; editing and revealing only the primary organization's (a co-managing organization
 * reads but never changes a member's identity or organizations, nor reveals).
 */
export const memberPolicy = definePolicy<MemberRow, "read" | "update" | "reveal" | "export" | "link">(
  {
    name: "member",
    reach: memberReadReach,
    load: (db, where, ids) => membersRepository(db).findWhere(where, ids),
    id: (member) => member.id,
  },
  {
    read: { grant: "member.read" },
    update: { grant: "member.write", reach: memberManagedReach },
    reveal: { grant: "member.reveal", reach: memberManagedReach },
    /** The filtered roster as a workbook: what member.read reaches, for those who may export. */
    export: { grant: "member.export", presented: false },
    /**
     * Linking an account to a member's record (the system administrator's, when creating one): their
     * global scope confirms the member exists without the member's data reaching the caller.
     */
    link: { grant: "user.manage", presented: false },
  },
);
