import { defineAction } from "../../platform/policy.ts";

/**
 * Imports (issue 13). An import is its owner's (every query of the repository is by owner: 404 for
 * anyone else's), and importing a kind needs what adding one by hand needs: member.write for
 * members, org.write for organizations, help.write for needs and resources. Which
 * organizations a row may name, and which members it may update, are the members module's own
 * abilities (orgPolicy.addMembers, memberPolicy.update), checked row by row.
 */
export const importPolicy = {
  members: defineAction("import.members", "member.write"),
  /** Organizations: what adding one by hand needs (org.write, the coordinator's). */
  orgs: defineAction("import.orgs", "org.write"),
  /** Needs and resources: what publishing one by hand needs (help.write). */
  needs: defineAction("import.needs", "help.write"),
  resources: defineAction("import.resources", "help.write"),
  /** The imports pages (one's own imports, their previews and commits): whoever may import some kind. */
  use: defineAction("import.use", ["member.write", "org.write", "help.write"]),
  /** The templates hold no data: anyone who keeps a roster, an organization tree or a needs list. */
  template: defineAction("import.template", ["member.write", "org.write", "help.write"]),
};
