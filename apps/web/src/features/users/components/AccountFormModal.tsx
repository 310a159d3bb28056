import { createUserBody, type User, updateUserBody } from "@huzhu/contracts";
import { App, Form, Input, InputNumber, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useCreateUser } from "../api/create-user.ts";
import { useUpdateUser } from "../api/update-user.ts";
import { PasswordField } from "./PasswordField.tsx";

interface AccountFormValues {
  username: string;
  displayName: string;
  password: string;
  memberId: number | null;
}

const fieldNames = Object.keys(createUserBody.shape);
const shape = createUserBody.shape;

/**
 * Create an account (username, name, first password, optionally the member it belongs to), or
 * rename one. Roles are not given here: that is the security administrator's work.
 */
export function AccountFormModal(props: { user?: User; onClose: () => void; onSaved: (user: User) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AccountFormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const { user } = props;

  const onFinish = (values: AccountFormValues) => {
    const handlers = {
      onSuccess: (saved: User) => {
        void message.success(user ? t("account.saved") : t("account.created", { name: saved.username }));
        props.onSaved(saved);
      },
      onError: (error: unknown) => showApiError(error, message, { instance: form, fields: fieldNames }),
    };
    if (user) {
      const parsed = updateUserBody.safeParse({ displayName: values.displayName });
      if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
      if (parsed.data.displayName === user.displayName) return props.onClose();
      update.mutate({ id: user.id, body: parsed.data }, handlers);
    } else {
      const parsed = createUserBody.safeParse({
        username: values.username,
        displayName: values.displayName,
        password: values.password,
        memberId: values.memberId ?? null,
      });
      if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
      create.mutate(parsed.data, handlers);
    }
  };

  return (
    <Modal
      open
      title={user ? t("account.edit") : t("account.create")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<AccountFormValues>
        form={form}
        layout="vertical"
        initialValues={user ? { username: user.username, displayName: user.displayName } : { memberId: null }}
        onFinish={onFinish}
        requiredMark="optional"
        scrollToFirstError
        data-testid="account-form"
      >
        <Form.Item
          name="username"
          label={t("account.fields.username")}
          required={!user}
          rules={user ? [] : [zodRule(shape.username, t)]}
          normalize={(v: string) => v.toLowerCase()}
          extra={user ? undefined : t("account.usernameHelp")}
        >
          <Input maxLength={64} autoComplete="off" disabled={user !== undefined} spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t("account.fields.displayName")}
          required
          rules={[zodRule(shape.displayName, t)]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        {user ? null : (
          <>
            <Form.Item
              name="password"
              label={t("account.fields.password")}
              required
              rules={[zodRule(shape.password, t)]}
              extra={t("account.passwordHelp")}
            >
              <PasswordField />
            </Form.Item>
            <Form.Item
              name="memberId"
              label={t("account.fields.memberId")}
              rules={[zodRule(shape.memberId, t, { optional: true })]}
              extra={t("account.memberIdHelp")}
            >
              <InputNumber min={1} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
