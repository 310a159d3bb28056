import { createTransferBody } from "@huzhu/contracts";
import { App, Form, Input, Modal, Radio } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MemberPicker } from "../../../components/MemberPicker.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useRequestTransfer } from "../api/request-transfer.ts";
import { DestinationSelect } from "./Pickers.tsx";

interface Values {
  memberId: number | null;
  toOrgId: number | null;
  toOutside: string;
  reason: string;
}
const FIELDS = ["memberId", "toOrgId", "toOutside", "reason"];

/** The request form: the member (or oneself), where to (on the platform or outside), and why. */
export function TransferForm(props: { selfMemberId: number | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [outside, setOutside] = useState(false);
  const request = useRequestTransfer();
  const onOk = () => {
    const v = form.getFieldsValue();
    const parsed = createTransferBody.safeParse({
      memberId: props.selfMemberId ?? v.memberId ?? undefined,
      ...(outside ? { toOutside: v.toOutside?.trim() || undefined } : { toOrgId: v.toOrgId ?? undefined }),
      reason: v.reason?.trim() ?? "",
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    request.mutate(parsed.data, {
      onSuccess: (x) => {
        void message.success(t("motion.transfer.requested", { letterNo: x.letterNo }));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Modal
      open
      title={t("motion.transfer.new")}
      okText={t("motion.transfer.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "transfer-submit" } as never}
      confirmLoading={request.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form form={form} layout="vertical" data-testid="transfer-form">
        {props.selfMemberId === null ? (
          <Form.Item name="memberId" label={t("motion.member")} required>
            <MemberPicker data-testid="transfer-member" />
          </Form.Item>
        ) : null}
        <Form.Item label={t("motion.transfer.where")}>
          <Radio.Group
            value={outside ? "outside" : "platform"}
            onChange={(e) => setOutside(e.target.value === "outside")}
            options={[
              { value: "platform", label: t("motion.transfer.onPlatform") },
              { value: "outside", label: t("motion.transfer.outside") },
            ]}
          />
        </Form.Item>
        {outside ? (
          <Form.Item name="toOutside" label={t("motion.transfer.toOutside")} required>
            <Input maxLength={200} data-testid="transfer-outside" />
          </Form.Item>
        ) : (
          <Form.Item name="toOrgId" label={t("motion.transfer.toOrg")} required>
            <DestinationSelect data-testid="transfer-to" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t("motion.transfer.reason")} required>
          <Input.TextArea rows={3} maxLength={500} data-testid="transfer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
