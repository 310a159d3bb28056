import type { HelpCard } from "@huzhu/contracts";
import { permissionsOf } from "../../platform/access.ts";
import type { HomeCardSource } from "../home/home.cards.ts";
import type { ProjectsService } from "../projects/projects.service.ts";
import type { NeedsService } from "./needs.service.ts";

/** How many of each the card lists (its page lists them all). */
const CARD_ITEMS = 5;

/**
 * The home page's mutual-help card (issue 8): open needs nearby, claims awaiting one's answer,
 * projects whose rhythm lapsed. Each list goes through its service (scope, presenter, abilities),
 * so the card shows nothing its page would not. No card when all three are empty.
 */
export function helpCard(needs: NeedsService, projects: ProjectsService): HomeCardSource<HelpCard> {
  return {
    id: "help",
    applies: (actor) => permissionsOf(actor).includes("help.read"),
    async load(actor) {
      const [openNeeds, awaitingAnswer, lapsedProjects] = await Promise.all([
        needs.openNeedsOfOthers(actor, CARD_ITEMS),
        needs.awaitingAnswer(actor, CARD_ITEMS),
        projects.lapsed(actor, CARD_ITEMS),
      ]);
      if (openNeeds.total + awaitingAnswer.total + lapsedProjects.total === 0) return null;
      return { id: "help", openNeeds, awaitingAnswer, lapsedProjects };
    },
  };
}
