import type { Registration } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CardsPagination } from "../../../components/ListPagination.tsx";
import { MemberPicker } from "../../../components/MemberPicker.tsx";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { can, hasRole } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import { motionQueries } from "../api/queries.ts";
import { usePublishPost, useRecordHours, useRegister, useTakePost } from "../api/registrations.ts";
import { DestinationSelect } from "../components/Pickers.tsx";

const PAGE_SIZE = 10;
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Register a member (or oneself) with a residential community. */
function RegisterForm(props: { selfMemberId: number | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ memberId: number | null; communityOrgId: number | null }>();
  const register = useRegister();
  return (
    <Modal
      open
      title={t("motion.reg.new")}
      okText={t("motion.reg.submit")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "reg-submit" } as never}
      confirmLoading={register.isPending}
      onCancel={props.onDone}
      onOk={() => {
        const v = form.getFieldsValue();
        const memberId = props.selfMemberId ?? v.memberId;
        if (!memberId) return form.setFields([{ name: "memberId", errors: [t("motion.reg.required")] }]);
        if (!v.communityOrgId) return form.setFields([{ name: "communityOrgId", errors: [t("motion.reg.required")] }]);
        register.mutate(
          { memberId, communityOrgId: v.communityOrgId },
          {
            onSuccess: () => {
              void message.success(t("motion.reg.registered"));
              props.onDone();
            },
            onError: (e) => showApiError(e, message, { instance: form, fields: ["memberId", "communityOrgId"] }),
          },
        );
      }}
      style={{ top: 16, maxWidth: "calc(100vw - 16px)" }}
    >
      <Form form={form} layout="vertical">
        {props.selfMemberId === null ? (
          <Form.Item name="memberId" label={t("motion.member")} required>
            <MemberPicker />
          </Form.Item>
        ) : null}
        <Form.Item name="communityOrgId" label={t("motion.reg.community")} required>
          <DestinationSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A community's posts, and (for its secretary) the form publishing one. */
function Posts(props: { orgId: number; canPublish: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const posts = useQuery(motionQueries.posts(props.orgId));
  const publish = usePublishPost();
  const [form] = Form.useForm<{ title: string; description: string }>();
  return (
    <Card size="small" title={t("motion.reg.posts")} data-testid="service-posts">
      {props.canPublish ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            publish.mutate(
              { orgId: props.orgId, title: v.title?.trim() ?? "", description: v.description?.trim() || undefined },
              {
                onSuccess: () => form.resetFields(),
                onError: (e) => showApiError(e, message, { instance: form, fields: ["title", "description"] }),
              },
            )
          }
        >
          <Form.Item name="title" label={t("motion.reg.postTitle")} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t("motion.reg.postDescription")}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button htmlType="submit" loading={publish.isPending}>
            {t("motion.reg.publish")}
          </Button>
        </Form>
      ) : null}
      <List
        dataSource={posts.data?.items ?? []}
        locale={{ emptyText: t("motion.reg.noPosts") }}
        renderItem={(p) => (
          <List.Item>
            <Flex vertical>
              <Typography.Text strong>{p.title}</Typography.Text>
              {p.description ? <Typography.Text type="secondary">{p.description}</Typography.Text> : null}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** One registration: its posts and hours, taking a post, recording hours (the community's side). */
function RegistrationCard(props: { registration: Registration }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const r = props.registration;
  const posts = useQuery({
    ...motionQueries.posts(r.community.id),
    enabled: r.abilities.takePost || r.abilities.recordHours,
  });
  const take = useTakePost();
  const record = useRecordHours();
  const [form] = Form.useForm<{ postId: number | null; servedOn: string; hours: number | null }>();
  const untaken = (posts.data?.items ?? []).filter((p) => p.status === "open" && !r.posts.some((x) => x.id === p.id));
  return (
    <Card size="small" data-testid="registration-item">
      <Flex vertical gap={6}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {r.member.name}
        </Typography.Text>
        <Typography.Text>
          {t("motion.reg.route", { from: r.originOrg.name, to: r.community.name })} · {r.registeredOn}
        </Typography.Text>
        <Typography.Text data-testid="registration-hours">
          {t("motion.reg.totalHours", { hours: r.totalHours })}
        </Typography.Text>
        {r.posts.map((p) => (
          <Typography.Text key={p.id} type="secondary">
            {p.title} · {t("motion.reg.hours", { hours: p.hours })}
          </Typography.Text>
        ))}
        {r.abilities.takePost && untaken.length > 0 ? (
          <Select
            placeholder={t("motion.reg.takePost")}
            aria-label={t("motion.reg.takePost")}
            options={untaken.map((p) => ({ value: p.id, label: p.title }))}
            onChange={(postId: number) =>
              take.mutate({ id: r.id, body: { postId } }, { onError: (e) => showApiError(e, message) })
            }
            value={null}
          />
        ) : null}
        {r.abilities.recordHours && r.posts.length > 0 ? (
          <Form
            form={form}
            layout="inline"
            initialValues={{ servedOn: chinaToday(), hours: 1, postId: r.posts[0]?.id }}
            onFinish={(v) =>
              record.mutate(
                { id: r.id, body: { postId: v.postId ?? 0, servedOn: v.servedOn, hours: v.hours ?? 0 } },
                {
                  onSuccess: () => void message.success(t("motion.reg.recorded")),
                  onError: (e) => showApiError(e, message),
                },
              )
            }
          >
            <Form.Item name="postId" label={t("motion.reg.post")}>
              <Select style={{ minWidth: 140 }} options={r.posts.map((p) => ({ value: p.id, label: p.title }))} />
            </Form.Item>
            <Form.Item name="servedOn" label={t("motion.reg.servedOn")}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="hours" label={t("motion.reg.hoursLabel")}>
              <InputNumber min={0.5} max={24} step={0.5} />
            </Form.Item>
            <Button htmlType="submit" loading={record.isPending}>
              {t("motion.reg.record")}
            </Button>
          </Form>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 在职党员双报到: registrations the user sees, the community's posts, taking posts and recording hours. */
export default function RegistrationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const update = useSearchUpdate();
  const [asking, setAsking] = useState(false);
  const orgs = useOwnOrgs();
  const orgParam = Number(params.get("org"));
  const postsOrg = orgs.find((o) => o.id === orgParam)?.id ?? orgs[0]?.id;
  const page = Number(params.get("page") ?? 1) || 1;
  const list = useQuery(motionQueries.registrationList({ page, pageSize: PAGE_SIZE }));
  const manager = can(me, "member.write");
  const selfMemberId = !manager && hasRole(me, "member") ? (me?.user.memberId ?? null) : null;
  return (
    <Flex vertical gap={12} data-testid="registrations">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("motion.reg.title")}
        </Typography.Title>
        {manager || selfMemberId !== null ? (
          <Button type="primary" onClick={() => setAsking(true)} data-testid="reg-new">
            {t("motion.reg.new")}
          </Button>
        ) : null}
      </Flex>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          {list.isPending ? (
            <PageLoading />
          ) : list.isError ? (
            <PageError error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <Empty description={t("motion.reg.empty")} />
          ) : (
            <Flex vertical gap={12}>
              {list.data.items.map((r) => (
                <RegistrationCard key={r.id} registration={r} />
              ))}
              <CardsPagination
                total={list.data.total}
                page={page}
                pageSize={PAGE_SIZE}
                onPage={(p) => update({ page: p })}
              />
            </Flex>
          )}
        </Col>
        {manager && postsOrg !== undefined ? (
          <Col xs={24} lg={10}>
            <Flex vertical gap={8}>
              {orgs.length > 1 ? (
                <OwnOrgSelect
                  options={orgs}
                  value={postsOrg}
                  onChange={(v) => update({ org: v })}
                  aria-label={t("motion.reg.postsOf")}
                />
              ) : null}
              <Posts orgId={postsOrg} canPublish />
            </Flex>
          </Col>
        ) : null}
      </Row>
      {asking ? <RegisterForm selfMemberId={selfMemberId} onDone={() => setAsking(false)} /> : null}
    </Flex>
  );
}
