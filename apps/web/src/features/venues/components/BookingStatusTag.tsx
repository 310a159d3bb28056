import type { BookingStatus } from "@huzhu/contracts";
import { useTranslation } from "react-i18next";
import { type Tone, ToneTag } from "../../../components/ToneTag.tsx";

const tones: Record<BookingStatus, Tone> = {
  requested: "gold",
  confirmed: "blue",
  declined: "red",
  cancelled: "neutral",
  checked_in: "green",
  done: "green",
  no_show: "orange",
};

export function BookingStatusTag(props: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={tones[props.status]} data-testid="booking-status">
      {t(`venues.bookingStatus.${props.status}`)}
    </ToneTag>
  );
}
