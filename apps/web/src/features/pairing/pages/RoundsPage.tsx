import { PlusOutlined } from "@ant-design/icons";
import type { PairingRound } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardGrid } from "../../../components/CardGrid.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { pairingQueries } from "../api/queries.ts";
import { statusTone } from "../components/status.ts";

const PAGE_SIZE = 12;

function RoundCard(props: { round: PairingRound }) {
  const { t } = useTranslation();
  const r = props.round;
  return (
    <Link to={`/pairing-rounds/${r.id}`} data-testid="round-card">
      <Card size="small" hoverable style={{ height: "100%" }}>
        <Flex vertical gap={6}>
          <Typography.Text strong style={{ overflowWrap: "anywhere" }}>
            {r.name}
          </Typography.Text>
          <Flex gap={6} wrap>
            <ToneTag tone={statusTone(r.status)}>{t(`pairing.roundStatus.${r.status}`)}</ToneTag>
          </Flex>
          <Typography.Text type="secondary">{r.org.name}</Typography.Text>
          <Typography.Text type="secondary">
            {r.summary
              ? t("pairing.rounds.summary", {
                  covered: r.summary.covered,
                  recipients: r.summary.recipients,
                  assigned: r.summary.assigned,
                })
              : t("pairing.rounds.notRun")}
          </Typography.Text>
        </Flex>
      </Card>
    </Link>
  );
}

/** 结对轮次: the coordinator's pairing rounds over their jurisdiction, newest first. */
export default function RoundsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const page = Number(params.get("page") ?? 1) || 1;
  const list = useQuery(pairingQueries.roundList({ page, pageSize: PAGE_SIZE }));
  return (
    <Flex vertical gap={12} data-testid="rounds">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("pairing.rounds.title")}
        </Typography.Title>
        <Link to="/pairing-rounds/new">
          <Button type="primary" size="large" icon={<PlusOutlined />} data-testid="round-new">
            {t("pairing.rounds.new")}
          </Button>
        </Link>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("pairing.rounds.intro")}
      </Typography.Paragraph>
      <CardGrid
        query={list}
        empty={t("pairing.rounds.empty")}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => update({ page: p })}
        renderItem={(r) => <RoundCard round={r} />}
      />
    </Flex>
  );
}
