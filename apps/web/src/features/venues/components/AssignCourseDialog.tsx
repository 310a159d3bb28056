import { CloseOutlined } from "@ant-design/icons";
import { assignCourseBody } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type OrgOption, OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { orgsQueries } from "../../../lib/orgs/queries.ts";
import { useAssignCourse } from "../api/assign-course.ts";

/** "12, 34 56" → [12, 34, 56]; null when something typed is not a member id. */
export function parseMemberIds(text: string): number[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter(Boolean);
  if (!parts.every((p) => /^[1-9]\d{0,9}$/.test(p))) return null;
  return [...new Set(parts.map(Number))];
}

/** Adds the organization picked in the search box to the list (its name read from its record). */
function OrgAdder(props: { picking: number | null; onAdd: (org: OrgOption) => void }) {
  const { t } = useTranslation();
  const org = useQuery({ ...orgsQueries.detail(props.picking ?? 0), enabled: props.picking !== null });
  const ready = props.picking !== null && org.data?.id === props.picking;
  return (
    <Button
      disabled={!ready}
      loading={props.picking !== null && org.isFetching}
      onClick={() => org.data && props.onAdd({ id: org.data.id, name: org.data.name })}
      data-testid="assign-add-org"
      style={{ alignSelf: "flex-start" }}
    >
      {t("venues.assign.addOrg")}
    </Button>
  );
}

/**
 * 分配学习: assigns a course to organizations of the caller's jurisdiction (their members study it)
 * and/or to members by id, optionally with a due date (AssignCourseBody).
 */
export function AssignCourseDialog(props: { courseId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const assign = useAssignCourse();
  const [orgs, setOrgs] = useState<OrgOption[]>([]);
  const [picking, setPicking] = useState<number | null>(null);
  const [memberText, setMemberText] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setOrgs([]);
    setPicking(null);
    setMemberText("");
    setDueOn("");
    setError(null);
  };
  const close = () => {
    reset();
    props.onClose();
  };

  const submit = () => {
    setError(null);
    const memberIds = parseMemberIds(memberText);
    if (memberIds === null) return setError(t("venues.assign.badMemberIds"));
    if (orgs.length === 0 && memberIds.length === 0) return setError(t("venues.assign.nobody"));
    const parsed = assignCourseBody.safeParse({
      ...(orgs.length ? { orgIds: orgs.map((o) => o.id) } : {}),
      ...(memberIds.length ? { memberIds } : {}),
      ...(dueOn ? { dueOn } : {}),
    });
    if (!parsed.success) return setError(t("validation.invalid"));
    assign.mutate(
      { id: props.courseId, body: parsed.data },
      {
        onSuccess: (r) => {
          void message.success(t("venues.assign.done", { count: r.assigned }));
          close();
        },
        onError: (e) => showApiError(e, message),
      },
    );
  };

  return (
    <Modal
      open={props.open}
      title={t("venues.assign.title")}
      onCancel={close}
      onOk={submit}
      okText={t("venues.assign.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={assign.isPending}
      okButtonProps={{ "data-testid": "assign-submit" } as React.ComponentProps<typeof Button>}
      destroyOnHidden
      width={520}
      style={{ maxWidth: "calc(100vw - 16px)" }}
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t("venues.assign.orgs")} htmlFor="assign-org" extra={t("venues.assign.orgsHint")}>
          <Flex vertical gap={8}>
            <OrgSelect
              id="assign-org"
              value={picking}
              onChange={(id) => setPicking(id)}
              style={{ width: "100%" }}
              data-testid="assign-org"
            />
            <OrgAdder
              picking={picking}
              onAdd={(o) => {
                if (!orgs.some((x) => x.id === o.id)) setOrgs([...orgs, o]);
                setPicking(null);
              }}
            />
            <Flex wrap gap={6}>
              {orgs.map((o) => (
                <Flex
                  key={o.id}
                  gap={4}
                  align="center"
                  style={{ border: "1px solid #d9d9d9", borderRadius: 6, paddingInlineStart: 8 }}
                >
                  <span>{o.name}</span>
                  <Button
                    type="text"
                    size="small"
                    icon={<CloseOutlined />}
                    aria-label={t("venues.assign.removeOrg", { name: o.name })}
                    onClick={() => setOrgs(orgs.filter((x) => x.id !== o.id))}
                  />
                </Flex>
              ))}
            </Flex>
          </Flex>
        </Form.Item>
        <Form.Item label={t("venues.assign.members")} htmlFor="assign-members" extra={t("venues.assign.membersHint")}>
          <Input
            id="assign-members"
            inputMode="numeric"
            value={memberText}
            onChange={(e) => setMemberText(e.target.value)}
            data-testid="assign-members"
          />
        </Form.Item>
        <Form.Item label={t("venues.assign.dueOn")} htmlFor="assign-due">
          <Input id="assign-due" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} data-testid="assign-error" /> : null}
      <Typography.Text type="secondary">{t("venues.assign.note")}</Typography.Text>
    </Modal>
  );
}
