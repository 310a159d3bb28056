import { type Pairing, type PairingStatus, pairingStatus, pairingStatuses } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Card, Col, Flex, Row, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardGrid } from "../../../components/CardGrid.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { pairingQueries } from "../api/queries.ts";
import { statusTone } from "../components/status.ts";

const PAGE_SIZE = 12;

export function PairingCard(props: { pairing: Pairing }) {
  const { t } = useTranslation();
  const p = props.pairing;
  return (
    <Link to={`/pairings/${p.id}`} data-testid="pairing-card" data-id={p.id}>
      <Card size="small" hoverable style={{ height: "100%" }}>
        <Flex vertical gap={6}>
          <Typography.Text strong style={{ overflowWrap: "anywhere" }}>
            {p.helper.name} → {p.recipient.name}
          </Typography.Text>
          <Flex gap={6} wrap>
            <ToneTag tone={statusTone(p.status)}>{t(`pairing.status.${p.status}`)}</ToneTag>
            <ToneTag tone="blue">{t(`pairing.form.${p.form}`)}</ToneTag>
            {p.kind !== "pairing" ? <ToneTag tone="cyan">{t(`pairing.kind.${p.kind}`)}</ToneTag> : null}
            {p.demonstration ? <ToneTag tone="gold">{t("pairing.demonstration")}</ToneTag> : null}
          </Flex>
          <Typography.Text type="secondary">
            {t("pairing.period", { from: p.startsOn ?? "…", to: p.endsOn ?? "…" })}
          </Typography.Text>
        </Flex>
      </Card>
    </Link>
  );
}

/** 结对: the pairings of the caller's organizations (or jurisdiction), with their status. */
export default function PairingsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const page = Number(params.get("page") ?? 1) || 1;
  const statusParam = params.get("status");
  const status = pairingStatus.safeParse(statusParam).success ? (statusParam as PairingStatus) : undefined;
  const roundId = Number(params.get("roundId")) || undefined;
  const list = useQuery(pairingQueries.pairingList({ status, roundId, page, pageSize: PAGE_SIZE }));
  return (
    <Flex vertical gap={12} data-testid="pairings">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("pairing.pairings.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("pairing.pairings.intro")}
      </Typography.Paragraph>
      <Row gutter={[8, 8]} align="middle">
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={status ?? ""}
            aria-label={t("pairing.pairings.status")}
            onChange={(v) => update({ status: v || null, page: null })}
            options={[
              { value: "", label: t("pairing.pairings.allStatuses") },
              ...pairingStatuses.map((s) => ({ value: s, label: t(`pairing.status.${s}`) })),
            ]}
          />
        </Col>
        {roundId ? (
          <Col xs={24} md={16}>
            <Typography.Text>
              {t("pairing.pairings.ofRound", { id: roundId })}{" "}
              <Typography.Link onClick={() => update({ roundId: null, page: null })}>{t("common.all")}</Typography.Link>
            </Typography.Text>
          </Col>
        ) : null}
      </Row>
      <CardGrid
        query={list}
        empty={t("pairing.pairings.empty")}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => update({ page: p })}
        renderItem={(p) => <PairingCard pairing={p} />}
      />
    </Flex>
  );
}
