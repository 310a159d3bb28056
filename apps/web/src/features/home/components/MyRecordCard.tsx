import type { MyRecordCard as Own } from "@huzhu/contracts";
import { Card, Descriptions } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** A party member's own record, masked, with the way to the full page (我的信息). */
export function MyRecordCard(props: { card: Own }) {
  const { t } = useTranslation();
  const { member } = props.card;
  return (
    <Card
      title={t("home.myRecord.title")}
      data-testid="home-card-myRecord"
      extra={<Link to="/me">{t("home.myRecord.open")}</Link>}
    >
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        size="small"
        items={[
          { key: "name", label: t("member.fields.name"), children: member.name },
          { key: "status", label: t("member.fields.status"), children: t(`member.status.${member.status}`) },
          { key: "org", label: t("member.fields.primaryOrg"), children: member.primaryOrg.name },
          { key: "joinDate", label: t("member.fields.joinDate"), children: member.joinDate },
          { key: "idNumber", label: t("member.fields.idNumber"), children: member.idNumberMasked },
          { key: "phone", label: t("member.fields.phone"), children: member.phoneMasked ?? t("member.noPhone") },
        ]}
      />
    </Card>
  );
}
