import type { Need } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Flex, Popconfirm, Steps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { NotFound, PageError, PageLoading } from "../../../components/PageStates.tsx";
import { Photo } from "../../../components/Photo.tsx";
import { useMe } from "../../../lib/auth/me.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { type NeedStep, useNeedStep } from "../api/need-step.ts";
import { helpQueries } from "../api/queries.ts";
import { AssignModal } from "../components/AssignModal.tsx";
import { ClaimForm } from "../components/ClaimForm.tsx";
import { ClaimList } from "../components/ClaimList.tsx";
import { ConfirmNeedModal } from "../components/ConfirmNeedModal.tsx";
import { formatChinaTime, formatFen } from "../components/format.ts";
import { NeedStatusTag } from "../components/NeedStatusTag.tsx";
import { canSuggest, SuggestionsPanel } from "../components/Suggestions.tsx";

/** antd's description labels are 0.45 black (3.4:1); these read at 5.7:1. */
const labelStyle = { color: "rgba(0, 0, 0, 0.6)" };

const path = ["open", "claimed", "in_progress", "delivered", "confirmed", "closed"] as const;

/** The lifecycle as steps: where the need stands, and where it stopped when withdrawn or expired. */
function Lifecycle(props: { need: Need }) {
  const { t } = useTranslation();
  const { status } = props.need;
  const index = path.indexOf(status as (typeof path)[number]);
  const stopped = status === "withdrawn" || status === "expired";
  return (
    <Steps
      size="small"
      orientation="vertical"
      // A status names the step done; the next one is where the need stands (all done once closed).
      current={stopped ? 0 : index + 1}
      status={stopped ? "error" : status === "draft" ? "wait" : "process"}
      items={path.map((step, i) => ({
        title: stopped && i === 0 ? t(`help.need.status.${status}`) : t(`help.need.steps.${step}`),
      }))}
      data-testid="need-lifecycle"
    />
  );
}

function OwnerActions(props: { need: Need }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const step = useNeedStep();
  const [confirming, setConfirming] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const { need } = props;
  const { abilities: a } = need;
  const run = (s: NeedStep) =>
    step.mutate(
      { id: need.id, step: s },
      { onSuccess: () => void message.success(t("help.need.done")), onError: (e) => showApiError(e, message) },
    );
  const plain = (s: Exclude<NeedStep, "withdraw">, primary = false) => (
    <Button
      key={s}
      size="large"
      type={primary ? "primary" : "default"}
      loading={step.isPending && step.variables?.step === s}
      onClick={() => run(s)}
      data-testid={`need-${s}`}
    >
      {t(`help.need.actions.${s}`)}
    </Button>
  );
  const buttons = [
    a.publish ? plain("publish", true) : null,
    a.start ? plain("start", true) : null,
    a.deliver ? plain("deliver", true) : null,
    a.confirm ? (
      <Button key="confirm" type="primary" size="large" onClick={() => setConfirming(true)} data-testid="need-confirm">
        {t("help.need.actions.confirm")}
      </Button>
    ) : null,
    a.close ? plain("close") : null,
    a.assign ? (
      <Button key="assign" size="large" onClick={() => setAssigning(true)} data-testid="need-assign">
        {t("help.need.actions.assign")}
      </Button>
    ) : null,
    a.update ? (
      <Button key="edit" size="large" onClick={() => navigate(`/needs/${need.id}/edit`)} data-testid="need-edit">
        {t("help.need.actions.edit")}
      </Button>
    ) : null,
    a.withdraw ? (
      <Popconfirm
        key="withdraw"
        title={t("help.need.actions.withdrawConfirm")}
        okText={t("common.confirm")}
        cancelText={t("common.cancel")}
        onConfirm={() => run("withdraw")}
      >
        <Button size="large" danger data-testid="need-withdraw">
          {t("help.need.actions.withdraw")}
        </Button>
      </Popconfirm>
    ) : null,
  ].filter(Boolean);
  if (buttons.length === 0) return null;
  return (
    <Flex wrap gap={8} data-testid="need-actions">
      {buttons}
      {confirming ? <ConfirmNeedModal need={need} onClose={() => setConfirming(false)} /> : null}
      {assigning ? <AssignModal need={need} onClose={() => setAssigning(false)} /> : null}
    </Flex>
  );
}

