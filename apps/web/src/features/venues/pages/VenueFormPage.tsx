import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  createVenueBody,
  type OpeningWindow,
  updateVenueBody,
  type Venue,
  venueKind,
  venueStatuses,
} from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Flex, Form, Input, InputNumber, Radio, Select, Switch, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { PhotoInput, type UploadedPhoto } from "../../../components/PhotoInput.tsx";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useCreateVenue } from "../api/create-venue.ts";
import { venuesQueries } from "../api/queries.ts";
import { useUpdateVenue } from "../api/update-venue.ts";
import { OpeningField, OwnerField } from "../components/OwnerAndOpening.tsx";

interface Values {
  orgId: number | null;
  kind: Venue["kind"] | null;
  name: string;
  description: string;
  address: string;
  capacity: number | null;
  openTo: Venue["openTo"];
  requiresApproval: boolean;
  openingHours: OpeningWindow[];
  photos: UploadedPhoto[];
  status: Venue["status"];
}

const shape = createVenueBody.shape;
const FIELDS = [...Object.keys(shape), "status"];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** Blackout dates: a date typed or picked, added as a removable tag. */
function BlackoutDates(props: { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  return (
    <Flex vertical gap={8}>
      <Flex gap={8}>
        <Input
          type="date"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label={t("venues.form.blackoutDate")}
          id="blackoutDates"
          style={{ maxWidth: 220 }}
        />
        <Button
          icon={<PlusOutlined />}
          disabled={!typed}
          onClick={() => {
            if (typed && !props.value.includes(typed)) props.onChange([...props.value, typed].sort());
            setTyped("");
          }}
        >
          {t("venues.form.addBlackout")}
        </Button>
      </Flex>
      <Flex wrap gap={6}>
        {props.value.map((d) => (
          <Flex
            key={d}
            gap={4}
            align="center"
            style={{ border: "1px solid #d9d9d9", borderRadius: 6, paddingInlineStart: 8 }}
          >
            <span>{d}</span>
            <Button
              type="text"
              size="small"
              icon={<DeleteOutlined />}
              aria-label={t("venues.form.removeBlackout", { date: d })}
              onClick={() => props.onChange(props.value.filter((x) => x !== d))}
            />
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}

function VenueForm(props: { venue?: Venue }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const orgs = useOwnOrgs();
  const create = useCreateVenue();
  const update = useUpdateVenue();
  const v = props.venue;
  const [blackouts, setBlackouts] = useState<string[]>(v?.blackoutDates ?? []);
  const f = (k: string) => t(`venues.fields.${k}` as "venues.fields.kind");

  const onFinish = (values: Values) => {
    const fields = {
      kind: values.kind ?? undefined,
      name: values.name?.trim(),
      description: values.description?.trim() || null,
      address: values.address?.trim() || null,
      capacity: values.capacity ?? null,
      openTo: values.openTo,
      requiresApproval: values.requiresApproval,
      openingHours: (values.openingHours ?? []).filter(Boolean),
      blackoutDates: blackouts,
      photoIds: (values.photos ?? []).map((p) => p.id),
    };
    const onError = (e: unknown) => showApiError(e, message, { instance: form, fields: FIELDS });
    const onSuccess = (saved: Venue) => {
      void message.success(t("venues.form.saved"));
      navigate(`/venues/${saved.id}`);
    };
    if (v) {
      const parsed = updateVenueBody.safeParse({ ...fields, status: values.status });
      if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
      update.mutate({ id: v.id, body: parsed.data }, { onSuccess, onError });
    } else {
      const parsed = createVenueBody.safeParse({ orgId: values.orgId ?? undefined, ...fields });
      if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
      create.mutate(parsed.data, { onSuccess, onError });
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      style={{ maxWidth: 720 }}
      data-testid="venue-form"
      initialValues={{
        orgId: orgs[0]?.id ?? null,
        kind: v?.kind ?? null,
        name: v?.name ?? "",
        description: v?.description ?? "",
        address: v?.address ?? "",
        capacity: v?.capacity ?? null,
        openTo: v?.openTo ?? "region",
        requiresApproval: v?.requiresApproval ?? true,
        openingHours: v?.openingHours ?? [],
        photos: (v?.photoIds ?? []).map((id, i) => ({ id, name: `${v?.name ?? ""} ${i + 1}` })),
        status: v?.status ?? "active",
      }}
    >
      {v ? null : <OwnerField label={f("orgId")} orgs={orgs} />}
      <Form.Item name="kind" label={f("kind")} required rules={[{ required: true, message: t("validation.required") }]}>
        <Select options={venueKind.options.map((k) => ({ value: k, label: t(`venues.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={f("name")} required rules={[zodRule(shape.name, t)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="address" label={f("address")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="capacity" label={f("capacity")} extra={t("venues.form.capacityHint")}>
        <InputNumber min={1} max={100_000} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="description" label={f("description")}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <OpeningField label={f("openTo")} hints />
      <Form.Item
        name="requiresApproval"
        label={f("requiresApproval")}
        valuePropName="checked"
        extra={t("venues.form.approvalHint")}
      >
        <Switch checkedChildren={t("venues.needsApproval")} unCheckedChildren={t("venues.instant")} />
      </Form.Item>
      <Form.Item label={f("openingHours")} extra={t("venues.form.hoursHint")}>
        <Form.List name="openingHours">
          {(rows, { add, remove }) => (
            <Flex vertical gap={8}>
              {rows.map((row, i) => (
                <Flex key={row.key} gap={8} align="start" wrap>
                  <Form.Item name={[row.name, "weekday"]} noStyle>
                    <Select
                      aria-label={t("venues.form.weekdayN", { n: i + 1 })}
                      style={{ width: 110 }}
                      options={WEEKDAYS.map((d) => ({
                        value: d,
                        label: t(`venues.weekday.${d}` as "venues.weekday.1"),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, "from"]} noStyle>
                    <Input type="time" aria-label={t("venues.form.fromN", { n: i + 1 })} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[row.name, "to"]} noStyle>
                    <Input type="time" aria-label={t("venues.form.toN", { n: i + 1 })} style={{ width: 120 }} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t("venues.form.removeWindow", { n: i + 1 })}
                    onClick={() => remove(row.name)}
                  />
                </Flex>
              ))}
              <Flex wrap gap={8}>
                <Button icon={<PlusOutlined />} onClick={() => add({ weekday: 1, from: "09:00", to: "17:00" })}>
                  {t("venues.form.addWindow")}
                </Button>
                <Button
                  onClick={() => {
                    for (const d of [1, 2, 3, 4, 5]) add({ weekday: d, from: "08:30", to: "17:30" });
                  }}
                >
                  {t("venues.form.workdays")}
                </Button>
              </Flex>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label={f("blackoutDates")} htmlFor="blackoutDates">
        <BlackoutDates value={blackouts} onChange={setBlackouts} />
      </Form.Item>
      <Form.Item name="photos" label={f("photoIds")}>
        <PhotoInput />
      </Form.Item>
      {v ? (
        <Form.Item name="status" label={f("status")}>
          <Radio.Group>
            {venueStatuses.map((s) => (
              <Radio key={s} value={s}>
                {t(`venues.status.${s}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      ) : null}
      <Flex gap={8}>
        <Button
          type="primary"
          htmlType="submit"
          loading={create.isPending || update.isPending}
          data-testid="venue-save"
        >
          {t("common.save")}
        </Button>
        <Button onClick={() => navigate(-1)}>{t("common.cancel")}</Button>
      </Flex>
    </Form>
  );
}

/** An owner opens a venue (new) or changes its opening, hours, blackout dates and approval (edit). */
export default function VenueFormPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const editing = Number.isInteger(id) && id > 0;
  const venue = useQuery({ ...venuesQueries.detail(id), enabled: editing });
  if (editing && venue.isPending) return <PageLoading />;
  if (editing && venue.isError) return <PageError error={venue.error} onRetry={() => void venue.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {editing ? t("venues.form.editTitle", { name: venue.data?.name ?? "" }) : t("venues.new")}
      </Typography.Title>
      <Card size="small">
        <VenueForm venue={editing ? venue.data : undefined} />
      </Card>
    </Flex>
  );
}
