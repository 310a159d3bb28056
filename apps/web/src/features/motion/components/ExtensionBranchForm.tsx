import { createExtensionBranchBody, type MobileMember } from "@huzhu/contracts";
import { App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useCreateExtensionBranch } from "../api/extension-branch.ts";

interface Values {
  parentId: number | null;
  name: string;
  mobileMemberIds: number[];
}
const FIELDS = ["parentId", "name", "mobileMemberIds"];

/** 延伸党组织: a coordinator sets up a branch under an organization of theirs for open registrations going there. */
export function ExtensionBranchForm(props: { candidates: MobileMember[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateExtensionBranch();
  const onOk = () => {
    const v = form.getFieldsValue();
    const parsed = createExtensionBranchBody.safeParse({
      parentId: v.parentId ?? undefined,
      name: v.name?.trim() ?? "",
      mobileMemberIds: v.mobileMemberIds ?? [],
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    create.mutate(parsed.data, {
      onSuccess: (made) => {
        void message.success(t("motion.mobile.branchMade", { name: made.name, count: made.members }));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Modal
      open
      title={t("motion.mobile.extensionBranch")}
      okText={t("motion.mobile.setUp")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "branch-submit" } as never}
      confirmLoading={create.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form form={form} layout="vertical" data-testid="branch-form">
        <Form.Item name="parentId" label={t("motion.mobile.branchParent")} required>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="name" label={t("motion.mobile.branchName")} required>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="mobileMemberIds" label={t("motion.mobile.branchMembers")} required>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: "label" }}
            options={props.candidates.map((m) => ({
              value: m.id,
              label: `${m.member.name}（${m.destOrg?.name ?? m.destPlace ?? ""}）`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
