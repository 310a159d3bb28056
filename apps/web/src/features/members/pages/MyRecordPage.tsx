import { Card, Flex, Result } from "antd";
import { useTranslation } from "react-i18next";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { useMe } from "../../../lib/auth/me.ts";
import { useMember } from "../api/get-member.ts";
import { MemberDetails } from "../components/MemberDetails.tsx";
import { MyCare } from "../components/MyCare.tsx";
import { MyMotion } from "../components/MyMotion.tsx";

/** A party member's own record. */
export default function MyRecordPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const memberId = me?.user.memberId ?? undefined;
  const query = useMember(memberId);
  if (memberId === undefined) return <Result status="info" subTitle={t("member.noMemberRecord")} />;
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Flex vertical gap={16}>
      <Card title={t("member.myRecord")} style={{ maxWidth: 720 }}>
        <MemberDetails member={query.data} />
      </Card>
      {/* Issue 11: the member's transfers and mobile registrations. */}
      <MyMotion memberId={query.data.id} />
      {/* Issue 11: the member's volunteer hours and requests for help. */}
      <MyCare memberId={query.data.id} />
    </Flex>
  );
}
