import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardGrid } from "../../../components/CardGrid.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { helpQueries } from "../api/queries.ts";

const PAGE_SIZE = 12;

/** The help projects the user's organizations take part in (a coordinator: those under them). */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const q = params.get("q") ?? "";
  const page = Number(params.get("page") ?? 1) || 1;
  const [typed, setTyped] = useState(q);
  const list = useQuery(helpQueries.projectList({ q: q || undefined, page, pageSize: PAGE_SIZE }));
  const names = (orgs: { name: string }[]) => orgs.map((o) => o.name).join(t("common.listSeparator"));
  return (
    <Flex vertical gap={12} data-testid="projects">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("help.projects.title")}
      </Typography.Title>
      <Input.Search
        allowClear
        size="large"
        style={{ maxWidth: 480 }}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v) => update({ q: v.trim() })}
        aria-label={t("help.hall.keyword")}
        placeholder={t("help.hall.keyword")}
        data-testid="projects-keyword"
      />
      <CardGrid
        query={list}
        empty={t("help.projects.empty")}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => update({ page: p })}
        renderItem={(p) => (
          <Card size="small" data-testid="project-card">
            <Flex vertical gap={4}>
              <Link to={`/projects/${p.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                {p.title}
              </Link>
              <Typography.Text>
                {names(p.helpers)} → {names(p.recipients)}
              </Typography.Text>
              <Flex wrap gap={6} align="center">
                <ToneTag tone="neutral">{t(`help.projects.status.${p.status}`)}</ToneTag>
                {p.planLapsed ? <ToneTag tone="orange">{t("help.projects.lapsedShort")}</ToneTag> : null}
                <Typography.Text type="secondary">
                  {p.daysSinceLastActivity === null
                    ? t("help.projects.noActivity")
                    : t("help.projects.lastActivity", { count: p.daysSinceLastActivity })}
                </Typography.Text>
              </Flex>
            </Flex>
          </Card>
        )}
      />
    </Flex>
  );
}
