import { type TotpCodeBody, totpCodeBody } from "@huzhu/contracts";
import { App, Button, Flex, Form, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm } from "../../../lib/zod-rules.ts";
import { useConfirmSecondFactor } from "../api/confirm-second-factor.ts";
import { useStartSecondFactorSetup } from "../api/start-second-factor-setup.ts";
import { TotpCodeInput, totpCodeRule } from "./TotpCodeInput.tsx";

const mono = { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" } as const;

/** "JBSW Y3DP EHPK 3PXP": groups of four are easier to type into an authenticator by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

function Step(props: { n: number; text: string }) {
  return (
    <Typography.Paragraph style={{ marginBottom: 8 }}>
      <Typography.Text strong>{props.n}. </Typography.Text>
      {props.text}
    </Typography.Paragraph>
  );
}

/**
 * Enrolment in two-factor sign-in: start (a new secret), scan the QR code or type the secret,
 * confirm with a first code; the recovery codes that come back go to `onEnrolled`.
 */
export function EnrolSecondFactor(props: { username: string; onEnrolled: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TotpCodeBody>();
  const setup = useStartSecondFactorSetup();
  const confirm = useConfirmSecondFactor();

  if (!setup.data) {
    return (
      <Flex vertical gap={12} align="start">
        <Typography.Paragraph style={{ margin: 0 }}>{t("security.enrol.step1")}</Typography.Paragraph>
        <Button
          type="primary"
          loading={setup.isPending}
          onClick={() => setup.mutate(undefined, { onError: (error) => showApiError(error, message) })}
          data-testid="enrol-start"
        >
          {t("security.enrol.start")}
        </Button>
      </Flex>
    );
  }

  const { secret, qrCode } = setup.data;
  const onFinish = (values: TotpCodeBody) => {
    const parsed = totpCodeBody.safeParse(values);
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    confirm.mutate(parsed.data, {
      onSuccess: (answer) => props.onEnrolled(answer.recoveryCodes),
      onError: (error) => showApiError(error, message, { instance: form, fields: ["code"] }),
    });
  };

  return (
    <Flex vertical gap={4} data-testid="enrol-setup">
      <Step n={1} text={t("security.enrol.step1")} />
      <Step n={2} text={t("security.enrol.step2")} />
      <Flex wrap gap={16} align="center" style={{ marginBottom: 12 }}>
        <img
          src={qrCode}
          alt={t("security.enrol.qrAlt", { username: props.username })}
          width={184}
          height={184}
          style={{ border: "1px solid #d9d9d9", borderRadius: 6, background: "#fff", flex: "none" }}
          data-testid="enrol-qr"
        />
        <Flex vertical gap={4} style={{ minWidth: 0, flex: "1 1 200px" }}>
          <Typography.Text strong id="totp-secret-label">
            {t("security.enrol.secret")}
          </Typography.Text>
          <Typography.Text
            copyable={{ text: secret, tooltips: [t("security.enrol.copySecret"), t("security.enrol.secretCopied")] }}
            style={{ ...mono, fontSize: 16, wordBreak: "break-all" }}
            aria-labelledby="totp-secret-label"
            data-testid="totp-secret"
            data-secret={secret}
          >
            {grouped(secret)}
          </Typography.Text>
          <Typography.Text type="secondary">{t("security.enrol.secretHelp")}</Typography.Text>
        </Flex>
      </Flex>
      <Step n={3} text={t("security.enrol.step3")} />
      <Form<TotpCodeBody>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        disabled={confirm.isPending}
        data-testid="enrol-confirm-form"
      >
        <Form.Item name="code" label={t("security.fields.code")} rules={[totpCodeRule(t)]}>
          <TotpCodeInput />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="enrol-confirm">
          {t("security.enrol.confirm")}
        </Button>
      </Form>
    </Flex>
  );
}
