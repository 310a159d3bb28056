import type { Attachment, Claim, Need, Resource } from "@huzhu/contracts";
import type { ClaimRow, NeedRow, ResourceRow } from "./needs.repository.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

/** Row → DTO, whitelisting fields: the organization's path stays on the server. */
export function presentNeed(row: NeedRow, abilities: Record<string, boolean>, attachments: Attachment[]): Need {
  return {
    id: row.id,
    org: { id: row.org_id, name: row.org_name },
    category: row.category as Need["category"],
    title: row.title,
    description: row.description,
    expectedOutcome: row.expected_outcome,
    // bigint arrives as text (pg) or bigint (PGlite); fen stay far below 2^53.
    budgetFen: row.budget_fen === null ? null : Number(row.budget_fen),
    deadline: row.deadline,
    urgency: row.urgency as Need["urgency"],
    visibility: row.visibility as Need["visibility"],
    status: row.status as Need["status"],
    rating: row.rating,
    ratingComment: row.rating_comment,
    projectId: row.project_id,
    attachmentIds: attachments.map((a) => a.id),
    attachments,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: abilities as Need["abilities"],
  };
}

export function presentResource(row: ResourceRow, abilities: Record<string, boolean>): Resource {
  return {
    id: row.id,
    org: { id: row.org_id, name: row.org_name },
    category: row.category as Resource["category"],
    title: row.title,
    description: row.description,
    capacity: row.capacity,
    availableFrom: row.available_from,
    availableTo: row.available_to,
    conditions: row.conditions,
    visibility: row.visibility as Resource["visibility"],
    status: row.status as Resource["status"],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    abilities: abilities as Resource["abilities"],
  };
}

export function presentClaim(row: ClaimRow, abilities: Record<string, boolean>): Claim {
  return {
    id: row.id,
    needId: row.need_id,
    resourceId: row.resource_id,
    subjectTitle: row.subject_title,
    direction: row.direction as Claim["direction"],
    helperOrg: { id: row.helper_org_id, name: row.helper_org_name },
    recipientOrg: { id: row.recipient_org_id, name: row.recipient_org_name },
    message: row.message,
    status: row.status as Claim["status"],
    declineReason: row.decline_reason,
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
    projectId: row.project_id,
    createdAt: iso(row.created_at),
    abilities: abilities as Claim["abilities"],
  };
}
