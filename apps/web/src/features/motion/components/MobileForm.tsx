import { createMobileMemberBody, mobileReasons } from "@huzhu/contracts";
import { App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { MemberPicker } from "../../../components/MemberPicker.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useRegisterMobile } from "../api/register-mobile.ts";
import { DestinationSelect } from "./Pickers.tsx";

interface Values {
  memberId: number | null;
  destOrgId: number | null;
  destPlace: string;
  reason: string | null;
  contact: string;
  leftOn: string;
  expectedReturn: string;
}
const FIELDS = ["memberId", "destOrgId", "destPlace", "reason", "contact", "leftOn", "expectedReturn"];

/** Outflow registration: the member (or oneself), the destination organization and/or place, reason, contact, dates. */
export function MobileForm(props: { selfMemberId: number | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const register = useRegisterMobile();
  const onOk = () => {
    const v = form.getFieldsValue();
    const parsed = createMobileMemberBody.safeParse({
      memberId: props.selfMemberId ?? v.memberId ?? undefined,
      destOrgId: v.destOrgId ?? undefined,
      destPlace: v.destPlace?.trim() || undefined,
      reason: v.reason ?? undefined,
      contact: v.contact?.trim() ?? "",
      leftOn: v.leftOn || undefined,
      expectedReturn: v.expectedReturn || undefined,
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    register.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("motion.mobile.registered"));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Modal
      open
      title={t("motion.mobile.new")}
      okText={t("motion.mobile.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "mobile-submit" } as never}
      confirmLoading={register.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form form={form} layout="vertical" data-testid="mobile-form">
        {props.selfMemberId === null ? (
          <Form.Item name="memberId" label={t("motion.member")} required>
            <MemberPicker data-testid="mobile-member" />
          </Form.Item>
        ) : null}
        <Form.Item name="destOrgId" label={t("motion.mobile.destOrg")}>
          <DestinationSelect data-testid="mobile-dest" />
        </Form.Item>
        <Form.Item name="destPlace" label={t("motion.mobile.destPlace")}>
          <Input maxLength={200} data-testid="mobile-place" />
        </Form.Item>
        <Form.Item name="reason" label={t("motion.mobile.reason")} required>
          <Select
            data-testid="mobile-reason"
            options={mobileReasons.map((r) => ({ value: r, label: t(`motion.mobile.reasons.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="contact" label={t("motion.mobile.contact")} required>
          <Input maxLength={100} data-testid="mobile-contact" />
        </Form.Item>
        <Form.Item name="leftOn" label={t("motion.mobile.leftOn")} required>
          <Input type="date" data-testid="mobile-left-on" />
        </Form.Item>
        <Form.Item name="expectedReturn" label={t("motion.mobile.expectedReturn")}>
          <Input type="date" data-testid="mobile-return" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
