import type { Member } from "@huzhu/contracts";
import { Button, Card, Empty, Flex, Spin, Table, type TableColumnsType, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { CardsPagination, tablePagination } from "../../../components/ListPagination.tsx";
import type { MemberPage } from "../api/queries.ts";
import { StatusTag } from "./MemberDetails.tsx";

interface ListProps {
  data: MemberPage | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onOpen: (member: Member) => void;
  onEdit: (member: Member) => void;
}

const mono = { fontFamily: "monospace", whiteSpace: "nowrap" } as const;

/** The roster as a table with server-side paging; less important columns give way on narrower screens. */
export function MemberTable(props: ListProps) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Member> = [
    {
      key: "name",
      title: t("member.fields.name"),
      dataIndex: "name",
      width: 96,
      render: (name: string, m) => (
        // A real link (href): reachable with Tab, opened with Enter, and in a new tab if wanted.
        <Typography.Link
          href={`?member=${m.id}`}
          onClick={(event) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey) return;
            event.preventDefault();
            props.onOpen(m);
          }}
          data-testid="member-name"
        >
          {name}
        </Typography.Link>
      ),
    },
    { key: "gender", title: t("member.fields.gender"), width: 80, render: (_, m) => t(`member.gender.${m.gender}`) },
    {
      key: "age",
      title: t("member.fields.age"),
      width: 64,
      responsive: ["xl"],
      render: (_, m) => m.age,
    },
    {
      key: "idNumber",
      title: t("member.fields.idNumber"),
      dataIndex: "idNumberMasked",
      width: 180,
      render: (v: string) => <span style={mono}>{v}</span>,
    },
    {
      key: "phone",
      title: t("member.fields.phone"),
      dataIndex: "phoneMasked",
      width: 130,
      responsive: ["xl"],
      render: (v: string | null) => <span style={mono}>{v ?? t("common.none")}</span>,
    },
    {
      key: "education",
      title: t("member.fields.education"),
      width: 110,
      responsive: ["xxl"],
      render: (_, m) => t(`member.education.${m.education}`),
    },
    { key: "status", title: t("member.fields.status"), width: 100, render: (_, m) => <StatusTag status={m.status} /> },
    {
      key: "org",
      title: t("member.fields.primaryOrg"),
      ellipsis: true,
      render: (_, m) => <span data-testid="member-org">{m.primaryOrg.name}</span>,
    },
    { key: "joinDate", title: t("member.fields.joinDate"), dataIndex: "joinDate", width: 110, responsive: ["xxl"] },
    {
      key: "actions",
      title: t("common.actions"),
      width: 120,
      render: (_, m) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => props.onOpen(m)}>
            {t("common.view")}
          </Button>
          {m.abilities.update ? (
            <Button size="small" type="link" onClick={() => props.onEdit(m)}>
              {t("common.edit")}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Table<Member>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={props.data?.items}
      loading={props.loading}
      tableLayout="fixed"
      pagination={tablePagination({ ...props, total: props.data?.total }, t)}
      data-testid="member-table"
    />
  );
}

/** On a phone: one card per member, tapped to open; paging below. */
export function MemberCards(props: ListProps) {
  const { t } = useTranslation();
  const items = props.data?.items ?? [];
  return (
    <Spin spinning={props.loading}>
      <Flex vertical gap={8} data-testid="member-cards">
        {items.length === 0 && !props.loading ? <Empty /> : null}
        {items.map((m) => (
          <Card
            key={m.id}
            size="small"
            hoverable
            onClick={() => props.onOpen(m)}
            data-testid="member-card"
            styles={{ body: { padding: 12 } }}
          >
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="member-name">
                {m.name}
              </Typography.Text>
              <StatusTag status={m.status} />
            </Flex>
            <Typography.Text type="secondary" style={{ display: "block", fontSize: 13 }}>
              {t(`member.gender.${m.gender}`)} · {t("member.ageValue", { age: m.age })} ·{" "}
              {t(`member.education.${m.education}`)}
            </Typography.Text>
            <Typography.Text ellipsis style={{ display: "block", fontSize: 13 }} data-testid="member-org">
              {m.primaryOrg.name}
            </Typography.Text>
            <Flex wrap gap={12} style={{ fontSize: 13 }}>
              <span style={mono}>{m.idNumberMasked}</span>
              {m.phoneMasked ? <span style={mono}>{m.phoneMasked}</span> : null}
            </Flex>
          </Card>
        ))}
        <CardsPagination {...props} total={props.data?.total} />
      </Flex>
    </Spin>
  );
}
