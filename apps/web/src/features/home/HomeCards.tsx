import type { HomeCard } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Col, Row } from "antd";
import type { ReactNode } from "react";
import { PageError, PageLoading } from "../../components/PageStates.tsx";
import { homeQueries } from "./api/queries.ts";
import { CareCard } from "./components/CareCard.tsx";
import { HelpCard } from "./components/HelpCard.tsx";
import { JurisdictionCard } from "./components/JurisdictionCard.tsx";
import { MotionCard } from "./components/MotionCard.tsx";
import { MyRecordCard } from "./components/MyRecordCard.tsx";
import { PairingsCard } from "./components/PairingsCard.tsx";
import { TodosCard } from "./components/TodosCard.tsx";
import { VenuesCard } from "./components/VenuesCard.tsx";

/**
 * One component per card id, and whether it takes the wide column. A card this client does not
 * know (a newer server) is left out rather than breaking the page.
 */
function renderCard(card: HomeCard): { wide: boolean; node: ReactNode } | null {
  switch (card.id) {
    case "jurisdiction":
      return { wide: true, node: <JurisdictionCard card={card} /> };
    case "myRecord":
      return { wide: true, node: <MyRecordCard card={card} /> };
    case "help":
      return { wide: true, node: <HelpCard card={card} /> };
    case "venues":
      return { wide: true, node: <VenuesCard card={card} /> };
    case "pairings":
      return { wide: true, node: <PairingsCard card={card} /> };
    case "motion":
      return { wide: false, node: <MotionCard card={card} /> };
    case "care":
      return { wide: false, node: <CareCard card={card} /> };
    case "todos":
      return { wide: false, node: <TodosCard card={card} /> };
    default:
      return null;
  }
}

/** The cards of the user's 工作台, as the server chose them for the user's roles. */
export function HomeCards() {
  const query = useQuery(homeQueries.page());
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  const shown = query.data.cards.flatMap((card) => {
    const rendered = renderCard(card);
    return rendered ? [{ id: card.id, ...rendered }] : [];
  });
  return (
    <Row gutter={[16, 16]}>
      {shown.map(({ id, wide, node }) => (
        // Side by side on a wide screen; one card alone takes the whole width.
        <Col key={id} xs={24} xl={shown.length === 1 ? 24 : wide ? 14 : 10}>
          {node}
        </Col>
      ))}
    </Row>
  );
}
