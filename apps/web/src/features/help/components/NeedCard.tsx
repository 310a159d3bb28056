import type { Need } from "@huzhu/contracts";
import { Card, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Photo } from "../../../components/Photo.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { formatFen } from "./format.ts";
import { NeedStatusTag } from "./NeedStatusTag.tsx";

const urgencyTone = { low: "neutral", normal: "neutral", high: "orange", urgent: "red" } as const;

/** One need in the 需求大厅 or a list: what, who, how urgent, by when, how much; opens its page. */
export function NeedCard(props: { need: Need; showStatus?: boolean }) {
  const { t } = useTranslation();
  const { need } = props;
  // The first photo (a document cannot be shown as one).
  const photo = need.attachments.find((a) => a.contentType.startsWith("image/"))?.id;
  return (
    <Card size="small" data-testid="need-card" styles={{ body: { padding: 12 } }}>
      <Flex gap={12} align="flex-start">
        {photo ? (
          <div style={{ flex: "0 0 72px" }}>
            <Photo id={photo} alt={t("help.need.photoOf", { title: need.title })} size={72} />
          </div>
        ) : null}
        <div style={{ minWidth: 0, flex: 1 }}>
          <Link to={`/needs/${need.id}`} style={{ fontSize: 16, fontWeight: 600, wordBreak: "break-word" }}>
            {need.title}
          </Link>
          <Typography.Paragraph type="secondary" style={{ margin: "2px 0 6px" }}>
            {need.org.name}
          </Typography.Paragraph>
          <Flex wrap gap={6} align="center">
            <ToneTag tone="blue">{t(`help.need.category.${need.category}`)}</ToneTag>
            <ToneTag tone={urgencyTone[need.urgency]}>{t(`help.need.urgency.${need.urgency}`)}</ToneTag>
            {props.showStatus ? <NeedStatusTag status={need.status} /> : null}
          </Flex>
          <Flex wrap gap={12} style={{ marginTop: 6 }}>
            <Typography.Text strong>
              {need.budgetFen === null ? t("help.need.noBudget") : formatFen(need.budgetFen)}
            </Typography.Text>
            <Typography.Text type="secondary">
              {need.deadline ? t("help.need.deadlineOn", { date: need.deadline }) : t("help.need.noDeadline")}
            </Typography.Text>
          </Flex>
        </div>
      </Flex>
    </Card>
  );
}
