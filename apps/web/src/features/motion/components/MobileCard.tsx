import type { MobileMember } from "@huzhu/contracts";
import { Card, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ToneTag } from "../../../components/ToneTag.tsx";

const tones = { registered: "gold", received: "green", closed: "neutral" } as const;

/** One mobile member: where they went, their status, and the out-of-contact flag. */
export function MobileCard(props: { mobile: MobileMember }) {
  const { t } = useTranslation();
  const m = props.mobile;
  return (
    <Card size="small" data-testid="mobile-item">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <Link to={`/mobile-members/${m.id}`}>{m.member.name}</Link>
          </Typography.Text>
          <Flex gap={4} wrap>
            {m.outOfContact ? (
              <ToneTag tone="red" data-testid="mobile-out-of-contact">
                {t("motion.mobile.outOfContact")}
              </ToneTag>
            ) : null}
            <ToneTag tone={tones[m.status]} data-testid="mobile-status">
              {t(`motion.mobile.status.${m.status}`)}
            </ToneTag>
          </Flex>
        </Flex>
        <Typography.Text>
          {t("motion.mobile.route", {
            from: m.originOrg.name,
            to: [m.destOrg?.name, m.destPlace].filter(Boolean).join(" · "),
          })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t(`motion.mobile.reasons.${m.reason}`)} · {t("motion.mobile.leftOn")} {m.leftOn} ·{" "}
          {t("motion.mobile.lastContact")} {m.lastContactOn}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
