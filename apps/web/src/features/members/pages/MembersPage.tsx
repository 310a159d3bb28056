import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import type { Member } from "@huzhu/contracts";
import { App, Button, Card, Flex } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { JobProgressModal } from "../../../components/JobProgressModal.tsx";
import { ListTitle } from "../../../components/ListTitle.tsx";
import { PageError } from "../../../components/PageStates.tsx";
import { can } from "../../../lib/auth/abilities.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { useIsPhone } from "../../../lib/use-screen.ts";
import { useStartMemberExport } from "../api/export-members.ts";
import { useMembers } from "../api/list-members.ts";
import { MemberDrawer } from "../components/MemberDrawer.tsx";
import { MemberFilters } from "../components/MemberFilters.tsx";
import { MemberFormModal } from "../components/MemberFormModal.tsx";
import { MemberCards, MemberTable } from "../components/MemberTable.tsx";
import { useMemberFilters } from "../components/use-member-filters.ts";

type Editing = { type: "create" } | { type: "edit"; member: Member } | null;

/** The member roster of the user's jurisdiction: search, filters, server-side paging, detail and reveal. */
export default function MembersPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const { data: me } = useMe();
  const { filters, setFilters, memberId, openMember, reset } = useMemberFilters();
  const list = useMembers(filters);
  const [editing, setEditing] = useState<Editing>(null);
  const { message } = App.useApp();
  const exporting = useStartMemberExport();
  const [exportJob, setExportJob] = useState<string | null>(null);

  /** Exports what the filters show (every page, not only this one) as a background job; audited. */
  const exportRoster = () => {
    const { page: _page, pageSize: _pageSize, ...current } = filters;
    exporting.mutate(current, {
      onSuccess: ({ jobId }) => setExportJob(jobId),
      onError: (error) => void message.error(error.message),
    });
  };

  const listProps = {
    data: list.data,
    loading: list.isFetching,
    page: filters.page,
    pageSize: filters.pageSize,
    onPage: (page: number, pageSize: number) => setFilters({ page, pageSize }),
    onOpen: (m: Member) => openMember(m.id),
    onEdit: (m: Member) => setEditing({ type: "edit", member: m }),
  };

  return (
    <Card
      title={<ListTitle title={t("nav.members")} total={list.data?.total} testId="member-total" />}
      extra={
        <Flex gap={8}>
          {can(me, "member.export") ? (
            <Button
              icon={<DownloadOutlined />}
              loading={exporting.isPending}
              onClick={exportRoster}
              title={t("member.exportHint")}
              aria-label={t("member.export")}
              data-testid="member-export"
            >
              {phone ? null : t("member.export")}
            </Button>
          ) : null}
          {can(me, "member.write") ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ type: "create" })}>
              {phone ? null : t("member.create")}
            </Button>
          ) : null}
        </Flex>
      }
      styles={{ body: { padding: phone ? 8 : 16 } }}
    >
      {exportJob ? (
        <JobProgressModal
          jobId={exportJob}
          title={t("member.exportTitle")}
          fallbackFileName="member-roster.xlsx"
          onDownloaded={() => void message.success(t("member.exported"))}
          onClose={() => setExportJob(null)}
        />
      ) : null}
      <Flex vertical gap={12}>
        <MemberFilters filters={filters} onChange={setFilters} onReset={reset} phone={phone} />
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : phone ? (
          <MemberCards {...listProps} />
        ) : (
          <MemberTable {...listProps} />
        )}
      </Flex>
      <MemberDrawer
        id={memberId}
        phone={phone}
        onClose={() => openMember(undefined)}
        onEdit={(member) => setEditing({ type: "edit", member })}
      />
      {editing ? (
        <MemberFormModal
          member={editing.type === "edit" ? editing.member : undefined}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            openMember(saved.id);
          }}
        />
      ) : null}
    </Card>
  );
}
