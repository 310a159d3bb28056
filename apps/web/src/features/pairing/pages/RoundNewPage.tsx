import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { RoundForm } from "../components/RoundForm.tsx";

/** A new pairing round: the jurisdiction and a name; everything else has defaults. */
export default function RoundNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("pairing.rounds.new")}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("pairing.round.newIntro")}
      </Typography.Paragraph>
      <RoundForm onCreated={(r) => navigate(`/pairing-rounds/${r.id}`)} onCancel={() => navigate("/pairing-rounds")} />
    </Flex>
  );
}
