import type { ServiceRequest } from "@huzhu/contracts";
import { Button, Card, Flex, Rate, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type Tone, ToneTag } from "../../../components/ToneTag.tsx";
import { chinaDateOf } from "../../../lib/china-time.ts";

const statusTone: Record<string, Tone> = {
  open: "orange",
  claimed: "blue",
  completed: "green",
  cancelled: "neutral",
};

/** A service request with the steps the user may take on it. */
export function RequestCard(props: {
  request: ServiceRequest;
  onClaim?: () => void;
  onComplete?: () => void;
  onFeedback?: () => void;
}) {
  const { t } = useTranslation();
  const r = props.request;
  return (
    <Card
      size="small"
      title={r.title}
      extra={<ToneTag tone={statusTone[r.status] ?? "neutral"}>{t(`care.request.status.${r.status}`)}</ToneTag>}
      data-testid="request-card"
    >
      <Flex vertical gap={6}>
        <span style={{ whiteSpace: "pre-wrap" }}>{r.description}</span>
        <Typography.Text type="secondary">
          {r.org.name}
          {r.member ? ` · ${t("care.request.forMember", { name: r.member.name })}` : ""} · {chinaDateOf(r.createdAt)}
        </Typography.Text>
        {r.team ? <Typography.Text>{t("care.request.byTeam", { team: r.team.name })}</Typography.Text> : null}
        {r.hours.length ? (
          <Typography.Text type="secondary">
            {r.servedOn} ·{" "}
            {r.hours.map((h) => t("care.request.hoursLine", { name: h.name, hours: h.hours })).join("，")}
          </Typography.Text>
        ) : null}
        {r.rating !== null ? (
          <Flex gap={8} align="center" wrap>
            <Rate disabled value={r.rating} aria-label={t("care.request.rating")} />
            {r.comment ? <span>{r.comment}</span> : null}
          </Flex>
        ) : null}
        <Flex gap={8} wrap>
          {r.abilities.claim && props.onClaim ? (
            <Button type="primary" onClick={props.onClaim} data-testid="request-claim">
              {t("care.request.claim")}
            </Button>
          ) : null}
          {r.abilities.complete && props.onComplete ? (
            <Button type="primary" onClick={props.onComplete} data-testid="request-complete">
              {t("care.request.complete")}
            </Button>
          ) : null}
          {r.abilities.feedback && props.onFeedback ? (
            <Button onClick={props.onFeedback} data-testid="request-feedback">
              {t("care.request.feedback")}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}
