import { PlusOutlined } from "@ant-design/icons";
import { type VenueKind, venueKind } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Checkbox, Col, Flex, Input, Row, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardGrid } from "../../../components/CardGrid.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { venuesQueries } from "../api/queries.ts";
import { VenueCard } from "../components/VenueCard.tsx";

const PAGE_SIZE = 12;

/** 阵地共享: venues and facilities organizations open to each other, urban and rural both ways. */
export default function VenuesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const q = params.get("q") ?? "";
  const kindParam = params.get("kind");
  const kind = venueKind.safeParse(kindParam).success ? (kindParam as VenueKind) : undefined;
  const bookable = params.get("bookable") === "true";
  const page = Number(params.get("page") ?? 1) || 1;
  const [typed, setTyped] = useState(q);
  const list = useQuery(
    venuesQueries.list({ q: q || undefined, kind, bookable: bookable || undefined, page, pageSize: PAGE_SIZE }),
  );
  return (
    <Flex vertical gap={12} data-testid="venues">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("venues.title")}
        </Typography.Title>
        {can(me, "help.write") ? (
          <Link to="/venues/new">
            <Button type="primary" size="large" icon={<PlusOutlined />} data-testid="venue-new">
              {t("venues.new")}
            </Button>
          </Link>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("venues.intro")}
      </Typography.Paragraph>
      <Row gutter={[8, 8]} align="middle">
        <Col xs={24} md={10}>
          <Input.Search
            allowClear
            size="large"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(v) => update({ q: v.trim(), page: null })}
            aria-label={t("venues.keyword")}
            placeholder={t("venues.keyword")}
            data-testid="venue-search"
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={kind ?? ""}
            aria-label={t("venues.fields.kind")}
            onChange={(v) => update({ kind: v || null, page: null })}
            options={[
              { value: "", label: t("venues.allKinds") },
              {
                label: t("venues.places"),
                title: t("venues.places"),
                options: venueKind.options
                  .filter((k) => !["equipment", "vehicle", "screen"].includes(k))
                  .map((k) => ({ value: k, label: t(`venues.kind.${k}`) })),
              },
              {
                label: t("venues.facilities"),
                title: t("venues.facilities"),
                options: (["equipment", "vehicle", "screen"] as const).map((k) => ({
                  value: k,
                  label: t(`venues.kind.${k}`),
                })),
              },
            ]}
          />
        </Col>
        <Col xs={24} md={6}>
          <Checkbox
            checked={bookable}
            onChange={(e) => update({ bookable: e.target.checked ? "true" : null, page: null })}
            data-testid="venue-bookable"
          >
            {t("venues.onlyBookable")}
          </Checkbox>
        </Col>
      </Row>
      <CardGrid
        query={list}
        empty={t("venues.empty")}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => update({ page: p })}
        renderItem={(v) => <VenueCard venue={v} />}
      />
    </Flex>
  );
}
