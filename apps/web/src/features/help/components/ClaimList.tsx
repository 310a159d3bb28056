import { type Claim, declineClaimBody } from "@huzhu/contracts";
import { App, Button, Card, Empty, Flex, Form, Input, List, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import { useAcceptClaim } from "../api/accept-claim.ts";
import { useDeclineClaim } from "../api/decline-claim.ts";
import { useWithdrawClaim } from "../api/withdraw-claim.ts";
import { FormDialog } from "./FormDialog.tsx";
import { formatChinaTime } from "./format.ts";

const statusTone = { pending: "gold", accepted: "green", declined: "neutral", withdrawn: "neutral" } as const;

function DeclineModal(props: { claim: Claim; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decline = useDeclineClaim();
  return (
    <FormDialog
      title={t("help.claims.declineTitle")}
      okText={t("help.claims.decline")}
      onOk={() => form.submit()}
      onClose={props.onClose}
      pending={decline.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          decline.mutate(
            { id: props.claim.id, body: { reason: v.reason.trim() } },
            {
              onSuccess: () => {
                void message.success(t("help.claims.declined"));
                props.onClose();
              },
              onError: (e) => showApiError(e, message, { instance: form, fields: ["reason"] }),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t("help.claims.declineReason")}
          required
          rules={[zodRule(declineClaimBody.shape.reason, t)]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="decline-reason" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

/**
 * The claims on a need (or the requests for a resource): who offered or asked, their message and
 * where it stands. Accept, decline and
 * withdraw appear only where the server's abilities for that claim say the user may.
 */
export function ClaimList(props: { claims: Claim[]; title?: string; empty?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const accept = useAcceptClaim();
  const withdraw = useWithdrawClaim();
  const [declining, setDeclining] = useState<Claim | null>(null);
  return (
    <Card title={props.title ?? t("help.claims.title")} size="small" data-testid="claims">
      {props.claims.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty ?? t("help.claims.none")} />
      ) : (
        <List
          dataSource={props.claims}
          renderItem={(claim) => (
            <List.Item data-testid="claim">
              <Flex vertical gap={6} style={{ width: "100%" }}>
                <Flex wrap gap={8} align="center" justify="space-between">
                  <Typography.Text strong>
                    {claim.helperOrg.name} → {claim.recipientOrg.name}
                  </Typography.Text>
                  <ToneTag tone={statusTone[claim.status]} data-testid="claim-status">
                    {t(`help.claims.status.${claim.status}`)}
                  </ToneTag>
                </Flex>
                <Typography.Text type="secondary">
                  {t(`help.claims.direction.${claim.direction}`)} · {formatChinaTime(claim.createdAt)}
                </Typography.Text>
                {claim.message ? (
                  <Typography.Paragraph style={{ margin: 0 }}>{claim.message}</Typography.Paragraph>
                ) : null}
                {claim.declineReason ? (
                  <Typography.Paragraph style={{ margin: 0 }}>
                    {t("help.claims.declineReason")}：{claim.declineReason}
                  </Typography.Paragraph>
                ) : null}
                {claim.projectId ? <Link to={`/projects/${claim.projectId}`}>{t("help.need.openProject")}</Link> : null}
                <Flex wrap gap={8}>
                  {claim.abilities.accept ? (
                    <Button
                      type="primary"
                      size="large"
                      loading={accept.isPending}
                      data-testid="claim-accept"
                      onClick={() =>
                        accept.mutate(claim.id, {
                          onSuccess: () => void message.success(t("help.claims.accepted")),
                          onError: (e) => showApiError(e, message),
                        })
                      }
                    >
                      {t("help.claims.accept")}
                    </Button>
                  ) : null}
                  {claim.abilities.decline ? (
                    <Button size="large" onClick={() => setDeclining(claim)} data-testid="claim-decline">
                      {t("help.claims.decline")}
                    </Button>
                  ) : null}
                  {claim.abilities.withdraw ? (
                    <Button
                      size="large"
                      loading={withdraw.isPending}
                      onClick={() => withdraw.mutate(claim.id, { onError: (e) => showApiError(e, message) })}
                    >
                      {t("help.claims.withdraw")}
                    </Button>
                  ) : null}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {declining ? <DeclineModal claim={declining} onClose={() => setDeclining(null)} /> : null}
    </Card>
  );
}
