import { adminRoles, assignRoleBody, type Role, roles, type User } from "@huzhu/contracts";
import { Alert, App, Form, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { OrgLookupSelect } from "../../../components/org-pickers/OrgLookupSelect.tsx";
import { isApiError } from "../../../lib/api/client.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useAssignRole } from "../api/assign-role.ts";
import { roleText } from "./UserBadges.tsx";

interface GrantValues {
  role: Role | undefined;
  orgId: number | null;
}

export const isAdminRole = (role: Role | undefined): boolean =>
  role !== undefined && (adminRoles as readonly Role[]).includes(role);

/**
 * Grants one role. Organization roles (coordinator, secretary, member, leader) apply to an
 * organization's subtree and need one; the three administrator roles take none, and the server
 * refuses a second administrator role on one account (三员分立) with a message shown on the role.
 */
export function GrantRoleModal(props: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const assign = useAssignRole();
  const role = Form.useWatch("role", form);
  const needsOrg = role !== undefined && !isAdminRole(role);
  const { user } = props;
  const [refusal, setRefusal] = useState<string | null>(null);

  const onFinish = (values: GrantValues) => {
    setRefusal(null);
    const parsed = assignRoleBody.safeParse({
      role: values.role,
      ...(isAdminRole(values.role) ? {} : { orgId: values.orgId }),
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    assign.mutate(
      { userId: user.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t("roleGrant.granted"));
          props.onClose();
        },
        onError: (error) => {
          // A refusal by rule (separation of duties) is not a typo in one field: say it above the form.
          if (isApiError(error) && error.status === 409) setRefusal(error.message);
          else showApiError(error, message, { instance: form, fields: ["role", "orgId"] });
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t("roleGrant.grantTitle", { name: user.displayName })}
      okText={t("roleGrant.grant")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={assign.isPending}
    >
      {user.roles.length > 0 ? (
        <Typography.Paragraph type="secondary">
          {t("roleGrant.current", { roles: user.roles.map((r) => roleText(r, t)).join(t("common.listSeparator")) })}
        </Typography.Paragraph>
      ) : null}
      <Form<GrantValues>
        form={form}
        layout="vertical"
        initialValues={{ orgId: null }}
        onFinish={onFinish}
        requiredMark="optional"
        data-testid="grant-role-form"
      >
        <Form.Item
          name="role"
          label={t("roleGrant.role")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select<Role>
            onChange={() => setRefusal(null)}
            options={roles.map((r) => ({
              value: r,
              label: t(`roles.${r}`),
              description: t(`roleGrant.description.${r}`),
            }))}
            optionRender={(option) => (
              <div>
                <div>{option.data.label}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "normal" }}>
                  {option.data.description}
                </Typography.Text>
              </div>
            )}
          />
        </Form.Item>
        {needsOrg ? (
          <Form.Item
            name="orgId"
            label={t("roleGrant.org")}
            required
            rules={[{ required: true, message: t("validation.required") }]}
            extra={t("roleGrant.orgHelp")}
          >
            <OrgLookupSelect style={{ width: "100%" }} />
          </Form.Item>
        ) : null}
        {refusal ? (
          <Alert type="error" showIcon title={refusal} data-testid="grant-refusal" />
        ) : isAdminRole(role) ? (
          <Alert type="info" showIcon title={t("roleGrant.adminHelp")} />
        ) : null}
      </Form>
    </Modal>
  );
}
