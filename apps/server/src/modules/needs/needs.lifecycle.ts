import type { NeedStatus } from "@huzhu/contracts";

/**
 * A need's lifecycle as one table (issue 8): status × action × side → next status, or why not.
 * Pure, no I/O; the commands ask it before they write, the abilities' rules ask it for the
 * buttons, and the property test checks the API never strays from it.
 *
 * draft → open → claimed → in_progress → delivered → confirmed → closed, plus withdrawn (by the
 * owner, before anyone helps) and expired (the deadline passed with nobody accepted).
 *
 * Sides: `owner` is the organization in need (the recipient) and its superiors; `helper` an
 * organization whose claim was accepted (or that was assigned); `superior` the coordinator of the
 * common superior, who may assign; `system` the clock.
 */
export type NeedSide = "owner" | "helper" | "superior" | "system";
export type NeedAction =
  | "update"
  | "publish"
  | "withdraw"
  | "claim"
  | "accept"
  | "assign"
  | "start"
  | "deliver"
  | "confirm"
  | "close"
  | "expire";

interface Step {
  side: NeedSide;
  /** from → to */
  moves: Partial<Record<NeedStatus, NeedStatus>>;
}

export const needLifecycle: Readonly<Record<NeedAction, Step>> = {
  update: { side: "owner", moves: { draft: "draft", open: "open" } },
  publish: { side: "owner", moves: { draft: "open" } },
  withdraw: { side: "owner", moves: { draft: "withdrawn", open: "withdrawn" } },
  // A claim leaves the need as it is; more helpers may offer while it is open or claimed.
  claim: { side: "helper", moves: { open: "open", claimed: "claimed" } },
  // Accepting a further helper adds it to the project, even once work has started.
  accept: { side: "owner", moves: { open: "claimed", claimed: "claimed", in_progress: "in_progress" } },
  assign: { side: "superior", moves: { open: "claimed", claimed: "claimed", in_progress: "in_progress" } },
  start: { side: "helper", moves: { claimed: "in_progress" } },
  deliver: { side: "helper", moves: { in_progress: "delivered" } },
  confirm: { side: "owner", moves: { delivered: "confirmed" } },
  close: { side: "owner", moves: { confirmed: "closed" } },
  expire: { side: "system", moves: { open: "expired" } },
};

export type Transition =
  | { ok: true; next: NeedStatus }
  | { ok: false; status: 403 | 409; code: "need.wrongSide" | "need.illegalTransition" };

export function needTransition(status: NeedStatus, action: NeedAction, side: NeedSide): Transition {
  const step = needLifecycle[action];
  if (step.side !== side) return { ok: false, status: 403, code: "need.wrongSide" };
  const next = step.moves[status];
  return next === undefined ? { ok: false, status: 409, code: "need.illegalTransition" } : { ok: true, next };
}

/** States in which the need carries a rating (the CHECK on needs says the same). */
export const ratedStatuses: readonly NeedStatus[] = ["confirmed", "closed"];
