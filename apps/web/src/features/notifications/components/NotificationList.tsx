import type { Notification } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Flex, Spin, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { notificationQueries, useMarkAllNotificationsRead, useMarkNotificationRead } from "../api/queries.ts";
import { formatNotificationTime, notificationTarget } from "./links.ts";

function NotificationItem(props: { item: Notification }) {
  const { t, i18n } = useTranslation();
  const markRead = useMarkNotificationRead();
  const { item } = props;
  const target = notificationTarget(item.link);
  // Bold while unread; a link keeps its own colour so it reads as one.
  const titleStyle = { fontSize: 15, fontWeight: item.read ? 400 : 600 } as const;
  const title = target ? (
    <span style={titleStyle}>{item.title}</span>
  ) : (
    <Typography.Text style={titleStyle}>{item.title}</Typography.Text>
  );
  return (
    <li
      data-testid="notification-item"
      data-read={item.read}
      style={{
        listStyle: "none",
        padding: "12px 4px",
        borderBottom: "1px solid #f0f0f0",
        // Unread ones are marked by the tag and bold title; the bar only adds to them.
        borderInlineStart: item.read ? "3px solid transparent" : "3px solid #c41d1d",
        paddingInlineStart: 10,
      }}
    >
      <Flex vertical gap={6}>
        {target ? (
          // The target has no drawer parameter, so the drawer closes by going there; replacing the
          // history entry makes the back button return to the page the drawer was opened on.
          <Link
            to={target}
            replace
            onClick={() => {
              if (!item.read) markRead.mutate(item.id);
            }}
          >
            {title}
          </Link>
        ) : (
          title
        )}
        <Flex wrap align="center" gap={8}>
          {item.read ? null : <Tag color="red">{t("notifications.unread")}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            <time dateTime={item.createdAt}>{formatNotificationTime(item.createdAt, i18n.language)}</time>
          </Typography.Text>
          {item.read ? null : (
            <Button
              size="small"
              onClick={() => markRead.mutate(item.id)}
              loading={markRead.isPending}
              aria-label={t("notifications.markReadOf", { title: item.title })}
              data-testid="notification-mark-read"
              style={{ marginInlineStart: "auto" }}
            >
              {t("notifications.markRead")}
            </Button>
          )}
        </Flex>
      </Flex>
    </li>
  );
}

/** One's newest notifications, with mark-one-read and mark-all-read. */
export function NotificationList() {
  const { t } = useTranslation();
  const query = useQuery(notificationQueries.list());
  const markAll = useMarkAllNotificationsRead();
  if (query.isPending) {
    return (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    );
  }
  if (query.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={query.error.message}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t("common.retry")}
          </Button>
        }
      />
    );
  }
  const { items, total, unread } = query.data;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.empty")} />;
  return (
    <Flex vertical gap={8}>
      <Flex wrap align="center" justify="space-between" gap={8}>
        <Typography.Text aria-live="polite" data-testid="notification-unread">
          {unread > 0 ? t("notifications.unreadCount", { count: unread }) : t("notifications.allRead")}
        </Typography.Text>
        <Button
          onClick={() => markAll.mutate()}
          disabled={unread === 0}
          loading={markAll.isPending}
          data-testid="notification-mark-all"
        >
          {t("notifications.markAllRead")}
        </Button>
      </Flex>
      <ul style={{ margin: 0, padding: 0 }} aria-label={t("notifications.title")} data-testid="notification-list">
        {items.map((item) => (
          <NotificationItem key={item.id} item={item} />
        ))}
      </ul>
      {total > items.length ? (
        <Typography.Text type="secondary">
          {t("notifications.showingNewest", { count: items.length, total })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
