import { z } from "zod";
import { claim, need, project } from "./help.ts";
import { job } from "./jobs.ts";
import { member } from "./members.ts";
import { notification } from "./notifications.ts";
import { pairing, pairingParty, pairingRhythm } from "./pairing-rounds.ts";
import { booking } from "./venues.ts";

/**
 * The home page (工作台, GET /api/home): cards contributed by modules, each shown only to the
 * users it applies to. A card is identified by `id`; the web renders the ids it knows and
 * ignores the others, so a module may add a card before every client knows it. A module that
 * contributes a card adds its schema to `homeCard` below.
 */

/** Age bands of the jurisdiction's members; age is the current year minus the birth year. */
export const ageBands = ["upTo35", "from36To45", "from46To60", "over60"] as const;
export const ageBand = z.enum(ageBands);
export type AgeBand = z.infer<typeof ageBand>;

/** Key numbers of the caller's jurisdiction (the subtrees where they read members). */
export const jurisdictionCard = z.object({
  id: z.literal("jurisdiction"),
  /** Members whose primary organization lies in the jurisdiction. */
  members: z.number().int(),
  probationary: z.number().int(),
  /** Active organizations by their urban/rural area. */
  organizations: z.object({ urban: z.number().int(), rural: z.number().int() }),
  ageBands: z.array(z.object({ band: ageBand, count: z.number().int() })),
});
export type JurisdictionCard = z.infer<typeof jurisdictionCard>;

/** What waits for the caller: unread notifications (the newest few) and jobs still queued or running. */
export const todosCard = z.object({
  id: z.literal("todos"),
  unread: z.number().int(),
  notifications: z.array(notification),
  jobs: z.array(job),
});
export type TodosCard = z.infer<typeof todosCard>;

/** A party member's own record, masked as the roster shows it. */
export const myRecordCard = z.object({
  id: z.literal("myRecord"),
  member,
});
export type MyRecordCard = z.infer<typeof myRecordCard>;

/**
 * Mutual help (issue 8), for those who read needs: open needs of others the caller sees (the
 * region's, partners'), the claims waiting for the caller's answer, and projects whose rhythm
 * lapsed; the newest few of each with the totals. Not shown when all three are empty.
 */
export const helpCard = z.object({
  id: z.literal("help"),
  openNeeds: z.object({ total: z.number().int(), items: z.array(need) }),
  awaitingAnswer: z.object({ total: z.number().int(), items: z.array(claim) }),
  lapsedProjects: z.object({ total: z.number().int(), items: z.array(project) }),
});
export type HelpCard = z.infer<typeof helpCard>;

/**
 * Shared venues (issue 10), for those who book or own venues: the caller's organizations' next
 * bookings and the requests waiting for their approval (as a venue's owner); the soonest few of
 * each with the totals. Not shown when both are empty.
 */
export const venuesCard = z.object({
  id: z.literal("venues"),
  nextBookings: z.object({ total: z.number().int(), items: z.array(booking) }),
  awaitingApproval: z.object({ total: z.number().int(), items: z.array(booking) }),
});
export type VenuesCard = z.infer<typeof venuesCard>;

/**
 * Pairings (issue 9), for either side of one: the active (or proposed) pairings of the caller's own
 * organizations (and the caller's own member pairings), each with the partner and its rhythm; the
 * newest few with the total. Not shown when there is none.
 */
export const pairingsCard = z.object({
  id: z.literal("pairings"),
  total: z.number().int(),
  items: z.array(
    pairing.extend({ side: z.enum(["helper", "recipient"]), partner: pairingParty, rhythm: pairingRhythm }),
  ),
});
export type PairingsCard = z.infer<typeof pairingsCard>;

/**
 * Members in motion (issue 11), for those who keep a roster: transfers waiting for them to accept
 * (or confirm out of the platform), and their mobile members out of contact. No card when both are 0.
 */
export const motionCard = z.object({
  id: z.literal("motion"),
  transfersAwaiting: z.number().int(),
  mobileOutOfContact: z.number().int(),
});
export type MotionCard = z.infer<typeof motionCard>;

/**
 * Care (issue 11): open service requests the caller's teams may claim, and for those who keep
 * members in difficulty, how many cases are open. No card when both are 0.
 */
export const careCard = z.object({
  id: z.literal("care"),
  openRequests: z.number().int(),
  openHardship: z.number().int(),
});
export type CareCard = z.infer<typeof careCard>;

export const homeCard = z.discriminatedUnion("id", [
  jurisdictionCard,
  todosCard,
  myRecordCard,
  helpCard,
  venuesCard,
  pairingsCard,
  motionCard,
  careCard,
]);
export type HomeCard = z.infer<typeof homeCard>;
export type HomeCardId = HomeCard["id"];

export const homePage = z.object({ cards: z.array(homeCard) });
export type HomePage = z.infer<typeof homePage>;
