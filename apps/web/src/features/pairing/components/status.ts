import type { PairingRoundStatus, PairingStatus } from "@huzhu/contracts";
import type { Tone } from "../../../components/ToneTag.tsx";

/** The tag tone of a round's or a pairing's status. */
export function statusTone(status: PairingRoundStatus | PairingStatus): Tone {
  switch (status) {
    case "draft":
    case "proposed":
      return "neutral";
    case "solved":
      return "blue";
    case "published":
    case "active":
      return "green";
    case "concluded":
      return "purple";
    case "dissolved":
      return "red";
  }
}
