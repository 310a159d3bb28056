import { type Activity, type Contribution, type Project, planPeriodDays } from "@huzhu/contracts";
import type { ActivityRow, ContributionRow, PartyRow, ProjectRow } from "./projects.repository.ts";

const DAY_MS = 86_400_000;

const iso = (d: Date | string) => new Date(d).toISOString();
/** bigint and numeric columns arrive as text (pg) or bigint (PGlite): numbers here, exact for fen. */
const num = (v: string | number | bigint | null): number | null => (v === null ? null : Number(v));

/**
 * The rhythm of a project (F7: 常态化): days since its last joint activity (or its start), and
 * whether the plan lapsed: an active project with a plan and no activity for longer than one of
 * the plan's periods.
 */
export function projectRhythm(
  row: Pick<ProjectRow, "status" | "plan_rrule" | "started_on" | "last_activity_on">,
  today: Date,
) {
  const since = row.last_activity_on ?? row.started_on;
  const days = Math.max(0, Math.floor((today.getTime() - new Date(`${since}T00:00:00Z`).getTime()) / DAY_MS));
  const period = planPeriodDays(row.plan_rrule);
  const lapsed = row.status === "active" && period !== null && days > period;
  return { daysSinceLastActivity: row.last_activity_on ? days : null, planLapsed: lapsed };
}

export function presentProject(
  row: ProjectRow,
  parties: readonly PartyRow[],
  abilities: Record<string, boolean>,
  today: Date,
): Project {
  const side = (s: string) =>
    parties.filter((p) => p.project_id === row.id && p.side === s).map((p) => ({ id: p.org_id, name: p.org_name }));
  return {
    id: row.id,
    title: row.title,
    needId: row.need_id,
    status: row.status as Project["status"],
    goals: row.goals,
    planRule: row.plan_rrule,
    startedOn: row.started_on,
    helpers: side("helper"),
    recipients: side("recipient"),
    lastActivityOn: row.last_activity_on,
    ...projectRhythm(row, today),
    endedAt: row.ended_at ? iso(row.ended_at) : null,
    endReason: row.end_reason,
    createdAt: iso(row.created_at),
    abilities: abilities as Project["abilities"],
  };
}

export function presentActivity(row: ActivityRow, photoIds: string[]): Activity {
  return {
    id: row.id,
    occurredOn: row.occurred_on,
    type: row.type as Activity["type"],
    description: row.description,
    participants: row.participants,
    hours: num(row.hours),
    recordedBy: { id: row.recorded_by_org_id, name: row.recorded_by_org_name },
    photoIds,
    createdAt: iso(row.created_at),
  };
}

export function presentContribution(row: ContributionRow, abilities: Record<string, boolean>): Contribution {
  return {
    id: row.id,
    projectId: row.project_id,
    giverOrg: { id: row.giver_org_id, name: row.giver_org_name },
    receiverOrg: { id: row.receiver_org_id, name: row.receiver_org_name },
    kind: row.kind as Contribution["kind"],
    amountFen: num(row.amount_fen),
    valueFen: num(row.value_fen),
    hours: num(row.hours),
    description: row.description,
    status: row.status as Contribution["status"],
    confirmedAt: row.confirmed_at ? iso(row.confirmed_at) : null,
    createdAt: iso(row.created_at),
    abilities: abilities as Contribution["abilities"],
  };
}
