import { LogoutOutlined } from "@ant-design/icons";
import type { Me } from "@huzhu/contracts";
import { App, Button, Card, Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { LanguageSwitch } from "../../../components/LanguageSwitch.tsx";
import { useLogout } from "../../../lib/auth/logout.ts";
import { useIsPhone } from "../../../lib/use-screen.ts";

/**
 * The focused page of a sign-in step (code, new password, enrolment): the login page's look, no
 * menu, the language switch, who is signing in, and always a way out.
 */
export function GateLayout(props: { me: Me; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();
  const phone = useIsPhone();

  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        navigate("/login", { replace: true });
        void message.success(t("auth.loggedOut"));
      },
    });

  return (
    <Flex vertical align="center" style={{ minHeight: "100vh", background: "#f5f5f5" }} data-testid="gate">
      {/* A solid band rather than a gradient: the white text on it keeps a measurable 5.9:1. */}
      <Flex
        vertical
        align="center"
        style={{ width: "100%", boxSizing: "border-box", background: "#c41d1d", padding: "12px 12px 64px" }}
      >
        <Flex justify="space-between" align="center" gap={8} style={{ width: "100%", maxWidth: 560 }}>
          <Typography.Text strong style={{ color: "#fff", fontSize: 18 }}>
            {t("app.name")}
          </Typography.Text>
          <Flex gap={4} style={{ background: "#fff", borderRadius: 6 }}>
            <LanguageSwitch compact={phone} />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={signOut}
              data-testid="gate-logout"
            >
              {t("auth.logout")}
            </Button>
          </Flex>
        </Flex>
        <Typography.Text style={{ color: "#fff", marginTop: 20, fontSize: 15, textAlign: "center" }}>
          {t("gate.signedInAs", { name: props.me.user.displayName, username: props.me.user.username })}
        </Typography.Text>
      </Flex>
      <main style={{ width: "100%", boxSizing: "border-box", maxWidth: 584, padding: "0 12px 24px", marginTop: -44 }}>
        <Card
          title={
            <Typography.Title level={1} style={{ fontSize: 18, margin: 0 }} data-testid="gate-title">
              {props.title}
            </Typography.Title>
          }
          styles={{ body: { paddingBlock: 20 } }}
        >
          {props.children}
        </Card>
      </main>
    </Flex>
  );
}