/** One need: everything about it, its photos, where it stands, its claims and what the user may do. */
export default function NeedPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: me } = useMe();
  const need = useQuery({ ...helpQueries.need(id), enabled: Number.isInteger(id) && id > 0 });
  const claims = useQuery({ ...helpQueries.claimList({ needId: id, pageSize: 50 }), enabled: need.isSuccess });
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  if (need.isPending) return <PageLoading />;
  if (need.isError) return <PageError error={need.error} onRetry={() => void need.refetch()} />;
  const n = need.data;
  return (
    <Flex vertical gap={16} data-testid="need-page" style={{ maxWidth: 960 }}>
      <Link to="/needs/hall">← {t("help.hall.title")}</Link>
      <Card>
        <Flex vertical gap={8}>
          <Flex wrap gap={8} align="center">
            <Typography.Title level={3} style={{ margin: 0, wordBreak: "break-word" }} data-testid="need-title">
              {n.title}
            </Typography.Title>
            <NeedStatusTag status={n.status} />
          </Flex>
          <Typography.Text type="secondary">{n.org.name}</Typography.Text>
          <OwnerActions need={n} />
        </Flex>
      </Card>
      {n.attachments.length > 0 ? (
        <Card size="small" title={t("help.need.fields.attachmentIds")}>
          <Flex wrap gap={8}>
            {/* Photos as pictures; documents (PDF, Office) as links with their names. */}
            {n.attachments.map((a, i) =>
              a.contentType.startsWith("image/") ? (
                <a key={a.id} href={`/api/attachments/${a.id}`} target="_blank" rel="noreferrer">
                  <Photo id={a.id} alt={`${t("help.need.photoOf", { title: n.title })} ${i + 1}`} size={140} />
                </a>
              ) : (
                <a key={a.id} href={`/api/attachments/${a.id}`} download={a.name}>
                  {a.name}
                </a>
              ),
            )}
          </Flex>
        </Card>
      ) : null}
      <Card size="small">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          styles={{ label: labelStyle }}
          items={[
            { key: "0", label: t("help.need.fields.category"), children: <>{t(`help.need.category.${n.category}`)}</> },
            { key: "1", label: t("help.need.fields.urgency"), children: <>{t(`help.need.urgency.${n.urgency}`)}</> },
            {
              key: "2",
              label: t("help.need.fields.budgetFen"),
              children: <>{n.budgetFen === null ? t("help.need.noBudget") : formatFen(n.budgetFen)}</>,
            },
            {
              key: "3",
              label: t("help.need.fields.deadline"),
              children: <>{n.deadline ?? t("help.need.noDeadline")}</>,
            },
            {
              key: "4",
              label: t("help.need.fields.visibility"),
              children: <>{t(`help.need.visibility.${n.visibility}`)}</>,
            },
            { key: "5", label: t("help.need.fields.createdAt"), children: <>{formatChinaTime(n.createdAt)}</> },
            ...(n.rating !== null
              ? [
                  {
                    key: "6",
                    label: t("help.need.fields.rating"),
                    children: (
                      <>
                        <span data-testid="need-rating">{t("help.need.ratingValue", { rating: n.rating })}</span>
                        {n.ratingComment ? ` · ${n.ratingComment}` : null}
                      </>
                    ),
                  },
                ]
              : []),
            ...(n.projectId !== null
              ? [
                  {
                    key: "7",
                    label: t("help.need.fields.project"),
                    children: (
                      <>
                        <Link to={`/projects/${n.projectId}`} data-testid="need-project">
                          {" "}
                          {t("help.need.openProject")}{" "}
                        </Link>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <Typography.Title level={5}>{t("help.need.fields.description")}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{n.description}</Typography.Paragraph>
        {n.expectedOutcome ? (
          <>
            <Typography.Title level={5}>{t("help.need.fields.expectedOutcome")}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{n.expectedOutcome}</Typography.Paragraph>
          </>
        ) : null}
      </Card>
      <Card size="small" title={t("help.need.lifecycle")}>
        <Lifecycle need={n} />
      </Card>
      {canSuggest(me) ? <SuggestionsPanel needId={n.id} /> : null}
      {n.abilities.claim ? <ClaimForm need={n} /> : null}
      {claims.data ? <ClaimList claims={claims.data.items} /> : null}
    </Flex>
  );
}
