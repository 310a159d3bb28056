import { type CreateBookingResponse, createBookingBody, type Venue } from "@huzhu/contracts";
import { Alert, App, Button, Form, Input, InputNumber } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { OwnOrgSelect, useOwnOrgs } from "../../../components/OwnOrgSelect.tsx";
import { isApiError } from "../../../lib/api/client.ts";
import { chinaIso, chinaToday } from "../../../lib/china-time.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import { useCreateBooking } from "../api/create-booking.ts";

interface Values {
  orgId: number | null;
  date: string;
  start: string;
  end: string;
  purpose: string;
  attendees: number | null;
}

/** Fields an API error may name that this form shows; the rest (venueId, a clash) go above the button. */
const FORM_FIELDS = ["orgId", "start", "end", "purpose", "attendees"] as const;

/**
 * 预约: the booking organization (one the user acts for), a China-time date with start and end, the
 * purpose and the expected people. The server decides (confirmed at once, or waiting for the owner's
 * approval); a clash (409 booking.conflict) and a refusal naming a field are shown where they belong,
 * in the user's language as the server wrote them.
 */
export function BookingForm(props: {
  venue: Pick<Venue, "id" | "name" | "capacity" | "requiresApproval">;
  date?: string;
  onBooked?: (result: CreateBookingResponse) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgs = useOwnOrgs();
  const create = useCreateBooking();
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = (v: Values) => {
    setProblem(null);
    const body = {
      venueId: props.venue.id,
      orgId: v.orgId ?? 0,
      start: chinaIso(v.date, v.start),
      end: chinaIso(v.date, v.end),
      purpose: v.purpose?.trim() ?? "",
      ...(v.attendees ? { attendees: v.attendees } : {}),
    };
    const parsed = createBookingBody.safeParse(body);
    if (!parsed.success) {
      void message.error(t("validation.invalid"));
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: (result) => {
        void message.success(
          t(result.status === "confirmed" ? "venues.booking.confirmed" : "venues.booking.requested"),
        );
        form.resetFields(["purpose", "attendees"]);
        props.onBooked?.(result);
      },
      onError: (error) => {
        const text = error instanceof Error ? error.message : String(error);
        const field = isApiError(error) ? error.field : undefined;
        const onForm = FORM_FIELDS.find((f) => f === field);
        // A clash names the booking that holds the slot: it is about the whole request, not one field.
        if (onForm && !(isApiError(error) && error.code === "booking.conflict")) {
          form.setFields([{ name: onForm, errors: [text] }]);
        } else {
          setProblem(text);
        }
      },
    });
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      onFinish={onFinish}
      onValuesChange={() => setProblem(null)}
      initialValues={{
        orgId: orgs[0]?.id ?? null,
        date: props.date ?? chinaToday(),
        start: "09:00",
        end: "11:00",
        purpose: "",
        attendees: null,
      }}
      data-testid="booking-form"
    >
      <Form.Item
        name="orgId"
        label={t("venues.booking.fields.orgId")}
        required
        rules={[{ required: true, message: t("validation.required") }]}
      >
        <OwnOrgSelect options={orgs} />
      </Form.Item>
      <Form.Item
        name="date"
        label={t("venues.booking.fields.date")}
        required
        rules={[{ required: true, message: t("validation.required") }]}
        extra={t("venues.chinaTimeNote")}
      >
        <Input type="date" />
      </Form.Item>
      <div style={{ display: "flex", gap: 12 }}>
        <Form.Item
          name="start"
          label={t("venues.booking.fields.start")}
          required
          style={{ flex: 1 }}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Input type="time" />
        </Form.Item>
        <Form.Item
          name="end"
          label={t("venues.booking.fields.end")}
          required
          style={{ flex: 1 }}
          dependencies={["start"]}
          rules={[
            { required: true, message: t("validation.required") },
            ({ getFieldValue }) => ({
              validator: async (_r, value: string) => {
                const start: string | undefined = getFieldValue("start");
                if (value && start && value <= start) throw new Error(t("venues.booking.endBeforeStart"));
              },
            }),
          ]}
        >
          <Input type="time" />
        </Form.Item>
      </div>
      <Form.Item
        name="purpose"
        label={t("venues.booking.fields.purpose")}
        required
        rules={[zodRule(createBookingBody.shape.purpose, t)]}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item
        name="attendees"
        label={t("venues.booking.fields.attendees")}
        extra={props.venue.capacity ? t("venues.capacityOf", { count: props.venue.capacity }) : undefined}
      >
        <InputNumber min={1} max={100_000} precision={0} style={{ width: "100%" }} />
      </Form.Item>
      {problem ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem}
          style={{ marginBottom: 16 }}
          data-testid="booking-error"
        />
      ) : null}
      <Button type="primary" htmlType="submit" block loading={create.isPending} data-testid="booking-submit">
        {t(props.venue.requiresApproval ? "venues.booking.submitRequest" : "venues.booking.submit")}
      </Button>
    </Form>
  );
}
