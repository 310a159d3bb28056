import { AppError } from "../../platform/errors.ts";
import { definePolicy } from "../../platform/policy.ts";
import {
  type ContributionRow,
  contributionReadReach,
  contributionReceiverReach,
  type ProjectRow,
  projectReach,
  projectsRepository,
} from "./projects.repository.ts";

/**
 * Who may do what with a help project (issue 8): its parties (and their superiors) read it and
 * record its work, from either side, and may end it early; a contribution is confirmed by the side
 * that received it.
 */
const active = (project: Pick<ProjectRow, "status">) =>
  project.status === "active" || new AppError(409, "project.notActive");

export const projectPolicy = definePolicy<
  ProjectRow,
  "read" | "update" | "recordActivity" | "recordContribution" | "cancel"
>(
  {
    name: "project",
    reach: projectReach,
    load: (db, where, ids) => projectsRepository(db).findProjectsWhere(where, ids),
    id: (project) => project.id,
  },
  {
    read: { grant: "help.read" },
    update: { grant: "help.write", rule: active },
    recordActivity: { grant: "help.write", rule: active },
    recordContribution: { grant: "help.write", rule: active },
    /**
     * Either party (or those above it) may end it early, cancelled or concluded, with a reason —
     * unless it is a need's project: that one follows its need's lifecycle (completed when the
     * need closes), so a need never stays "in progress" with its project gone.
     */
    cancel: {
      grant: "help.write",
      rule: (project) => {
        const open = active(project);
        return open !== true ? open : project.need_id === null || new AppError(409, "project.endsWithNeed");
      },
    },
  },
);

export const contributionPolicy = definePolicy<ContributionRow, "read" | "confirm">(
  {
    name: "contribution",
    reach: contributionReadReach,
    load: (db, where, ids) => projectsRepository(db).findContributionsWhere(where, ids),
    id: (contribution) => contribution.id,
  },
  {
    read: { grant: "help.read" },
    confirm: {
      grant: "help.write",
      reach: contributionReceiverReach,
      rule: (c) => c.status === "recorded" || new AppError(409, "contribution.confirmed"),
    },
  },
);
