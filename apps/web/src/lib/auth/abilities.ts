import type { Me, Permission, Role } from "@huzhu/contracts";

export function can(me: Me | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

export function hasRole(me: Me | undefined, role: Role): boolean {
  return me?.roles.some((r) => r.role === role) ?? false;
}

export type NavKey =
  | "orgs"
  | "members"
  | "hall"
  | "needs"
  | "projects"
  | "resources"
  | "venues"
  | "bookings"
  | "courses"
  | "usage"
  | "accounts"
  | "roles"
  | "alerts"
  | "audit"
  | "me"
  | "study"
  | "rounds"
  | "pairings"
  | "imports"
  | "transfers"
  | "mobile"
  | "registrations"
  | "hardship"
  | "volunteers"
  | "secondments";

/** Menu entries the user may open, in menu order; the server still checks every request. */
export function navKeys(me: Me | undefined): NavKey[] {
  const keys: NavKey[] = [];
  if (can(me, "org.read")) keys.push("orgs");
  // A plain member's read permission covers only their own record: "My record" shows it.
  if (can(me, "member.read") && me?.roles.some((r) => r.role !== "member")) keys.push("members");
  // 数据导入 (issue 13): whoever keeps a roster, an organization tree or a needs list brings their workbooks in.
  if (can(me, "member.write") || can(me, "org.write") || can(me, "help.write")) keys.push("imports");
  // Mutual help (需求大厅 first: /needs/hall is matched before /needs, the own lists).
  if (can(me, "help.read")) keys.push("hall", "needs", "projects", "resources");
  // Shared venues and remote education (issue 10); the usage figures are the coordinators' assessment.
  if (can(me, "help.read")) keys.push("venues", "bookings", "courses");
  if (can(me, "help.read") && hasRole(me, "coordinator")) keys.push("usage");
  // Pairings (issue 9): the rounds are the coordinators' (pairing.solve); every organization reads its pairings.
  // Members in motion (issue 11): whoever keeps a roster; a member finds their own on My record.
  if (can(me, "member.write")) keys.push("transfers", "mobile", "registrations");
  // Care (issue 11): members in difficulty for those who may see personal data (secretaries and
  // coordinators; the server narrows it to the keeping organization's); volunteer service for mutual help's writers.
  if (can(me, "member.reveal")) keys.push("hardship");
  if (can(me, "help.read")) keys.push("volunteers");
  if (can(me, "help.read")) keys.push("secondments");
  if (can(me, "pairing.solve")) keys.push("rounds");
  if (can(me, "help.read")) keys.push("pairings");
  // 三权分立: accounts for the system administrator, roles for the security administrator.
  if (can(me, "user.manage")) keys.push("accounts");
  if (can(me, "role.manage")) keys.push("roles");
  // Security alerts (ID-number probing, sign-in attacks) are the security administrator's to follow up.
  if (can(me, "role.manage")) keys.push("alerts");
  if (can(me, "audit.read")) keys.push("audit");
  if (hasRole(me, "member") && me?.user.memberId != null) keys.push("me", "study");
  return keys;
}

export const navPaths: Record<NavKey, string> = {
  orgs: "/orgs",
  members: "/members",
  hall: "/needs/hall",
  needs: "/needs",
  projects: "/projects",
  resources: "/resources",
  venues: "/venues",
  bookings: "/bookings",
  courses: "/courses",
  usage: "/usage",
  accounts: "/accounts",
  roles: "/roles",
  alerts: "/security/alerts",
  audit: "/audit",
  me: "/me",
  study: "/study",
  rounds: "/pairing-rounds",
  pairings: "/pairings",
  hardship: "/hardship-cases",
  volunteers: "/volunteers",
  secondments: "/secondments",
  imports: "/imports",
  transfers: "/transfers",
  mobile: "/mobile-members",
  registrations: "/registrations",
};
