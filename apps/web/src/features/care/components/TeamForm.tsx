import { createVolunteerTeamBody } from "@huzhu/contracts";
import { App, Button, Flex, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { MemberPicker } from "../../../components/MemberPicker.tsx";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useCreateTeam } from "../api/volunteers.ts";

interface Values {
  orgId: number | null;
  name: string;
  description: string;
  members: Array<{ memberId: number | null; skills: string }>;
}
const FIELDS = ["orgId", "name", "description", "members"];

/** Forming a volunteer team under one of the user's organizations, with members and their skills. */
export function TeamForm(props: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const orgs = useOwnOrgs();
  const [form] = Form.useForm<Values>();
  const create = useCreateTeam();
  const onOk = () => {
    const v = form.getFieldsValue(true) as Values;
    const parsed = createVolunteerTeamBody.safeParse({
      orgId: v.orgId ?? undefined,
      name: v.name?.trim() ?? "",
      ...(v.description?.trim() ? { description: v.description.trim() } : {}),
      members: (v.members ?? [])
        .filter((m) => m?.memberId)
        .map((m) => ({ memberId: m.memberId, ...(m.skills?.trim() ? { skills: m.skills.trim() } : {}) })),
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    create.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("care.team.created"));
        props.onDone();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  return (
    <Modal
      open
      title={t("care.team.new")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      onOk={onOk}
      onCancel={props.onDone}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: orgs.length === 1 ? orgs[0]?.id : null, members: [{ memberId: null, skills: "" }] }}
      >
        <Form.Item name="orgId" label={t("care.org")} required>
          <OwnOrgSelect options={orgs} aria-label={t("care.org")} />
        </Form.Item>
        <Form.Item name="name" label={t("care.team.name")} required>
          <Input size="large" maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t("care.team.description")}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="members" label={t("care.team.members")} style={{ marginBottom: 0 }}>
          <span />
        </Form.Item>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} wrap>
                  <Form.Item name={[f.name, "memberId"]} style={{ flex: "1 1 180px", margin: 0 }}>
                    <MemberPicker />
                  </Form.Item>
                  <Form.Item name={[f.name, "skills"]} style={{ flex: "1 1 120px", margin: 0 }}>
                    <Input size="large" placeholder={t("care.team.skills")} aria-label={t("care.team.skills")} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} aria-label={t("care.team.removeMember")}>
                    −
                  </Button>
                </Flex>
              ))}
              <Button onClick={() => add({ memberId: null, skills: "" })}>{t("care.team.addMember")}</Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
