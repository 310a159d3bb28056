import { defineAction } from "../../platform/policy.ts";

/**
 * Imports (issue 13). An import is its owner's (every query of the repository is by owner: 404 for
 * anyone else's), and importing members needs what adding one by hand needs: member.write. Which
 * organizations a row may name, and which members it may update, are the members module's own
 * abilities (orgPolicy.addMembers, memberPolicy.update), checked row by row.
 */
export const importPolicy = {
  members: defineAction("import.members", "member.write"),
  /** The templates hold no data: anyone who keeps a roster, an organization tree or a needs list. */
  template: defineAction("import.template", ["member.write", "org.write", "help.write"]),
};
