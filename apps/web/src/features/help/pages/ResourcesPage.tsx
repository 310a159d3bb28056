import { PlusOutlined } from "@ant-design/icons";
import { createResourceBody, type Resource, resourceCategories, visibilities } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Col, Flex, Form, Input, Radio, Row, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CardGrid } from "../../../components/CardGrid.tsx";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useCreateResource } from "../api/create-resource.ts";
import { helpQueries } from "../api/queries.ts";
import { FormDialog } from "../components/FormDialog.tsx";
import { RequestResourceModal } from "../components/RequestResourceModal.tsx";
import { canSuggest, SuggestionsPanel } from "../components/Suggestions.tsx";

const PAGE_SIZE = 12;
const shape = createResourceBody.shape;

interface Values {
  orgId: number | null;
  category: Resource["category"] | null;
  title: string;
  description: string;
  capacity: string;
  availableFrom: string;
  availableTo: string;
  conditions: string;
  visibility: Resource["visibility"];
}

function ResourceFormModal(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgs = useOwnOrgs();
  const create = useCreateResource();
  const onFinish = (v: Values) => {
    const parsed = createResourceBody.safeParse({
      orgId: v.orgId ?? undefined,
      category: v.category ?? undefined,
      title: v.title?.trim(),
      description: v.description?.trim(),
      capacity: v.capacity?.trim() || null,
      availableFrom: v.availableFrom || null,
      availableTo: v.availableTo || null,
      conditions: v.conditions?.trim() || null,
      visibility: v.visibility,
    });
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    create.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t("help.resources.saved"));
        props.onClose();
      },
      onError: (e) => showApiError(e, message, { instance: form, fields: Object.keys(shape) }),
    });
  };
  const f = (k: keyof Values) => t(`help.resources.fields.${k}`);
  return (
    <FormDialog
      title={t("help.resources.post")}
      onOk={() => form.submit()}
      onClose={props.onClose}
      pending={create.isPending}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        onFinish={onFinish}
        initialValues={{ orgId: orgs[0]?.id ?? null, visibility: "region" }}
        data-testid="resource-form"
      >
        <Form.Item
          name="orgId"
          label={f("orgId")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <OwnOrgSelect options={orgs} />
        </Form.Item>
        <Form.Item
          name="category"
          label={f("category")}
          required
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select options={resourceCategories.map((c) => ({ value: c, label: t(`help.resources.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={f("title")} required rules={[zodRule(shape.title, t)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={f("description")} required rules={[zodRule(shape.description, t)]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="capacity" label={f("capacity")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="availableFrom" label={f("availableFrom")}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="availableTo" label={f("availableTo")}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="conditions" label={f("conditions")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="visibility" label={f("visibility")} required>
          <Radio.Group>
            <Flex vertical gap={8}>
              {visibilities.map((v) => (
                <Radio key={v} value={v}>
                  {t(`help.need.visibility.${v}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

/** 资源清单: what organizations offer (rural ones too), and offering one. */
export default function ResourcesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const q = params.get("q") ?? "";
  const category = params.get("category") ?? undefined;
  const page = Number(params.get("page") ?? 1) || 1;
  const [typed, setTyped] = useState(q);
  const [posting, setPosting] = useState(false);
  const [requesting, setRequesting] = useState<Resource | null>(null);
  const list = useQuery(
    helpQueries.resourceList({
      q: q || undefined,
      category: category as never,
      status: "active",
      page,
      pageSize: PAGE_SIZE,
    }),
  );
  return (
    <Flex vertical gap={12} data-testid="resources">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("help.resources.title")}
        </Typography.Title>
        {can(me, "help.write") ? (
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setPosting(true)}>
            {t("help.resources.post")}
          </Button>
        ) : null}
      </Flex>
      <Row gutter={[8, 8]}>
        <Col xs={24} md={12}>
          <Input.Search
            allowClear
            size="large"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            aria-label={t("help.hall.keyword")}
            placeholder={t("help.hall.keyword")}
          />
        </Col>
        <Col xs={24} md={6}>
          <Select
            size="large"
            style={{ width: "100%" }}
            value={category ?? ""}
            aria-label={t("help.resources.fields.category")}
            onChange={(v) => update({ category: v || null })}
            options={[
              { value: "", label: t("help.hall.allCategories") },
              ...resourceCategories.map((c) => ({ value: c, label: t(`help.resources.category.${c}`) })),
            ]}
          />
        </Col>
      </Row>
      <CardGrid
        query={list}
        empty={t("help.resources.empty")}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => update({ page: p })}
        renderItem={(r) => (
          <Card size="small" data-testid="resource-card">
            <Flex vertical gap={4}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                <Link to={`/resources/${r.id}`} data-testid="resource-open">
                  {r.title}
                </Link>
              </Typography.Text>
              <Typography.Text type="secondary">{r.org.name}</Typography.Text>
              <Flex wrap gap={6}>
                <ToneTag tone="blue">{t(`help.resources.category.${r.category}`)}</ToneTag>
                {r.capacity ? <Typography.Text>{r.capacity}</Typography.Text> : null}
              </Flex>
              <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
                {r.description}
              </Typography.Paragraph>
              {r.availableFrom || r.availableTo ? (
                <Typography.Text type="secondary">
                  {r.availableFrom ?? ""} – {r.availableTo ?? ""}
                </Typography.Text>
              ) : null}
              {r.abilities.request ? (
                <Button size="large" style={{ alignSelf: "flex-start" }} onClick={() => setRequesting(r)}>
                  {t("help.resources.request")}
                </Button>
              ) : null}
              {canSuggest(me) ? <SuggestionsPanel resourceId={r.id} /> : null}
            </Flex>
          </Card>
        )}
      />
      {posting ? <ResourceFormModal onClose={() => setPosting(false)} /> : null}
      {requesting ? <RequestResourceModal resource={requesting} onClose={() => setRequesting(null)} /> : null}
    </Flex>
  );
}
