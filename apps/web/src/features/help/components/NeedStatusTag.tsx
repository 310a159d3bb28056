import type { NeedStatus } from "@huzhu/contracts";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";

// Dark text on light tags (antd's preset tags), every pair above 4.5:1.
const colors: Record<NeedStatus, string> = {
  draft: "default",
  open: "blue",
  claimed: "cyan",
  in_progress: "gold",
  delivered: "purple",
  confirmed: "green",
  closed: "default",
  withdrawn: "default",
  expired: "default",
};

export function NeedStatusTag(props: { status: NeedStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[props.status]} data-testid="need-status" style={{ marginInlineEnd: 0 }}>
      {t(`help.need.status.${props.status}`)}
    </Tag>
  );
}
