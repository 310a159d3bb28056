import { BellOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button, Drawer } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { notificationQueries } from "../api/queries.ts";
import { useNotificationStream } from "../api/use-notification-stream.ts";
import { NotificationList } from "./NotificationList.tsx";

/**
 * The search parameter that opens the notification drawer: any page (the home page's to-dos) can
 * link to it, and the back button closes the drawer, as phone users expect.
 */
export const NOTIFICATIONS_PARAM = "notifications";

/** The header's bell: the unread count, live, and the drawer with one's notifications. */
export function NotificationBell(props: { compact: boolean }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const open = params.has(NOTIFICATIONS_PARAM);
  const list = useQuery(notificationQueries.list());
  useNotificationStream(true);
  const unread = list.data?.unread ?? 0;

  const setOpen = (next: boolean) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        if (next) out.set(NOTIFICATIONS_PARAM, "");
        else out.delete(NOTIFICATIONS_PARAM);
        return out;
      },
      // Opening is a step the back button undoes; closing replaces it rather than adding another.
      { replace: !next },
    );

  return (
    <>
      <Button
        type="text"
        onClick={() => setOpen(true)}
        aria-label={unread > 0 ? t("notifications.bell", { count: unread }) : t("notifications.bellNone")}
        aria-haspopup="dialog"
        data-testid="notification-bell"
        data-unread={unread}
        style={{ height: 40, minWidth: 40, paddingInline: 8 }}
      >
        {/* The count is in the button's label; the badge shows it to the eye. */}
        <Badge count={unread} overflowCount={99} size="small" aria-hidden>
          <BellOutlined style={{ fontSize: 20 }} />
        </Badge>
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t("notifications.title")}
        placement="right"
        size={props.compact ? "100%" : 400}
        destroyOnHidden
        closable={{ "aria-label": t("common.close") }}
        data-testid="notification-drawer"
      >
        <NotificationList />
      </Drawer>
    </>
  );
}
