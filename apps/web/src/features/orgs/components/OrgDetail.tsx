import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, TeamOutlined } from "@ant-design/icons";
import type { Org } from "@huzhu/contracts";
import { Breadcrumb, Button, Card, Descriptions, type DescriptionsProps, Flex, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { useOrg } from "../api/read-orgs.ts";
import { DissolveOrgModal } from "./DissolveOrgModal.tsx";
import { MoveOrgModal } from "./MoveOrgModal.tsx";
import { OrgFormModal } from "./OrgFormModal.tsx";

export type OrgChange = "created" | "updated" | "moved" | "dissolved";
type Dialog = "edit" | "create" | "move" | "dissolve" | null;

/** One organization: where it sits, what it is, its members, and what the user may do with it. */
export function OrgDetail(props: {
  id: number;
  /** Roots of the user's jurisdiction: breadcrumb entries above them are not clickable. */
  rootIds: ReadonlySet<number>;
  onSelect: (id: number) => void;
  onChanged: (change: OrgChange, org: Org, before: Org) => void;
  bordered?: boolean;
}) {
  const { t } = useTranslation();
  const query = useOrg(props.id);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (query.isPending) return <PageLoading />;
  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  const org = query.data;
  const { abilities } = org;

  const chain = [...org.ancestors, { id: org.id, name: org.name }];
  const firstInScope = chain.findIndex((a) => props.rootIds.has(a.id));
  const breadcrumb = chain.map((a, i) => ({
    key: a.id,
    title:
      i < chain.length - 1 && firstInScope >= 0 && i >= firstInScope ? (
        <Typography.Link onClick={() => props.onSelect(a.id)}>{a.name}</Typography.Link>
      ) : (
        a.name
      ),
  }));

  const items: DescriptionsProps["items"] = [
    { key: "kind", label: t("org.fields.kind"), children: t(`org.kind.${org.kind}`) },
    { key: "category", label: t("org.fields.category"), children: t(`org.category.${org.category}`) },
    { key: "area", label: t("org.fields.area"), children: t(`org.area.${org.area}`) },
    {
      key: "division",
      label: t("org.fields.divisionCode"),
      children: org.divisionCode ? (
        <span>
          <Typography.Text code copyable>
            {org.divisionCode}
          </Typography.Text>
          {org.divisionName ? ` ${org.divisionName}` : ""}
        </span>
      ) : (
        t("common.none")
      ),
    },
    { key: "secretary", label: t("org.fields.secretaryName"), children: org.secretaryName ?? t("common.none") },
    {
      key: "members",
      label: t("org.fields.memberCount"),
      children: <span data-testid="org-member-count">{org.memberCount}</span>,
    },
    { key: "children", label: t("org.fields.childCount"), children: org.childCount },
    {
      key: "status",
      label: t("org.fields.status"),
      children: (
        <span>
          <Tag color={org.status === "active" ? "green" : "default"}>{t(`org.status.${org.status}`)}</Tag>
          {org.dissolvedAt ? dayjs(org.dissolvedAt).format("YYYY-MM-DD") : null}
        </span>
      ),
    },
  ];
  if (org.units.length > 0) {
    items.push({
      key: "units",
      label: t("org.fields.units"),
      span: "filled",
      children: org.units.join(t("common.listSeparator")),
    });
  }

  const active = org.status === "active";
  const close = () => setDialog(null);
  const done = (change: OrgChange) => (changed: Org) => {
    setDialog(null);
    props.onChanged(change, changed, org);
  };

  return (
    <Card variant={props.bordered === false ? "borderless" : "outlined"} data-testid="org-detail">
      <Breadcrumb items={breadcrumb} style={{ marginBottom: 8 }} />
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-detail-name">
          {org.name}
        </Typography.Title>
        <Link to={`/members?orgId=${org.id}`}>
          <Button type="primary" icon={<TeamOutlined />} data-testid="org-view-members">
            {t("org.viewMembers")}
          </Button>
        </Link>
      </Flex>
      <Descriptions items={items} column={{ xs: 1, sm: 2, xl: 2 }} size="small" bordered />
      {active && (abilities.update || abilities.createChild || abilities.move || abilities.dissolve) ? (
        <Flex wrap gap={8} style={{ marginTop: 16 }}>
          {abilities.update ? (
            <Button icon={<EditOutlined />} onClick={() => setDialog("edit")}>
              {t("org.edit")}
            </Button>
          ) : null}
          {abilities.createChild ? (
            <Button icon={<PlusOutlined />} onClick={() => setDialog("create")}>
              {t("org.createChild")}
            </Button>
          ) : null}
          {abilities.move ? (
            <Button icon={<DragOutlined />} onClick={() => setDialog("move")}>
              {t("org.move")}
            </Button>
          ) : null}
          {abilities.dissolve ? (
            <Button danger icon={<DeleteOutlined />} onClick={() => setDialog("dissolve")}>
              {t("org.dissolve")}
            </Button>
          ) : null}
        </Flex>
      ) : null}
      {dialog === "edit" ? (
        <OrgFormModal mode={{ type: "edit", org }} onClose={close} onSaved={done("updated")} />
      ) : null}
      {dialog === "create" ? (
        <OrgFormModal mode={{ type: "create", parent: org }} onClose={close} onSaved={done("created")} />
      ) : null}
      {dialog === "move" ? <MoveOrgModal org={org} onClose={close} onMoved={done("moved")} /> : null}
      {dialog === "dissolve" ? <DissolveOrgModal org={org} onClose={close} onDissolved={done("dissolved")} /> : null}
    </Card>
  );
}
