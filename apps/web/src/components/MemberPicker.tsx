import type { Member } from "@huzhu/contracts";
import { queryOptions } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../lib/api/client.ts";
import { SearchSelect } from "./SearchSelect.tsx";

const membersNamed = (q: string) =>
  queryOptions({
    queryKey: ["members", "picker", q] as const,
    queryFn: ({ signal }) =>
      api.get<{ items: Member[]; total: number }>("/api/members", { q, page: 1, pageSize: 30 }, signal),
    enabled: q.length > 0,
  });

const memberOption = (m: Member) => ({ value: m.id, label: `${m.name}（${m.primaryOrg.name}）` });

/** A member of the caller's roster, by part of their name (masked data only: the roster's own answer). */
export function MemberPicker(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  return (
    <SearchSelect
      {...props}
      // Large: the forms that pick a member are filled in on phones, often by older secretaries.
      size="large"
      search={membersNamed}
      toOption={memberOption}
      placeholder={t("member.pickerPlaceholder")}
      noResults={t("member.pickerNone")}
    />
  );
}
