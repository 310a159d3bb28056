import type { Transfer } from "@huzhu/contracts";
import { App, Button, Card, Flex, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { formatChinaTime } from "../../../lib/china-time.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useDecideTransfer } from "../api/decide-transfer.ts";
import { ReasonDialog } from "./ReasonDialog.tsx";

const tones = {
  pending: "gold",
  accepted: "green",
  rejected: "red",
  cancelled: "neutral",
  transferred_out: "purple",
} as const;

export function TransferStatusTag(props: { status: Transfer["status"] }) {
  const { t } = useTranslation();
  return (
    <ToneTag tone={tones[props.status]} data-testid="transfer-status">
      {t(`motion.transfer.status.${props.status}`)}
    </ToneTag>
  );
}

/** One transfer with its history and what the user may do (the server's abilities). */
export function TransferCard(props: { transfer: Transfer; history?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const x = props.transfer;
  const decide = useDecideTransfer();
  const [rejecting, setRejecting] = useState(false);
  const onError = (e: unknown) => showApiError(e, message);
  const destination = x.toOrg?.name ?? x.toOutside ?? "";
  return (
    <Card size="small" data-testid="transfer-item">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <Link to={`/transfers/${x.id}`}>{x.member.name}</Link>
          </Typography.Text>
          <TransferStatusTag status={x.status} />
        </Flex>
        <Typography.Text>
          {t("motion.transfer.route", { from: x.fromOrg.name, to: destination })}
          {x.toOrg === null ? ` · ${t("motion.transfer.outside")}` : ""}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t("motion.transfer.letterNo")}: {x.letterNo} · {formatChinaTime(x.createdAt)}
        </Typography.Text>
        <Typography.Text>
          {t("motion.transfer.reason")}: {x.reason}
        </Typography.Text>
        {x.rejectReason ? (
          <Typography.Text type="danger">
            {t("motion.transfer.rejectReason")}: {x.rejectReason}
          </Typography.Text>
        ) : null}
        {props.history ? (
          <Timeline
            style={{ marginTop: 8 }}
            items={x.steps.map((s) => ({
              children: `${formatChinaTime(s.at)} · ${t(`motion.transfer.step.${s.action}`)} · ${s.by}${s.note ? `：${s.note}` : ""}`,
            }))}
          />
        ) : null}
        <Flex gap={8} wrap>
          {x.abilities.accept ? (
            <Button
              type="primary"
              loading={decide.isPending}
              data-testid="transfer-accept"
              onClick={() =>
                decide.mutate(
                  { id: x.id, action: "accept" },
                  { onSuccess: () => void message.success(t("motion.transfer.done")), onError },
                )
              }
            >
              {x.toOrg === null ? t("motion.transfer.confirmOut") : t("motion.transfer.accept")}
            </Button>
          ) : null}
          {x.abilities.reject ? (
            <Button danger data-testid="transfer-reject" onClick={() => setRejecting(true)}>
              {t("motion.transfer.reject")}
            </Button>
          ) : null}
          {x.abilities.cancel ? (
            <Button
              data-testid="transfer-cancel"
              loading={decide.isPending}
              onClick={() =>
                decide.mutate(
                  { id: x.id, action: "cancel" },
                  { onSuccess: () => void message.success(t("motion.transfer.done")), onError },
                )
              }
            >
              {t("motion.transfer.cancel")}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      {rejecting ? (
        <ReasonDialog
          title={t("motion.transfer.rejectTitle", { name: x.member.name })}
          okText={t("motion.transfer.reject")}
          pending={decide.isPending}
          onCancel={() => setRejecting(false)}
          onOk={(reason) =>
            decide.mutate(
              { id: x.id, action: "reject", body: { reason } },
              { onSuccess: () => setRejecting(false), onError },
            )
          }
        />
      ) : null}
    </Card>
  );
}
