import { LockOutlined, UserOutlined } from "@ant-design/icons";
import type { LoginBody } from "@huzhu/contracts";
import { Alert, Button, Card, Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { LanguageSwitch } from "../../../components/LanguageSwitch.tsx";
import { useLogin } from "../api/login.ts";

/** Only same-site paths are followed after sign-in, so a crafted link cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();

  const onFinish = (values: LoginBody) => {
    login.mutate(values, { onSuccess: () => navigate(safeNext(params.get("next")), { replace: true }) });
  };

  return (
    <Flex
      vertical
      align="center"
      style={{
        minHeight: "100vh",
        padding: "0 16px",
        background: "linear-gradient(180deg, #c41d1d 0, #c41d1d 220px, #f5f5f5 220px)",
      }}
    >
      <Flex justify="end" style={{ width: "100%", maxWidth: 400, paddingTop: 12 }}>
        <div style={{ background: "rgba(255,255,255,0.92)", borderRadius: 6 }}>
          <LanguageSwitch />
        </div>
      </Flex>
      <Flex vertical align="center" style={{ color: "#fff", margin: "16px 0 24px", textAlign: "center" }}>
        <Typography.Title level={2} style={{ color: "#fff", margin: 0 }}>
          {t("app.name")}
        </Typography.Title>
        <Typography.Text style={{ color: "rgba(255,255,255,0.9)", fontSize: 16 }}>{t("app.subtitle")}</Typography.Text>
      </Flex>
      <Card style={{ width: "100%", maxWidth: 400 }} title={t("auth.title")}>
        <Typography.Paragraph type="secondary">{t("auth.welcome")}</Typography.Paragraph>
        {login.isError ? (
          <Alert
            type="error"
            showIcon
            title={login.error.message}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        ) : null}
        <Form<LoginBody> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={login.isPending}>
          <Form.Item
            name="username"
            label={t("auth.username")}
            rules={[{ required: true, message: t("auth.usernameRequired") }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("auth.password")}
            rules={[{ required: true, message: t("auth.passwordRequired") }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t("auth.submit")}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12, textAlign: "center" }}>
        {t("auth.footer")}
      </Typography.Text>
    </Flex>
  );
}
