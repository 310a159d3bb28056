import { type ClaimNeedBody, claimNeedBody } from "@huzhu/contracts";
import { App, Form, type FormInstance, Input } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { FormDialog } from "./FormDialog.tsx";

export interface OrgMessageValues {
  orgId: number | null;
  message: string;
}

const fields = ["orgId", "message"];

export interface OrgMessageFormProps {
  form: FormInstance<OrgMessageValues>;
  /** The picker's label: the organization that offers, asks, or is assigned. */
  orgLabel: string;
  /** The organization picker: the user's own organizations, or any the coordinator sees. */
  orgPicker: ReactNode;
  initialOrgId?: number | null;
  messagePlaceholder?: string;
  messageTestId?: string;
  /**
   * Sends the checked body (an offer, a request for a resource and an assignment all take
   * `{ orgId, message? }`); resolves once the server accepted it, rejects with its error.
   */
  send: (body: ClaimNeedBody) => Promise<unknown>;
  /** After the server accepted it. */
  onSent: () => void;
  /** Below the fields (a submit button when the form is not in a dialog). */
  children?: ReactNode;
  "data-testid"?: string;
}

/**
 * An organization and a word to the other side: how a need is claimed (我要认领), a resource asked
 * for and a helper assigned. Checked with the contracts' schema before it is sent; the server's
 * answer for a field is shown on that field.
 */
export function OrgMessageForm(props: OrgMessageFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { form } = props;
  const onFinish = async (values: OrgMessageValues) => {
    const parsed = claimNeedBody.safeParse({
      orgId: values.orgId ?? undefined,
      message: values.message?.trim() || undefined,
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    try {
      await props.send(parsed.data);
    } catch (e) {
      return showApiError(e, message, { instance: form, fields });
    }
    props.onSent();
  };
  return (
    <Form<OrgMessageValues>
      form={form}
      layout="vertical"
      size="large"
      onFinish={(v) => void onFinish(v)}
      initialValues={{ orgId: props.initialOrgId ?? null, message: "" }}
      data-testid={props["data-testid"]}
    >
      <Form.Item
        name="orgId"
        label={props.orgLabel}
        required
        rules={[{ required: true, message: t("validation.required") }]}
      >
        {props.orgPicker}
      </Form.Item>
      <Form.Item
        name="message"
        label={t("help.claims.form.message")}
        rules={[zodRule(claimNeedBody.shape.message, t, { optional: true })]}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={props.messagePlaceholder}
          data-testid={props.messageTestId}
        />
      </Form.Item>
      {props.children}
    </Form>
  );
}

/** The same form in a dialog (ask for a resource, assign a helper): the dialog's OK submits it. */
export function OrgMessageModal(
  props: Omit<OrgMessageFormProps, "form" | "children" | "onSent"> & {
    title: string;
    okText: string;
    pending: boolean;
    onClose: () => void;
  },
) {
  const [form] = Form.useForm<OrgMessageValues>();
  const { title, okText, pending, onClose, ...formProps } = props;
  return (
    <FormDialog title={title} okText={okText} pending={pending} onOk={() => form.submit()} onClose={onClose}>
      <OrgMessageForm {...formProps} form={form} onSent={onClose} />
    </FormDialog>
  );
}
