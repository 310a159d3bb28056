import type { CourseKind } from "@huzhu/contracts";
import { useTranslation } from "react-i18next";
import { type Tone, ToneTag } from "../../../components/ToneTag.tsx";

const tones: Record<CourseKind, Tone> = { video: "blue", document: "cyan", link: "purple", experience: "gold" };

export function CourseKindTag(props: { kind: CourseKind }) {
  const { t } = useTranslation();
  return <ToneTag tone={tones[props.kind]}>{t(`venues.courseKind.${props.kind}`)}</ToneTag>;
}
