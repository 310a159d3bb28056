import { LockOutlined, StopOutlined, UnlockOutlined } from "@ant-design/icons";
import type { RoundPair } from "@huzhu/contracts";
import { Button, Card, Flex, Input, Pagination, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ToneTag } from "../../../components/ToneTag.tsx";

export type PairAction = "lock" | "unlock" | "forbid";

const PAGE_SIZE = 10;

/**
 * The pairs of a result, each as helper → recipient with its form, score and the explanation in
 * words; a coordinator may lock a pair into the answer (or lift the lock) or forbid it, and the
 * round is solved again at once. `busy` names the pair whose edit is on its way.
 */
export function PairList(props: {
  pairs: RoundPair[];
  editable: boolean;
  busy?: string | null;
  onAction: (action: PairAction, pair: RoundPair) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  if (props.pairs.length === 0) {
    return <Typography.Paragraph type="secondary">{t("pairing.result.noPairs")}</Typography.Paragraph>;
  }
  const needle = q.trim();
  const shown = needle
    ? props.pairs.filter((p) =>
        [p.helperOrg.name, p.recipientOrg.name, p.recipientOrg.town?.name ?? ""].some((n) => n.includes(needle)),
      )
    : props.pairs;
  const last = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, last);
  return (
    <Flex vertical gap={8}>
      {props.pairs.length > PAGE_SIZE ? (
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          placeholder={t("pairing.result.filter")}
          aria-label={t("pairing.result.filter")}
          style={{ maxWidth: 360 }}
          data-testid="pair-filter"
        />
      ) : null}
      <ul style={{ margin: 0, padding: 0 }} data-testid="round-pairs">
        {shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((pair) => {
          const key = `${pair.helperOrg.id}:${pair.recipientOrg.id}`;
          return (
            <li key={key} style={{ listStyle: "none", marginBottom: 8 }}>
              <Card size="small" data-testid="round-pair" data-pair={key} data-locked={pair.locked}>
                <Flex justify="space-between" align="flex-start" gap={8} wrap>
                  <Flex vertical gap={4} style={{ flex: "1 1 280px", minWidth: 0 }}>
                    <Typography.Text strong style={{ overflowWrap: "anywhere" }}>
                      <span data-testid="pair-helper">{pair.helperOrg.name}</span>
                      {" → "}
                      <span data-testid="pair-recipient">{pair.recipientOrg.name}</span>
                    </Typography.Text>
                    <Flex wrap gap={6}>
                      <ToneTag tone="blue">{t(`pairing.form.${pair.form}`)}</ToneTag>
                      {pair.recipientOrg.town ? <ToneTag tone="neutral">{pair.recipientOrg.town.name}</ToneTag> : null}
                      <ToneTag tone="purple">{t("pairing.result.score", { score: pair.score })}</ToneTag>
                      {pair.locked ? (
                        <ToneTag tone="gold" data-testid="pair-locked">
                          {t("pairing.result.locked")}
                        </ToneTag>
                      ) : null}
                    </Flex>
                    <Typography.Text type="secondary" data-testid="pair-explanation">
                      {pair.explanation}
                    </Typography.Text>
                  </Flex>
                  {props.editable ? (
                    <Flex gap={8} wrap>
                      {pair.locked ? (
                        <Button
                          icon={<UnlockOutlined />}
                          loading={props.busy === key}
                          onClick={() => props.onAction("unlock", pair)}
                          data-testid="pair-unlock"
                        >
                          {t("pairing.result.unlock")}
                        </Button>
                      ) : (
                        <Button
                          icon={<LockOutlined />}
                          loading={props.busy === key}
                          onClick={() => props.onAction("lock", pair)}
                          data-testid="pair-lock"
                        >
                          {t("pairing.result.lock")}
                        </Button>
                      )}
                      <Button
                        danger
                        icon={<StopOutlined />}
                        disabled={props.busy === key}
                        onClick={() => props.onAction("forbid", pair)}
                        data-testid="pair-forbid"
                      >
                        {t("pairing.result.forbid")}
                      </Button>
                    </Flex>
                  ) : null}
                </Flex>
              </Card>
            </li>
          );
        })}
      </ul>
      {shown.length > PAGE_SIZE ? (
        <Pagination
          size="small"
          align="end"
          current={current}
          pageSize={PAGE_SIZE}
          total={shown.length}
          showSizeChanger={false}
          onChange={setPage}
        />
      ) : null}
    </Flex>
  );
}
