import type { PasswordResetRequest } from "@huzhu/contracts";
import { App, Button, Card, Flex, List, Typography } from "antd";
import dayjs from "dayjs";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { PageError } from "../../../components/PageStates.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { type ResetDecision, useDecidePasswordReset } from "../api/decide-password-reset.ts";
import { usePendingResets } from "../api/list-password-resets.ts";

function kindText(r: PasswordResetRequest, t: TFunction): string {
  if (r.password && r.resetSecondFactor) return t("resets.kind.both");
  return r.password ? t("resets.kind.password") : t("resets.kind.secondFactor");
}

/**
 * 待审批的重置 on the security administrator's page: the system administrator's resets of
 * administrators' passwords or second factors, each approved or rejected after a confirmation.
 * Shown only while there is something to decide.
 */
export function PendingResets(props: { selfId: number | undefined; phone: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const resets = usePendingResets();
  const decide = useDecidePasswordReset();

  const confirm = (r: PasswordResetRequest, decision: ResetDecision) => {
    const vars = { name: r.user.displayName, kind: kindText(r, t) };
    modal.confirm({
      title: t(decision === "approve" ? "resets.approveTitle" : "resets.rejectTitle"),
      content: t(decision === "approve" ? "resets.approveConfirm" : "resets.rejectConfirm", vars),
      okText: t(decision === "approve" ? "resets.approve" : "resets.reject"),
      okButtonProps: { danger: decision === "reject" },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await decide.mutateAsync({ id: r.id, decision });
          void message.success(t(decision === "approve" ? "resets.approved" : "resets.rejected"));
        } catch (error) {
          showApiError(error, message);
        }
      },
    });
  };

  if (resets.isError) return <PageError error={resets.error} onRetry={() => void resets.refetch()} />;
  const items = resets.data?.items ?? [];
  if (items.length === 0) return null;

  return (
    <Card
      size="small"
      title={
        <Typography.Text strong style={{ fontSize: 15 }}>
          {t("resets.title")}（{items.length}）
        </Typography.Text>
      }
      styles={{ body: { paddingBlock: 4 } }}
      style={{ borderColor: "#d3adf7" }}
      data-testid="pending-resets"
    >
      <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
        {t("resets.help")}
      </Typography.Paragraph>
      <List<PasswordResetRequest>
        dataSource={items}
        rowKey="id"
        renderItem={(r) => {
          // The server refuses deciding one's own request or account; no button to press in vain.
          const own = r.user.id === props.selfId || r.requestedBy.id === props.selfId;
          return (
            <List.Item data-testid="pending-reset" data-username={r.user.username}>
              <Flex
                vertical={props.phone}
                justify="space-between"
                align={props.phone ? "stretch" : "center"}
                gap={8}
                style={{ width: "100%" }}
              >
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text strong>
                    {r.user.displayName}
                    <Typography.Text type="secondary" style={{ fontWeight: "normal" }}>
                      {" "}
                      ({r.user.username})
                    </Typography.Text>
                  </Typography.Text>
                  <Typography.Text data-testid="pending-reset-kind">{kindText(r, t)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t("resets.requested", {
                      by: r.requestedBy.username,
                      at: dayjs(r.requestedAt).format("YYYY-MM-DD HH:mm"),
                    })}
                  </Typography.Text>
                </Flex>
                <Flex gap={8} style={{ flex: "none" }}>
                  <Button
                    type="primary"
                    disabled={own}
                    onClick={() => confirm(r, "approve")}
                    data-testid="reset-approve"
                  >
                    {t("resets.approve")}
                  </Button>
                  <Button danger disabled={own} onClick={() => confirm(r, "reject")} data-testid="reset-reject">
                    {t("resets.reject")}
                  </Button>
                </Flex>
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
