import type { Venue } from "@huzhu/contracts";
import { Card, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Photo } from "../../../components/Photo.tsx";
import { ToneTag } from "../../../components/ToneTag.tsx";

/** One venue or facility in the catalogue: what, whose, where, how many, who may book, approval. */
export function VenueCard(props: { venue: Venue }) {
  const { t } = useTranslation();
  const v = props.venue;
  const photo = v.photoIds[0];
  return (
    <Card size="small" data-testid="venue-card">
      <Flex gap={12}>
        {photo ? <Photo id={photo} alt={v.name} size={72} /> : null}
        <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <Link to={`/venues/${v.id}`} data-testid="venue-open">
              {v.name}
            </Link>
          </Typography.Text>
          <Typography.Text type="secondary">
            {v.owner.name} · {t(`venues.area.${v.ownerArea}`)}
          </Typography.Text>
          <Flex wrap gap={6}>
            <ToneTag tone={v.facility ? "purple" : "blue"}>{t(`venues.kind.${v.kind}`)}</ToneTag>
            <ToneTag tone="cyan">{t(`venues.openTo.${v.openTo}`)}</ToneTag>
            <ToneTag tone={v.requiresApproval ? "gold" : "green"}>
              {t(v.requiresApproval ? "venues.needsApproval" : "venues.instant")}
            </ToneTag>
            {v.status === "closed" ? <ToneTag tone="red">{t("venues.status.closed")}</ToneTag> : null}
          </Flex>
          {v.address ? <Typography.Text>{v.address}</Typography.Text> : null}
          {v.capacity ? <Typography.Text>{t("venues.capacityOf", { count: v.capacity })}</Typography.Text> : null}
        </Flex>
      </Flex>
    </Card>
  );
}
