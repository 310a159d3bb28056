import { createJointBranchBody, type JointBranchKind, jointBranchKinds } from "@huzhu/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Flex, Form, Input, Select, Typography, theme } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageError } from "../../../components/PageStates.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { formJointBranch, pairingQueries } from "../api/queries.ts";

interface Values {
  name: string;
  kind: JointBranchKind;
}

const shape = createJointBranchBody.shape;
const FIELDS = ["name", "kind"];

/**
 * A pairing's joint branch (联建): what it is when formed (name, kind, the common superior it sits
 * under, how many members each side brings), and for a coordinator over both sides of an active
 * pairing without one, forming it. Members join it from the roster (共管党组织) or through the API.
 */
export function JointBranchCard(props: { pairingId: number; defaultName: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  const [forming, setForming] = useState(false);
  const [form] = Form.useForm<Values>();
  const query = useQuery(pairingQueries.jointBranch(props.pairingId));
  const save = useMutation({
    mutationFn: (body: Values) => formJointBranch(props.pairingId, body),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: pairingQueries.jointBranch(props.pairingId).queryKey }),
  });
  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  if (!data || (!data.jointBranch && !data.abilities.form)) return null;
  const onFinish = (values: Values) => {
    const parsed = createJointBranchBody.safeParse({ name: values.name?.trim(), kind: values.kind });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    save.mutate(parsed.data as Values, {
      onSuccess: () => {
        void message.success(t("pairing.jointBranch.formed"));
        setForming(false);
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: FIELDS }),
    });
  };
  const made = data.jointBranch;
  return (
    <Card size="small" title={t("pairing.jointBranch.title")} data-testid="joint-branch">
      {made ? (
        <Descriptions column={1} size="small" styles={{ label: { color: token.colorTextSecondary } }}>
          <Descriptions.Item label={t("pairing.jointBranch.name")}>
            <Typography.Text strong data-testid="joint-branch-name">
              {made.name}
            </Typography.Text>{" "}
            <ToneTag tone="cyan">{t(`pairing.jointBranch.kind.${made.kind}`)}</ToneTag>
          </Descriptions.Item>
          <Descriptions.Item label={t("pairing.jointBranch.parent")}>{made.parent.name}</Descriptions.Item>
          <Descriptions.Item label={t("pairing.jointBranch.members")}>
            {t("pairing.jointBranch.memberCounts", made.members)}
          </Descriptions.Item>
        </Descriptions>
      ) : forming ? (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ name: props.defaultName, kind: undefined }}
          data-testid="joint-branch-form"
        >
          <Form.Item name="name" label={t("pairing.jointBranch.name")} required rules={[zodRule(shape.name, t)]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="kind" label={t("pairing.jointBranch.kindLabel")} required rules={[zodRule(shape.kind, t)]}>
            <Select
              options={jointBranchKinds.map((k) => ({ value: k, label: t(`pairing.jointBranch.kind.${k}`) }))}
              data-testid="joint-branch-kind"
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t("pairing.jointBranch.hint")}</Typography.Paragraph>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="joint-branch-save">
              {t("pairing.jointBranch.form")}
            </Button>
            <Button onClick={() => setForming(false)}>{t("common.cancel")}</Button>
          </Flex>
        </Form>
      ) : (
        <Flex vertical gap={8} align="start">
          <Typography.Text type="secondary">{t("pairing.jointBranch.none")}</Typography.Text>
          <Button onClick={() => setForming(true)} data-testid="joint-branch-start">
            {t("pairing.jointBranch.form")}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
