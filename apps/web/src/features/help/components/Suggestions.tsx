import type { Me, Suggestion, SuggestionFactor } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Collapse, Empty, Flex, List, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { type Tone, ToneTag } from "../../../components/ToneTag.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { helpQueries } from "../api/queries.ts";

/**
 * Suggestions are for those who may help or assign (the server's need.suggest / resource.suggest:
 * help.write or help.assign, not presented in a record's abilities); a leader who only reads gets 403.
 */
export function canSuggest(me: Me | undefined): boolean {
  return can(me, "help.write") || can(me, "help.assign");
}

/** One factor as a short tag, in the UI's language, from its codes and numbers. */
function FactorTag(props: { factor: SuggestionFactor }) {
  const { t } = useTranslation();
  const f = props.factor;
  let tone: Tone = "neutral";
  let text: string;
  switch (f.code) {
    case "category":
      tone = f.match ? "green" : "neutral";
      text = t(f.match ? "help.suggest.factor.categoryMatch" : "help.suggest.factor.categoryNone");
      break;
    case "distance":
      tone = "blue";
      text =
        f.hops === null || f.hops === undefined
          ? t("help.suggest.factor.distanceNone")
          : t("help.suggest.factor.distance", { hops: f.hops });
      break;
    case "availability":
      tone = f.available ? "green" : "neutral";
      text = t(f.available ? "help.suggest.factor.available" : "help.suggest.factor.unavailable");
      break;
    case "rating":
      tone = "gold";
      text =
        f.average === null || f.average === undefined
          ? t("help.suggest.factor.unrated")
          : t("help.suggest.factor.rating", { average: f.average, times: f.count ?? 0 });
      break;
    case "load":
      tone = f.activeProjects ? "orange" : "neutral";
      text = t("help.suggest.factor.load", { projects: f.activeProjects ?? 0 });
      break;
    case "urgency":
      tone = f.urgency === "urgent" || f.urgency === "high" ? "red" : "neutral";
      text = t("help.suggest.factor.urgency", { level: f.urgency ? t(`help.need.urgency.${f.urgency}`) : "—" });
      break;
    default:
      text = String(f.code);
  }
  return (
    <ToneTag tone={tone} data-testid={`suggestion-factor-${f.code}`}>
      {text}
    </ToneTag>
  );
}

/** Where a suggestion opens: a resource or a need on its page. */
function target(s: Suggestion): string | null {
  if (s.kind === "resource") return `/resources/${s.id}`;
  if (s.kind === "need") return `/needs/${s.id}`;
  return null;
}

const factorList = { display: "flex", flexWrap: "wrap", gap: 6, listStyle: "none", margin: 0, padding: 0 } as const;

function SuggestionList(props: { title: string; items: Suggestion[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} data-testid={props.testId}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {props.title}
      </Typography.Title>
      {props.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("help.suggest.none")} />
      ) : (
        <List
          size="small"
          dataSource={props.items.slice(0, 10)}
          renderItem={(s) => {
            const to = target(s);
            return (
              <List.Item data-testid="suggestion">
                <Flex vertical gap={4} style={{ width: "100%", minWidth: 0 }}>
                  <Flex wrap gap={8} justify="space-between" align="baseline">
                    <Typography.Text strong style={{ wordBreak: "break-word" }}>
                      {to ? <Link to={to}>{s.title}</Link> : s.title}
                    </Typography.Text>
                    <Typography.Text style={{ color: "rgba(0, 0, 0, 0.65)" }}>
                      {t("help.suggest.score", { score: s.score })}
                    </Typography.Text>
                  </Flex>
                  {s.kind !== "organization" ? (
                    <Typography.Text style={{ color: "rgba(0, 0, 0, 0.65)" }}>{s.org.name}</Typography.Text>
                  ) : null}
                  <Typography.Text data-testid="suggestion-reason">{s.reason}</Typography.Text>
                  <ul aria-label={t("help.suggest.factors")} style={factorList}>
                    {s.factors.map((f) => (
                      <li key={f.code}>
                        <FactorTag factor={f} />
                      </li>
                    ))}
                  </ul>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Flex>
  );
}

function NeedSuggestionsBody(props: { needId: number }) {
  const { t } = useTranslation();
  const q = useQuery(helpQueries.needSuggestions(props.needId));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <SuggestionList
        title={t("help.suggest.organizations")}
        items={q.data.organizations}
        testId="suggested-organizations"
      />
      <SuggestionList title={t("help.suggest.resources")} items={q.data.resources} testId="suggested-resources" />
    </Flex>
  );
}

function ResourceSuggestionsBody(props: { resourceId: number }) {
  const { t } = useTranslation();
  const q = useQuery(helpQueries.resourceSuggestions(props.resourceId));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return <SuggestionList title={t("help.suggest.needs")} items={q.data.needs} testId="suggested-needs" />;
}

/**
 * 推荐帮扶: a closed panel that loads the suggestions only when opened (light on a phone). For a
 * need, helper organizations and resources; for a resource, the needs it fits.
 */
export function SuggestionsPanel(props: { needId: number } | { resourceId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const isNeed = "needId" in props;
  return (
    <Collapse
      data-testid="suggestions"
      activeKey={open ? ["s"] : []}
      onChange={(keys) => setOpen(keys.length > 0)}
      style={{ background: "#fff" }}
      items={[
        {
          key: "s",
          label: (
            <span data-testid="suggestions-toggle">
              {isNeed ? t("help.suggest.title") : t("help.suggest.needsTitle")}
            </span>
          ),
          children: open ? (
            "needId" in props ? (
              <NeedSuggestionsBody needId={props.needId} />
            ) : (
              <ResourceSuggestionsBody resourceId={props.resourceId} />
            )
          ) : null,
        },
      ]}
    />
  );
}
