import type { User } from "@huzhu/contracts";
import { Card, Empty, Flex, Spin, Table, type TableColumnsType, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CardsPagination, tablePagination } from "../../../components/ListPagination.tsx";
import type { UserPage } from "../api/queries.ts";
import { SecurityTags, UserStatusTag } from "./UserBadges.tsx";

/**
 * The account list shared by the system administrator's and the security administrator's pages:
 * each page says how roles are shown and which actions a row has.
 */
export interface UserListProps {
  data: UserPage | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  /** The signed-in account, marked "you" (some actions do not apply to oneself). */
  selfId: number | undefined;
  roles: (user: User) => ReactNode;
  actions: (user: User) => ReactNode;
  /** Width of the actions column on a desktop. */
  actionsWidth: number;
}

const mono = { fontFamily: "monospace", wordBreak: "break-all" } as const;

function Username(props: { user: User; selfId: number | undefined }) {
  const { t } = useTranslation();
  return (
    <Flex wrap align="center" gap={4}>
      <span style={mono} data-testid="user-username">
        {props.user.username}
      </span>
      {props.user.id === props.selfId ? (
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t("account.you")}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** A table with server-side paging (desktop and tablet). */
export function UserTable(props: UserListProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<User> = [
    {
      key: "username",
      title: t("account.fields.username"),
      width: 170,
      render: (_, u) => <Username user={u} selfId={props.selfId} />,
    },
    {
      key: "displayName",
      title: t("account.fields.displayName"),
      dataIndex: "displayName",
      width: 180,
      ellipsis: true,
      render: (name: string) => <span data-testid="user-display-name">{name}</span>,
    },
    { key: "roles", title: t("account.fields.roles"), render: (_, u) => props.roles(u) },
    {
      key: "status",
      title: t("account.fields.status"),
      width: 130,
      render: (_, u) => (
        <Flex vertical align="start" gap={4}>
          <UserStatusTag user={u} />
          <SecurityTags user={u} />
        </Flex>
      ),
    },
    { key: "actions", title: t("common.actions"), width: props.actionsWidth, render: (_, u) => props.actions(u) },
  ];

  return (
    <Table<User>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={props.data?.items}
      loading={props.loading}
      tableLayout="fixed"
      pagination={tablePagination({ ...props, total: props.data?.total }, t)}
      data-testid="user-table"
    />
  );
}

/** On a phone: one card per account with its roles and actions; paging below. */
export function UserCards(props: UserListProps) {
  const items = props.data?.items ?? [];
  return (
    <Spin spinning={props.loading}>
      <Flex vertical gap={8} data-testid="user-cards">
        {items.length === 0 && !props.loading ? <Empty /> : null}
        {items.map((u) => (
          <Card
            key={u.id}
            size="small"
            data-testid="user-card"
            data-username={u.username}
            styles={{ body: { padding: 12 } }}
          >
            <Flex vertical gap={8}>
              <Flex justify="space-between" align="start" gap={8}>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text strong style={{ fontSize: 16 }} data-testid="user-display-name">
                    {u.displayName}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    <Username user={u} selfId={props.selfId} />
                  </Typography.Text>
                </Flex>
                <UserStatusTag user={u} />
              </Flex>
              <SecurityTags user={u} />
              {props.roles(u)}
              {props.actions(u)}
            </Flex>
          </Card>
        ))}
        <CardsPagination {...props} total={props.data?.total} />
      </Flex>
    </Spin>
  );
}
