import { useQuery } from "@tanstack/react-query";
import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PageError, PageLoading } from "../../../components/PageStates.tsx";
import { motionQueries } from "../api/queries.ts";
import { TransferCard } from "../components/TransferCard.tsx";

/** One transfer with its history (where notifications link). */
export default function TransferPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery(motionQueries.transfer(id));
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Link to="/transfers">{t("motion.transfer.back")}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("motion.transfer.detail")}
      </Typography.Title>
      <TransferCard transfer={q.data} history />
    </Flex>
  );
}
