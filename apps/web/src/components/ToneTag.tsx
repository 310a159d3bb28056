import { Tag } from "antd";
import type { ReactNode } from "react";

/**
 * Tags in a few tones with dark text: antd's preset tag colours (green, gold, orange, cyan) fall
 * under 4.5:1 on their light backgrounds, and older eyes on a phone in daylight need the contrast.
 */
const tones = {
  neutral: { color: "rgba(0, 0, 0, 0.88)", background: "#fafafa", borderColor: "#d9d9d9" },
  blue: { color: "#0b3d91", background: "#e6f4ff", borderColor: "#91caff" },
  cyan: { color: "#00474f", background: "#e6fffb", borderColor: "#87e8de" },
  green: { color: "#135200", background: "#f6ffed", borderColor: "#b7eb8f" },
  gold: { color: "#614700", background: "#fffbe6", borderColor: "#ffe58f" },
  orange: { color: "#873800", background: "#fff7e6", borderColor: "#ffd591" },
  red: { color: "#a8071a", background: "#fff1f0", borderColor: "#ffa39e" },
  purple: { color: "#391085", background: "#f9f0ff", borderColor: "#d3adf7" },
} as const;

export type Tone = keyof typeof tones;

export function ToneTag(props: { tone: Tone; children: ReactNode; "data-testid"?: string }) {
  return (
    <Tag style={{ ...tones[props.tone], marginInlineEnd: 0 }} data-testid={props["data-testid"]}>
      {props.children}
    </Tag>
  );
}
