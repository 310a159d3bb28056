import { EditOutlined } from "@ant-design/icons";
import type { Member } from "@huzhu/contracts";
import { Button, Drawer } from "antd";
import { useTranslation } from "react-i18next";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { useMember } from "../api/get-member.ts";
import { MemberDetails } from "./MemberDetails.tsx";

/** A member's record beside the roster (full screen on a phone). */
export function MemberDrawer(props: {
  id: number | undefined;
  phone: boolean;
  onClose: () => void;
  onEdit: (member: Member) => void;
}) {
  const { t } = useTranslation();
  const query = useMember(props.id);
  const member = query.data;
  return (
    <Drawer
      open={props.id !== undefined}
      onClose={props.onClose}
      title={member ? `${t("member.detail")} · ${member.name}` : t("member.detail")}
      size={props.phone ? "100%" : 520}
      destroyOnHidden
      extra={
        member?.abilities.update ? (
          <Button icon={<EditOutlined />} onClick={() => props.onEdit(member)}>
            {t("common.edit")}
          </Button>
        ) : null
      }
      data-testid="member-drawer"
    >
      {query.isPending && props.id !== undefined ? <PageLoading /> : null}
      {query.isError ? <PageError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {/* Keyed by id so a revealed value never carries over to another member. */}
      {member ? <MemberDetails key={member.id} member={member} /> : null}
    </Drawer>
  );
}
