import type { VenuesCard } from "@huzhu/contracts";
import { permissionsOf } from "../../platform/access.ts";
import type { HomeCardSource } from "../home/home.cards.ts";
import type { VenuesService } from "./venues.service.ts";

/** How many of each the card lists (the bookings page lists them all). */
const CARD_ITEMS = 5;

/**
 * The home page's venues card (issue 10): the caller's organizations' next bookings and the
 * requests waiting for their approval as a venue's owner. Both lists go through the service
 * (scope, presenter, abilities), so the card shows nothing the bookings page would not. No card
 * when both are empty.
 */
export function venuesCard(venues: VenuesService): HomeCardSource<VenuesCard> {
  return {
    id: "venues",
    applies: (actor) => permissionsOf(actor).includes("help.write"),
    async load(actor) {
      const [nextBookings, awaitingApproval] = await Promise.all([
        venues.nextBookings(actor, CARD_ITEMS),
        venues.awaitingApproval(actor, CARD_ITEMS),
      ]);
      if (nextBookings.total + awaitingApproval.total === 0) return null;
      return { id: "venues", nextBookings, awaitingApproval };
    },
  };
}
