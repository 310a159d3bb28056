import { educations, gender, memberStatus } from "@huzhu/contracts";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { useSearchUpdate } from "../../../lib/use-search-update.ts";
import type { MemberListParams } from "../api/queries.ts";

const pageSizes = [10, 20, 50, 100] as const;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return values.find((v) => v === raw);
}

const isoDay = (raw: string | null) => (raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined);
const positive = (raw: string | null) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const age = (raw: string | null) => {
  const n = raw === null || raw === "" ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 150 ? n : undefined;
};

/**
 * The roster's filters and page live in the URL, so a link (e.g. "members of this organization")
 * or the back button restores exactly what was on screen.
 */
export function useMemberFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo((): MemberListParams & { page: number; pageSize: number } => {
    const size = positive(params.get("pageSize"));
    return {
      q: params.get("q")?.trim() || undefined,
      orgId: positive(params.get("orgId")),
      status: oneOf(memberStatus.options, params.get("status")),
      gender: oneOf(gender.options, params.get("gender")),
      education: oneOf(educations, params.get("education")),
      joinedFrom: isoDay(params.get("joinedFrom")),
      joinedTo: isoDay(params.get("joinedTo")),
      ageFrom: age(params.get("ageFrom")),
      ageTo: age(params.get("ageTo")),
      page: positive(params.get("page")) ?? 1,
      pageSize: pageSizes.find((s) => s === size) ?? 20,
    };
  }, [params]);

  const memberId = positive(params.get("member"));

  const update = useSearchUpdate();
  /** Changes filters; any change other than the page itself goes back to page 1. */
  const setFilters: (patch: Partial<MemberListParams>) => void = update;
  const openMember = useCallback((id: number | undefined) => update({ member: id }), [update]);

  const reset = useCallback(() => setParams({}), [setParams]);

  return { filters, setFilters, memberId, openMember, reset };
}
