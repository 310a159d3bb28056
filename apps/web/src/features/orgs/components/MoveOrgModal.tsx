import { moveOrgBody, type Org } from "@huzhu/contracts";
import { App, Form, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { useMoveOrg } from "../api/move-org.ts";

/** Moves an organization, with its subtree and members, under another parent. */
export function MoveOrgModal(props: { org: Org; onClose: () => void; onMoved: (org: Org) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: number | null }>();
  const move = useMoveOrg();
  const parent = props.org.ancestors.at(-1);

  const onFinish = (values: { parentId: number | null }) => {
    const parsed = moveOrgBody.safeParse({ parentId: values.parentId });
    if (!parsed.success) {
      form.setFields([{ name: "parentId", errors: [t("validation.required")] }]);
      return;
    }
    // Moving under the parent it already has would "succeed" and change nothing.
    if (parsed.data.parentId === parent?.id) {
      form.setFields([{ name: "parentId", errors: [t("org.moveSameParent")] }]);
      return;
    }
    move.mutate(
      { id: props.org.id, body: parsed.data },
      {
        onSuccess: (org) => {
          void message.success(t("org.moved"));
          props.onMoved(org);
        },
        onError: (error) => showApiError(error, message, { instance: form, fields: ["parentId"] }),
      },
    );
  };

  return (
    <Modal
      open
      title={`${t("org.move")} · ${props.org.name}`}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={move.isPending}
    >
      {parent ? (
        <Typography.Paragraph data-testid="move-current-parent">
          {t("org.currentParent", { name: parent.name })}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ parentId: null }}>
        <Form.Item
          name="parentId"
          label={t("org.moveTarget")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <OrgSelect current={null} exclude={props.org.id} style={{ width: "100%" }} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t("org.moveHelp")}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}
