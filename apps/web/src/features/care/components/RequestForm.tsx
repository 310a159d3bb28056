import { createServiceRequestBody } from "@huzhu/contracts";
import { App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { MemberPicker } from "../../../components/MemberPicker.tsx";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useCreateServiceRequest } from "../api/volunteers.ts";

interface Values {
  orgId: number | null;
  memberId: number | null;
  title: string;
  description: string;
}
const FIELDS = ["orgId", "memberId", "title", "description"];

/**
 * Asking for volunteer service. A secretary asks for their organization (optionally for a member
 * of it, a member in difficulty); a member without such a role asks for themself.
 */
export function RequestForm(props: { selfMemberId: number | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const orgs = useOwnOrgs();
  const forSelf = props.selfMemberId !== null;
  const [form] = Form.useForm<Values>();
  const create = useCreateServiceRequest();
  const onOk = () => {
    const v = form.getFieldsValue();
    const parsed = createServiceRequestBody.safeParse({
      ...(forSelf
        ? { memberId: props.selfMemberId }
        : { orgId: v.orgId ?? undefined, ...(v.memberId ? { memberId: v.memberId } : {}) }),
      title: v.title?.trim() ?? "",
      description: v.description?.trim() ?? "",
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    create.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("care.request.created"));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Modal
      open
      title={forSelf ? t("care.request.askForSelf") : t("care.request.new")}
      okText={t("care.request.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "request-submit" } as never}
      confirmLoading={create.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="request-form"
        initialValues={{ orgId: orgs.length === 1 ? orgs[0]?.id : null }}
      >
        {forSelf ? null : (
          <>
            <Form.Item name="orgId" label={t("care.request.org")} required>
              <OwnOrgSelect options={orgs} aria-label={t("care.request.org")} />
            </Form.Item>
            <Form.Item name="memberId" label={t("care.request.member")} extra={t("care.request.memberHint")}>
              <MemberPicker data-testid="request-member" />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={t("care.request.titleLabel")} required>
          <Input size="large" maxLength={100} data-testid="request-title" />
        </Form.Item>
        <Form.Item name="description" label={t("care.request.description")} required>
          <Input.TextArea rows={3} maxLength={1000} data-testid="request-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
