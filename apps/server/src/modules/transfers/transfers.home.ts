import type { MotionCard } from "@huzhu/contracts";
import { permissionsOf } from "../../platform/access.ts";
import type { HomeCardSource } from "../home/home.cards.ts";
import type { MobileMembersService } from "../mobile-members/mobile-members.service.ts";
import type { TransfersService } from "./transfers.service.ts";

/**
 * The home page's members-in-motion card (issue 11): pending transfers the caller may accept (the
 * accept ability's reach: the receiving side, or the sending side of a transfer out of the
 * platform), and open mobile registrations of their organizations out of contact (the close
 * ability's reach: the origin side). Counts through the services' scopes; no card when both are 0.
 */
export function motionCard(transfers: TransfersService, mobile: MobileMembersService): HomeCardSource<MotionCard> {
  return {
    id: "motion",
    applies: (actor) => permissionsOf(actor).includes("member.write"),
    async load(actor) {
      const [transfersAwaiting, mobileOutOfContact] = await Promise.all([
        transfers.countAwaiting(actor),
        mobile.countOutOfContact(actor),
      ]);
      if (transfersAwaiting + mobileOutOfContact === 0) return null;
      return { id: "motion", transfersAwaiting, mobileOutOfContact };
    },
  };
}
