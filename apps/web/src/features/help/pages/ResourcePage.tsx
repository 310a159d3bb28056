import { useQuery } from "@tanstack/react-query";
import { Button, Card, Descriptions, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { NotFound, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { useMe } from "../../../lib/auth/me.ts";
import { helpQueries } from "../api/queries.ts";
import { ClaimList } from "../components/ClaimList.tsx";
import { formatChinaTime } from "../components/format.ts";
import { RequestResourceModal } from "../components/RequestResourceModal.tsx";
import { canSuggest, SuggestionsPanel } from "../components/Suggestions.tsx";

/** antd's description labels are 0.45 black (3.4:1); these read at 5.7:1. */
const labelStyle = { color: "rgba(0, 0, 0, 0.6)" };

/**
 * One resource: what is offered, by whom, how much, when and on what conditions, who may see it,
 * the requests for it (the owner accepts or declines them where the server's abilities say so) and
 * the open needs it would fit.
 */
export default function ResourcePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { data: me } = useMe();
  const resource = useQuery({ ...helpQueries.resource(id), enabled: valid });
  const requests = useQuery({
    ...helpQueries.claimList({ resourceId: id, pageSize: 50 }),
    enabled: resource.isSuccess,
  });
  const [requesting, setRequesting] = useState(false);
  if (!valid) return <NotFound />;
  if (resource.isPending) return <PageLoading />;
  if (resource.isError) return <PageError error={resource.error} onRetry={() => void resource.refetch()} />;
  const r = resource.data;
  const period =
    r.availableFrom || r.availableTo
      ? `${r.availableFrom ?? ""} – ${r.availableTo ?? ""}`
      : t("help.resources.anyTime");
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }} data-testid="resource-page">
      <Link to="/resources">← {t("help.resources.title")}</Link>
      <Card>
        <Flex vertical gap={8}>
          <Flex wrap gap={8} align="center">
            <Typography.Title level={3} style={{ margin: 0, wordBreak: "break-word" }} data-testid="resource-title">
              {r.title}
            </Typography.Title>
            <ToneTag tone={r.status === "active" ? "green" : "neutral"} data-testid="resource-status">
              {t(`help.resources.status.${r.status}`)}
            </ToneTag>
          </Flex>
          <Typography.Text type="secondary">{r.org.name}</Typography.Text>
          {r.abilities.request ? (
            <Button
              type="primary"
              size="large"
              style={{ alignSelf: "flex-start" }}
              onClick={() => setRequesting(true)}
              data-testid="resource-request"
            >
              {t("help.resources.request")}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Card size="small">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          styles={{ label: labelStyle }}
          items={[
            { key: "org", label: t("help.resources.fields.orgId"), children: <>{r.org.name}</> },
            {
              key: "category",
              label: t("help.resources.fields.category"),
              children: <>{t(`help.resources.category.${r.category}`)}</>,
            },
            {
              key: "capacity",
              label: t("help.resources.fields.capacity"),
              children: <>{r.capacity ?? t("help.resources.unstated")}</>,
            },
            { key: "period", label: t("help.resources.period"), children: <>{period}</> },
            {
              key: "visibility",
              label: t("help.resources.fields.visibility"),
              children: <>{t(`help.need.visibility.${r.visibility}`)}</>,
            },
            { key: "created", label: t("help.resources.createdAt"), children: <>{formatChinaTime(r.createdAt)}</> },
          ]}
        />
        <Typography.Title level={5}>{t("help.resources.fields.description")}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
          {r.description}
        </Typography.Paragraph>
        <Typography.Title level={5}>{t("help.resources.fields.conditions")}</Typography.Title>
        <Typography.Paragraph
          style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}
          data-testid="resource-conditions"
        >
          {r.conditions ?? t("help.resources.unstated")}
        </Typography.Paragraph>
      </Card>
      {canSuggest(me) ? <SuggestionsPanel resourceId={r.id} /> : null}
      {requests.data ? (
        <ClaimList
          claims={requests.data.items}
          title={t("help.resources.requests")}
          empty={t("help.resources.noRequests")}
        />
      ) : null}
      {requesting ? <RequestResourceModal resource={r} onClose={() => setRequesting(false)} /> : null}
    </Flex>
  );
}
