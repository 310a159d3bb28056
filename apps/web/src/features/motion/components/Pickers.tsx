import { useTranslation } from "react-i18next";
import { SearchSelect } from "../../../components/SearchSelect.tsx";
import { motionQueries } from "../api/queries.ts";

const destinationOption = (o: { id: number; name: string; parentName: string | null }) => ({
  value: o.id,
  label: o.parentName ? `${o.name}（${o.parentName}）` : o.name,
});

/** An organization anywhere on the platform, by part of its name (a destination: names only). */
export function DestinationSelect(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  return (
    <SearchSelect
      {...props}
      search={motionQueries.destinations}
      toOption={destinationOption}
      placeholder={t("motion.pickOrg")}
      noResults={t("org.noResults")}
    />
  );
}
