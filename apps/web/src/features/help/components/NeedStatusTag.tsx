import type { NeedStatus } from "@huzhu/contracts";
import { useTranslation } from "react-i18next";
import { type Tone, ToneTag } from "../../../components/ToneTag.tsx";

const tones: Record<NeedStatus, Tone> = {
  draft: "neutral",
  open: "blue",
  claimed: "cyan",
  in_progress: "gold",
  delivered: "purple",
  confirmed: "green",
  closed: "neutral",
  withdrawn: "neutral",
  expired: "neutral",
};

export function NeedStatusTag(props: { status: NeedStatus }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={tones[props.status]} data-testid="need-status">
      {t(`help.need.status.${props.status}`)}
    </ToneTag>
  );
}
