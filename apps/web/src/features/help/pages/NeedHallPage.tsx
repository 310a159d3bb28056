import { PlusOutlined } from "@ant-design/icons";
import { needCategories, urgencies } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Col, Flex, Input, Row, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardGrid } from "../../../components/CardGrid.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { helpQueries } from "../api/queries.ts";
import { NeedCard } from "../components/NeedCard.tsx";

const PAGE_SIZE = 12;
const HALL_COUNT_UP_TO = 1000;

/** 需求大厅: the open needs the user sees, newest and best-matching first, filtered in the URL. */
export default function NeedHallPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const q = params.get("q") ?? "";
  const category = params.get("category") ?? undefined;
  const urgency = params.get("urgency") ?? undefined;
  const page = Number(params.get("page") ?? 1) || 1;

  // The box is typed into freely; the list follows once typing pauses (weak links).
  const [typed, setTyped] = useState(q);
  const debounced = useDebounced(typed.trim(), 400);
  useEffect(() => {
    if (debounced !== q) update({ q: debounced });
  }, [debounced, q, update]);

  const list = useQuery(
    helpQueries.needList({
      status: "open",
      q: q || undefined,
      // The hall is a notice board: the newest first, also for a keyword (a page of the newest
      // hits is cheap; ranking every hit in the region is not — bench/README.md, 需求大厅).
      sort: "newest",
      // …and a region's coordinator sees tens of thousands: "1,000+" is all a board of cards says.
      totalUpTo: HALL_COUNT_UP_TO,
      category: category as never,
      urgency: urgency as never,
      page,
      pageSize: PAGE_SIZE,
    }),
  );

  return (
    <Flex vertical gap={16} data-testid="need-hall">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("help.hall.title")}
        </Typography.Title>
        {can(me, "help.write") ? (
          <Link to="/needs/new">
            <Button type="primary" size="large" icon={<PlusOutlined />} data-testid="post-need">
              {t("help.hall.post")}
            </Button>
          </Link>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("help.hall.intro")}
      </Typography.Paragraph>
      <Row gutter={[8, 8]}>
        <Col xs={24} md={12}>
          <Input.Search
            allowClear
            size="large"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(v) => {
              setTyped(v);
              update({ q: v.trim() });
            }}
            placeholder={t("help.hall.keywordPlaceholder")}
            aria-label={t("help.hall.keyword")}
            enterButton={t("common.search")}
            data-testid="hall-keyword"
          />
        </Col>
        <Col xs={12} md={6}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={category ?? ""}
            aria-label={t("help.hall.category")}
            onChange={(v) => update({ category: v || null })}
            options={[
              { value: "", label: t("help.hall.allCategories") },
              ...needCategories.map((c) => ({ value: c, label: t(`help.need.category.${c}`) })),
            ]}
            data-testid="hall-category"
          />
        </Col>
        <Col xs={12} md={6}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={urgency ?? ""}
            aria-label={t("help.hall.urgency")}
            onChange={(v) => update({ urgency: v || null })}
            options={[
              { value: "", label: t("help.hall.allUrgencies") },
              ...urgencies.map((u) => ({ value: u, label: t(`help.need.urgency.${u}`) })),
            ]}
            data-testid="hall-urgency"
          />
        </Col>
      </Row>
      <CardGrid
        query={list}
        empty={t("help.hall.empty")}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => update({ page: p })}
        totalTestId="hall-total"
        renderItem={(need) => <NeedCard need={need} />}
      />
    </Flex>
  );
}
