import type { PairingRoundResult } from "@huzhu/contracts";
import { Card, Col, Row, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** The figures of one solve, to show beside another's. */
export interface RunFigures {
  covered: number;
  recipients: number;
  assigned: number;
  score: number;
  helpersUsed: number;
  helpers: number;
  candidates: number;
  rate: number;
}

export const figuresOf = (r: PairingRoundResult): RunFigures => ({
  covered: r.covered,
  recipients: r.coverage.recipients,
  assigned: r.assigned,
  score: r.score,
  helpersUsed: r.coverage.helpersUsed,
  helpers: r.coverage.helpers,
  candidates: r.coverage.candidates,
  rate: r.coverage.rate,
});

const keys = ["covered", "assigned", "helpersUsed", "score"] as const;

/**
 * A result's coverage: recipients covered of all (and the rate), pairs, helpers used and the total
 * score, each with the previous solve's figure beside it (before the last what-if or run) and how
 * it changed, in words as well as numbers.
 */
export function CoverageFigures(props: { current: RunFigures; previous?: RunFigures | null; solveMs?: number }) {
  const { t } = useTranslation();
  const { current, previous } = props;
  const total = (k: (typeof keys)[number], f: RunFigures) =>
    k === "covered" ? f.recipients : k === "helpersUsed" ? f.helpers : null;
  return (
    <Card size="small" title={t("pairing.result.coverage")} data-testid="round-coverage">
      <Row gutter={[16, 16]}>
        {keys.map((k) => {
          const of = total(k, current);
          const before = previous ? previous[k] : null;
          const delta = before === null ? 0 : current[k] - before;
          return (
            <Col xs={12} md={6} key={k}>
              <Statistic
                title={t(`pairing.result.figure.${k}`)}
                value={current[k]}
                suffix={of === null ? undefined : `/ ${of}`}
                data-testid={`coverage-${k}`}
                data-value={current[k]}
              />
              {previous ? (
                <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid={`coverage-${k}-previous`}>
                  {t("pairing.result.previous", { value: before })}
                  {delta !== 0 ? ` (${delta > 0 ? "+" : ""}${delta})` : ` (${t("pairing.result.same")})`}
                </Typography.Text>
              ) : null}
            </Col>
          );
        })}
      </Row>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="coverage-words">
        {t("pairing.result.words", {
          covered: current.covered,
          recipients: current.recipients,
          rate: Math.round(current.rate * 100),
          helpersUsed: current.helpersUsed,
          candidates: current.candidates,
        })}
        {props.solveMs !== undefined ? ` ${t("pairing.result.solveMs", { ms: Math.round(props.solveMs) })}` : null}
      </Typography.Paragraph>
    </Card>
  );
}
