import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  ClusterOutlined,
  FileSearchOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  LinkOutlined,
  ProfileOutlined,
  ReadOutlined,
  RetweetOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SmileOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import type { Me } from "@huzhu/contracts";
import { Menu } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { type NavKey, navKeys, navPaths } from "../../lib/auth/abilities.ts";

const icons: Record<NavKey, ReactNode> = {
  orgs: <ApartmentOutlined />,
  members: <TeamOutlined />,
  hall: <FileSearchOutlined />,
  needs: <ProfileOutlined />,
  projects: <BankOutlined />,
  resources: <GiftOutlined />,
  venues: <ShopOutlined />,
  bookings: <CalendarOutlined />,
  courses: <ReadOutlined />,
  usage: <BarChartOutlined />,
  accounts: <UserOutlined />,
  roles: <SafetyCertificateOutlined />,
  alerts: <AlertOutlined />,
  audit: <AuditOutlined />,
  me: <IdcardOutlined />,
  study: <BookOutlined />,
  rounds: <ClusterOutlined />,
  pairings: <LinkOutlined />,
  imports: <ImportOutlined />,
  transfers: <SwapOutlined />,
  mobile: <UserSwitchOutlined />,
  registrations: <HomeOutlined />,
  hardship: <HeartOutlined />,
  volunteers: <SmileOutlined />,
  secondments: <RetweetOutlined />,
};

/** The menu shows only what the user's permissions allow. */
export function NavMenu(props: { me: Me; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const keys = navKeys(props.me);
  const selected = pathname === "/" ? "home" : keys.find((key) => pathname.startsWith(navPaths[key]));
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: "none" }}
      items={[
        // Everyone's 工作台 comes first. Its test id is not "nav-…": those name the entries a
        // user's permissions open, which tests list per role.
        { key: "home", icon: <HomeOutlined />, label: t("nav.home"), "data-testid": "menu-home" },
        ...keys.map((key) => ({
          key,
          icon: icons[key],
          label: t(`nav.${key}`),
          "data-testid": `nav-${key}`,
        })),
      ]}
      onClick={({ key }) => {
        const nav = keys.find((k) => k === key);
        if (key === "home") navigate("/");
        else if (nav) navigate(navPaths[nav]);
        props.onNavigate?.();
      }}
    />
  );
}
