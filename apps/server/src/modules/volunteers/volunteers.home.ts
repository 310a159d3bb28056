import type { CareCard } from "@huzhu/contracts";
import { permissionsOf } from "../../platform/access.ts";
import type { HardshipService } from "../hardship/hardship.service.ts";
import type { HomeCardSource } from "../home/home.cards.ts";
import type { VolunteersService } from "./volunteers.service.ts";

/**
 * The home page's care card (issue 11): open service requests the caller's teams may claim (their
 * county's and their own side's), and the open hardship cases they keep. Both counts go through the
 * services with the caller's scope. No card when both are 0.
 */
export function careCard(volunteers: VolunteersService, hardship: HardshipService): HomeCardSource<CareCard> {
  return {
    id: "care",
    applies: (actor) => permissionsOf(actor).includes("help.write"),
    async load(actor) {
      const [openRequests, openHardship] = await Promise.all([
        volunteers.countClaimable(actor),
        permissionsOf(actor).includes("member.reveal") ? hardship.countOpen(actor) : Promise.resolve(0),
      ]);
      if (openRequests + openHardship === 0) return null;
      return { id: "care", openRequests, openHardship };
    },
  };
}
