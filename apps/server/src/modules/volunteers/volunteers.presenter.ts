import type { ServiceRequest, ServiceRequestStatus, VolunteerTeam } from "@huzhu/contracts";
import type { ServiceRequestRow, TeamRow } from "./volunteers.repository.ts";

/** A team's row and members → its DTO; hours are kept in halves and shown in hours. */
export function presentTeam(
  row: TeamRow,
  members: ReadonlyArray<{ member_id: number; name: string; skills: string | null; half_hours: number }>,
  abilities: Record<string, boolean>,
): VolunteerTeam {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    org: { id: row.org_id, name: row.org_name },
    members: members.map((m) => ({ id: m.member_id, name: m.name, skills: m.skills, hours: m.half_hours / 2 })),
    createdAt: new Date(row.created_at).toISOString(),
    abilities: { manage: abilities.manage === true },
  };
}

export function presentServiceRequest(
  row: ServiceRequestRow,
  hours: ReadonlyArray<{ member_id: number; name: string; half_hours: number }>,
  abilities: Record<string, boolean>,
): ServiceRequest {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status as ServiceRequestStatus,
    org: { id: row.org_id, name: row.org_name },
    // Named only to the request's own sides (abilities.seeMember): the county sees the organization.
    member:
      row.member_id === null || abilities.seeMember !== true
        ? null
        : { id: row.member_id, name: row.member_name ?? "" },
    team: row.team_id === null ? null : { id: row.team_id, name: row.team_name ?? "" },
    hours: hours.map((h) => ({ memberId: h.member_id, name: h.name, hours: h.half_hours / 2 })),
    servedOn: row.served_on,
    rating: row.rating,
    comment: row.comment,
    createdAt: new Date(row.created_at).toISOString(),
    abilities: {
      claim: abilities.claim === true,
      complete: abilities.complete === true,
      feedback: abilities.feedback === true,
    },
  };
}
