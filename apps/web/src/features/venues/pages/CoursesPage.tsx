import { PlusOutlined } from "@ant-design/icons";
import { type CourseKind, courseKinds } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Checkbox, Col, Flex, Input, Row, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardGrid } from "../../../components/CardGrid.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { venuesQueries } from "../api/queries.ts";
import { CourseKindTag } from "../components/CourseKindTag.tsx";

const PAGE_SIZE = 12;

/** 远程教育: courses and party-affairs experience organizations share (互学共享). */
export default function CoursesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const q = params.get("q") ?? "";
  const kindParam = params.get("kind");
  const kind = courseKinds.find((k) => k === kindParam) as CourseKind | undefined;
  const assigned = params.get("assigned") === "true";
  const page = Number(params.get("page") ?? 1) || 1;
  const [typed, setTyped] = useState(q);
  const list = useQuery(
    venuesQueries.courseList({ q: q || undefined, kind, assigned: assigned || undefined, page, pageSize: PAGE_SIZE }),
  );
  return (
    <Flex vertical gap={12} data-testid="courses">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("venues.courses.title")}
        </Typography.Title>
        {can(me, "help.write") ? (
          <Link to="/courses/new">
            <Button type="primary" size="large" icon={<PlusOutlined />} data-testid="course-new">
              {t("venues.courses.new")}
            </Button>
          </Link>
        ) : null}
      </Flex>
      <Row gutter={[8, 8]} align="middle">
        <Col xs={24} md={10}>
          <Input.Search
            allowClear
            size="large"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(v) => update({ q: v.trim(), page: null })}
            aria-label={t("venues.courses.keyword")}
            placeholder={t("venues.courses.keyword")}
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={kind ?? ""}
            aria-label={t("venues.courses.kind")}
            onChange={(v) => update({ kind: v || null, page: null })}
            options={[
              { value: "", label: t("venues.courses.allKinds") },
              ...courseKinds.map((k) => ({ value: k, label: t(`venues.courseKind.${k}`) })),
            ]}
          />
        </Col>
        <Col xs={24} md={6}>
          <Checkbox
            checked={assigned}
            onChange={(e) => update({ assigned: e.target.checked ? "true" : null, page: null })}
          >
            {t("venues.courses.onlyAssigned")}
          </Checkbox>
        </Col>
      </Row>
      <CardGrid
        query={list}
        empty={t("venues.courses.empty")}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => update({ page: p })}
        renderItem={(c) => (
          <Card size="small" data-testid="course-card">
            <Flex vertical gap={4}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                <Link to={`/courses/${c.id}`}>{c.title}</Link>
              </Typography.Text>
              <Typography.Text type="secondary">{c.owner.name}</Typography.Text>
              <Flex wrap gap={6} align="center">
                <CourseKindTag kind={c.kind} />
                <Typography.Text>{t("venues.courses.minutes", { count: c.minutes })}</Typography.Text>
              </Flex>
              {c.summary ? (
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {c.summary}
                </Typography.Paragraph>
              ) : null}
            </Flex>
          </Card>
        )}
      />
    </Flex>
  );
}
