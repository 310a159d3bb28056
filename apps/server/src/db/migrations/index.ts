import { foundation } from "./0001_foundation.ts";
import { adminSeparationLock } from "./0002_admin_separation_lock.ts";
import { accountsSecurity } from "./0003_accounts_security.ts";
import { memberPrivacy } from "./0004_member_privacy.ts";
import { auditChain } from "./0005_audit_chain.ts";
import { keyRotation } from "./0006_key_rotation.ts";
import { kernelServices } from "./0007_kernel_services.ts";
import { orgPathCopies } from "./0008_org_path_copies.ts";
import { pairings } from "./0009_pairings.ts";
import { needsResourcesProjects } from "./0010_needs_resources_projects.ts";
import { helpOwnerPaths } from "./0011_help_owner_paths.ts";
import { projectEndings } from "./0012_project_endings.ts";
import { pairingRounds } from "./0013_pairing_rounds.ts";
import { venues } from "./0014_venues.ts";
import { contactPoints } from "./0015_contact_points.ts";
import { bookingReminders } from "./0016_booking_reminders.ts";
import { needsOpenSearch } from "./0018_needs_open_search.ts";
import { imports } from "./0019_imports.ts";
import { bookingPaths } from "./0020_booking_paths.ts";
import { jointBranches } from "./0021_joint_branches.ts";
import { membersInMotion } from "./0022_members_in_motion.ts";
import { care } from "./0023_care.ts";
import { inServiceRegistrations } from "./0024_in_service_registrations.ts";
import { listChanges } from "./0025_list_changes.ts";
import { activeRosterIndex } from "./0026_active_roster_index.ts";

/**
 * Ordered migrations. Append only: never edit one that has shipped; add the next number.
 * Each is a SQL script run in one transaction, so a failing migration leaves nothing behind.
 */
export const migrations: ReadonlyArray<{ name: string; script: string }> = [
  { name: "0001_foundation", script: foundation },
  { name: "0002_admin_separation_lock", script: adminSeparationLock },
  { name: "0003_accounts_security", script: accountsSecurity },
  { name: "0004_member_privacy", script: memberPrivacy },
  { name: "0005_audit_chain", script: auditChain },
  { name: "0006_key_rotation", script: keyRotation },
  { name: "0007_kernel_services", script: kernelServices },
  { name: "0008_org_path_copies", script: orgPathCopies },
  { name: "0009_pairings", script: pairings },
  { name: "0010_needs_resources_projects", script: needsResourcesProjects },
  { name: "0011_help_owner_paths", script: helpOwnerPaths },
  { name: "0012_project_endings", script: projectEndings },
  { name: "0013_pairing_rounds", script: pairingRounds },
  { name: "0014_venues", script: venues },
  { name: "0015_contact_points", script: contactPoints },
  { name: "0016_booking_reminders", script: bookingReminders },
  { name: "0018_needs_open_search", script: needsOpenSearch },
  { name: "0019_imports", script: imports },
  { name: "0020_booking_paths", script: bookingPaths },
  { name: "0021_joint_branches", script: jointBranches },
  { name: "0022_members_in_motion", script: membersInMotion },
  { name: "0023_care", script: care },
  { name: "0024_in_service_registrations", script: inServiceRegistrations },
  { name: "0025_list_changes", script: listChanges },
  { name: "0026_active_roster_index", script: activeRosterIndex },
];
