import { MenuOutlined } from "@ant-design/icons";
import { Button, Drawer, Flex, Layout, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { LanguageSwitch } from "../../components/LanguageSwitch.tsx";
import { PageError, PageLoading } from "../../components/PageStates.tsx";
import { NotificationBell } from "../../features/notifications/components/NotificationBell.tsx";
import { isApiError } from "../../lib/api/client.ts";
import { useMe } from "../../lib/auth/me.ts";
import { useIsNarrow, useIsPhone } from "../../lib/use-screen.ts";
import { NavMenu } from "./NavMenu.tsx";
import { roleSummary, UserMenu } from "./UserMenu.tsx";

// Most sessions never see a gate: its code (QR enrolment, recovery codes) loads only when needed.
const SessionGatePage = lazy(() => import("../../features/account/pages/SessionGatePage.tsx"));

function Brand(props: { short: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" style={{ display: "flex", alignItems: "center", gap: 10, minWidth: 0 }}>
      <span
        aria-hidden
        style={{
          flex: "none",
          width: 30,
          height: 30,
          borderRadius: 8,
          background: "#c41d1d",
          color: "#fff",
          display: "grid",
          placeItems: "center",
          lineHeight: 1,
          fontWeight: 700,
        }}
      >
        互
      </span>
      <Typography.Text strong ellipsis style={{ fontSize: 16 }}>
        {props.short ? t("app.name") : t("app.title")}
      </Typography.Text>
    </Link>
  );
}

/** The signed-in shell: header, menu (a drawer on phones) and the current page. */
export default function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const narrow = useIsNarrow();
  const phone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);

  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = location.pathname === "/" ? "" : `?next=${encodeURIComponent(location.pathname + location.search)}`;
      return <Navigate to={`/login${next}`} replace />;
    }
    return <PageError error={me.error} onRetry={() => void me.refetch()} />;
  }
  // A second factor, a one-time password or a required enrolment comes before any menu or page;
  // the API refuses everything else meanwhile (403 auth.gate.*).
  if (me.data.gates.length > 0) {
    return (
      <Suspense fallback={<PageLoading />}>
        <SessionGatePage me={me.data} />
      </Suspense>
    );
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{
          position: "sticky",
          top: 0,
          zIndex: 10,
          display: "flex",
          alignItems: "center",
          gap: 8,
          borderBottom: "1px solid #f0f0f0",
        }}
      >
        {narrow ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t("nav.menu")}
            onClick={() => setDrawerOpen(true)}
            data-testid="menu-button"
          />
        ) : null}
        <Brand short={phone} />
        <Flex align="center" gap={4} style={{ marginInlineStart: "auto", flex: "none" }}>
          <NotificationBell compact={phone} />
          <LanguageSwitch compact={phone} />
          <UserMenu me={me.data} compact={phone} />
        </Flex>
      </Layout.Header>
      <Layout hasSider={!narrow}>
        {narrow ? (
          <Drawer
            placement="left"
            size={260}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t("app.subtitle")}
            styles={{ body: { padding: 0 } }}
            footer={
              <Flex vertical>
                <Typography.Text strong>{me.data.user.displayName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {roleSummary(me.data, t)}
                </Typography.Text>
              </Flex>
            }
          >
            <NavMenu me={me.data} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : (
          <Layout.Sider width={208} style={{ borderInlineEnd: "1px solid #f0f0f0" }}>
            <NavMenu me={me.data} />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: phone ? 8 : 16, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
