import type { PairingsCard } from "@huzhu/contracts";
import { permissionsOf } from "../../platform/access.ts";
import type { HomeCardSource } from "../home/home.cards.ts";
import type { PairingRoundsService } from "./pairing-rounds.service.ts";

/** How many pairings the card lists (the pairings page lists them all). */
const CARD_ITEMS = 5;

/**
 * The home page's pairings card (issue 9), for either side of a pairing: the caller's own
 * organizations' current pairings (and their own member pairings), each with the partner and its
 * rhythm. No card when there is none.
 */
export function pairingsCard(rounds: PairingRoundsService): HomeCardSource<PairingsCard> {
  return {
    id: "pairings",
    applies: (actor) => permissionsOf(actor).includes("help.read"),
    async load(actor) {
      const { items, total } = await rounds.myPairings(actor, CARD_ITEMS);
      if (total === 0) return null;
      return { id: "pairings", total, items };
    },
  };
}
