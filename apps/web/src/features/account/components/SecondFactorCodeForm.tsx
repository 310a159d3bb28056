import { type SecondFactorBody, secondFactorBody } from "@huzhu/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { isApiError, setCsrfToken } from "../../../lib/api/client.ts";
import { showApiError } from "../../../lib/form-errors.ts";
import { setIssuesOnForm, zodRule } from "../../../lib/zod-rules.ts";
import { useVerifySecondFactor } from "../api/verify-second-factor.ts";
import { TotpCodeInput, totpCodeRule } from "./TotpCodeInput.tsx";

type Mode = "totp" | "recovery";

/**
 * The sign-in's second step: the authenticator's 6-digit code, or (link-button) a recovery code
 * when the phone is not at hand. Too many wrong codes end the session: back to the login page
 * with the server's message.
 */
export function SecondFactorCodeForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SecondFactorBody>();
  const [mode, setMode] = useState<Mode>("totp");
  const verify = useVerifySecondFactor();

  const switchMode = () => {
    setMode(mode === "totp" ? "recovery" : "totp");
    form.resetFields();
  };

  const onFinish = (values: SecondFactorBody) => {
    const parsed = secondFactorBody.safeParse(values);
    if (!parsed.success) return setIssuesOnForm(form, parsed.error.issues, t);
    verify.mutate(parsed.data, {
      onError: (error) => {
        if (isApiError(error) && error.status === 401) {
          navigate("/login", { replace: true });
          setCsrfToken(null);
          queryClient.clear();
          void message.error(error.message);
          return;
        }
        showApiError(error, message, { instance: form, fields: ["code"] });
      },
    });
  };

  return (
    <Flex vertical gap={8}>
      <Typography.Paragraph style={{ margin: 0 }}>
        {mode === "totp" ? t("gate.secondFactor.intro") : t("gate.secondFactor.recoveryIntro")}
      </Typography.Paragraph>
      <Form<SecondFactorBody>
        key={mode}
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        disabled={verify.isPending}
        data-testid="second-factor-form"
        data-mode={mode}
      >
        {mode === "totp" ? (
          <Form.Item name="code" label={t("security.fields.code")} rules={[totpCodeRule(t)]}>
            <TotpCodeInput autoFocus size="large" />
          </Form.Item>
        ) : (
          <Form.Item
            name="code"
            label={t("security.fields.recoveryCode")}
            rules={[zodRule(secondFactorBody.shape.code, t)]}
          >
            <Input
              autoFocus
              size="large"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={20}
              style={{ maxWidth: 240, fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" }}
            />
          </Form.Item>
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={verify.isPending}
          data-testid="second-factor-submit"
        >
          {t("gate.secondFactor.submit")}
        </Button>
      </Form>
      <Button
        type="link"
        onClick={switchMode}
        style={{ alignSelf: "start", paddingInline: 0 }}
        data-testid="second-factor-switch"
      >
        {mode === "totp" ? t("gate.secondFactor.useRecovery") : t("gate.secondFactor.useTotp")}
      </Button>
    </Flex>
  );
}
