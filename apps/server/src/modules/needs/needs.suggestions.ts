import type {
  Locale,
  NeedCategory,
  NeedSuggestions,
  OrgCategory,
  ResourceCategory,
  ResourceSuggestions,
  Suggestion,
  SuggestionFactor,
} from "@huzhu/contracts";
import { type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../../platform/access.ts";
import { chinaDate } from "../../platform/china-time.ts";
import { translate } from "../../platform/i18n.ts";
import { type AnyAbility, authorize, visibleWhere } from "../../platform/policy.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { needPolicy, resourcePolicy } from "./needs.policy.ts";
import { type NeedRow, needsRepository, type SuggestionRow, type SuggestionWeights } from "./needs.repository.ts";

/**
 * Suggestions (issue 8, item 5): for a need, helper organizations and resources ranked by fit; for
 * a resource, open needs ranked the same way. Each candidate carries its score, the factors it is
 * made of (codes and numbers the web translates) and a `reason` line in the request's language.
 *
 * Who: `need.suggest` / `resource.suggest` (help.write or help.assign, over what the caller sees:
 * an unseen need or resource is 404, a leader who only reads is 403). Which candidates: only what
 * the caller's own read abilities reach — resources and needs by their policies' read reach,
 * helper organizations by org.read (the caller's jurisdiction) or as the owner of a resource the
 * caller sees (whose name the resource already shows). Never the record's own line (itself, its
 * superiors, its subtree): one's own jurisdiction is not helped through a claim.
 *
 * One SQL query per candidate set, top 10 (needs.repository.ts: suggestOrganizations,
 * suggestResources, suggestNeeds).
 */

/**
 * What fits a need of each category, in one place: the resource categories that answer it and
 * the kinds of organization that usually help with it (funds from organs and state enterprises,
 * market access from enterprises and urban communities with their purchasing channels, training
 * from schools and organs, a venue from urban communities…). A resource's needs are read backwards
 * from the same table.
 */
export const CATEGORY_FIT: Readonly<
  Record<NeedCategory, { resources: readonly ResourceCategory[]; orgs: readonly OrgCategory[] }>
> = {
  // 找差距、理思路、定措施: people who know how — organs, schools.
  diagnosis: { resources: ["expertise", "practice_base"], orgs: ["government_organ", "school"] },
  // 筹资金: organs and state enterprises.
  funds: { resources: ["funds"], orgs: ["government_organ", "state_enterprise"] },
  // 谋发展: enterprises and organs with ideas and capital.
  development: {
    resources: ["expertise", "funds"],
    orgs: ["state_enterprise", "private_enterprise", "government_organ"],
  },
  // 建班子: organs (cadres), training.
  leadership: { resources: ["training", "expertise"], orgs: ["government_organ", "school"] },
  // 建阵地: communities with rooms and equipment.
  venue: { resources: ["venue", "equipment"], orgs: ["urban_community", "government_organ"] },
  // 建制度: organs.
  institutions: { resources: ["expertise", "training"], orgs: ["government_organ"] },
  // 发展经济 (industry, market access, 消费帮扶): enterprises and communities with produce channels.
  economy: {
    resources: ["produce", "expertise", "funds"],
    orgs: ["state_enterprise", "private_enterprise", "urban_community"],
  },
  // 改善民生 (roads, water, medical care, schooling).
  livelihood: {
    resources: ["funds", "volunteers", "equipment"],
    orgs: ["hospital", "school", "urban_community", "social_organization"],
  },
  // 扶贫帮困.
  poverty_relief: {
    resources: ["funds", "volunteers", "produce"],
    orgs: ["state_enterprise", "government_organ", "social_organization", "urban_community"],
  },
  // 培训: schools and organs, and practice bases.
  training: { resources: ["training", "practice_base", "expertise"], orgs: ["school", "government_organ"] },
  other: { resources: [], orgs: [] },
};

/**
 * The score: at most 30 for the category (+10 when the organization behind a resource or a need
 * fits too), 30 less 5 per step in the tree (same town: 2 steps, 20; same county: 4, 10), 15 when
 * a resource is offered in the need's period, 4 per star of the average past rating (never rated:
 * 12, as three stars), 4 off per active project as a helper (at most 20), and for needs 0–15 by
 * urgency.
 */
export const SUGGESTION_WEIGHTS: SuggestionWeights = {
  category: 30,
  orgCategory: 10,
  distance: 30,
  perHop: 5,
  available: 15,
  perStar: 4,
  unrated: 12,
  perProject: 4,
  maxLoad: 20,
  urgency: { low: 0, normal: 5, high: 10, urgent: 15 },
};

export const SUGGESTION_LIMIT = 10;

const needCategoriesFor = (fits: (fit: (typeof CATEGORY_FIT)[NeedCategory]) => boolean) =>
  (Object.keys(CATEGORY_FIT) as NeedCategory[]).filter((c) => fits(CATEGORY_FIT[c]));

/** The condition of a read ability for this actor, or false when no role grants it (nothing to suggest). */
function readable(actor: Actor, ability: AnyAbility) {
  try {
    return visibleWhere(actor, ability);
  } catch {
    return sql<SqlBool>`false`;
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The factors of a candidate (only those that apply to its kind) and its line in the request's language. */
function present(kind: Suggestion["kind"], row: SuggestionRow, locale: Locale): Suggestion {
  const factors: SuggestionFactor[] = [
    { code: "category", points: row.category_points, match: row.category_match || row.org_match },
    { code: "distance", points: row.distance_points, hops: row.hops },
  ];
  if (kind !== "organization") {
    factors.push({ code: "availability", points: row.availability_points, available: row.available ?? false });
  }
  if (kind !== "need") {
    factors.push(
      {
        code: "rating",
        points: round(row.rating_points),
        average: row.rating_average === null ? null : round(row.rating_average),
        count: row.rating_count,
      },
      { code: "load", points: row.load_points, activeProjects: row.active_projects },
    );
  } else {
    factors.push({ code: "urgency", points: row.urgency_points, urgency: row.urgency as SuggestionFactor["urgency"] });
  }
  return {
    kind,
    id: row.id,
    title: row.title,
    org: { id: row.org_id, name: row.org_name },
    category: row.category,
    score: round(row.score),
    factors,
    reason: reasonLine(factors, locale),
  };
}

/** One line from the factors, e.g. 类别对口；组织树上相距 2 级；以往帮扶评分 4.6 分（5 次）；正在帮扶 1 个项目. */
export function reasonLine(factors: readonly SuggestionFactor[], locale: Locale): string {
  const parts = factors.flatMap((f): string[] => {
    switch (f.code) {
      case "category":
        return [translate(locale, f.match ? "suggestion.category.match" : "suggestion.category.none")];
      case "distance":
        return [
          f.hops === null || f.hops === undefined
            ? translate(locale, "suggestion.distance.none")
            : translate(locale, "suggestion.distance", { hops: f.hops }),
        ];
      case "availability":
        return [translate(locale, f.available ? "suggestion.available" : "suggestion.unavailable")];
      case "rating":
        return [
          f.average === null || f.average === undefined
            ? translate(locale, "suggestion.unrated")
            : translate(locale, "suggestion.rating", { average: f.average, count: f.count ?? 0 }),
        ];
      case "load":
        return f.activeProjects ? [translate(locale, "suggestion.load", { activeProjects: f.activeProjects })] : [];
      case "urgency":
        return f.urgency ? [translate(locale, `suggestion.urgency.${f.urgency}`)] : [];
      default:
        return [];
    }
  });
  return parts.join(locale === "en" ? "; " : "；");
}

export function needSuggestionsService(db: Kysely<DB>, clock: () => Date) {
  const repo = needsRepository(db);
  const today = () => chinaDate(clock());

  return {
    /** Helper organizations and resources for a need the caller sees and may act on. */
    async forNeed(actor: Actor, id: number, locale: Locale): Promise<NeedSuggestions> {
      const [need] = (await authorize(db, actor, needPolicy.suggest, [id])) as NeedRow[];
      if (!need) throw new Error(`need ${id} authorized but not loaded`);
      const fit = CATEGORY_FIT[need.category as NeedCategory] ?? CATEGORY_FIT.other;
      const origin = { path: need.org_path };
      const resourcesSeen = readable(actor, resourcePolicy.read);
      // Helper organizations: the caller's own (org.read) and the owners of resources the caller sees.
      const orgsSeen = sql<SqlBool>`(${readable(actor, orgPolicy.read)} OR EXISTS (
        SELECT 1 FROM resources WHERE resources.org_id = organizations.id AND resources.status = 'active'
           AND ${resourcesSeen}))`;
      const [organizations, resources] = await Promise.all([
        repo.suggestOrganizations({
          origin,
          visible: orgsSeen,
          orgCategories: fit.orgs,
          weights: SUGGESTION_WEIGHTS,
          limit: SUGGESTION_LIMIT,
        }),
        repo.suggestResources({
          origin,
          visible: resourcesSeen,
          categories: fit.resources,
          orgCategories: fit.orgs,
          today: today(),
          deadline: need.deadline,
          weights: SUGGESTION_WEIGHTS,
          limit: SUGGESTION_LIMIT,
        }),
      ]);
      return {
        organizations: organizations.map((r) => present("organization", r, locale)),
        resources: resources.map((r) => present("resource", r, locale)),
      };
    },

    /** Open needs for a resource the caller sees and may act on. */
    async forResource(actor: Actor, id: number, locale: Locale): Promise<ResourceSuggestions> {
      const [resource] = await authorize(db, actor, resourcePolicy.suggest, [id]);
      if (!resource) throw new Error(`resource ${id} authorized but not loaded`);
      const category = resource.category as ResourceCategory;
      const orgCategory = await repo.orgCategoryOf(resource.org_id);
      const origin = { path: resource.org_path };
      const needs = await repo.suggestNeeds({
        origin,
        visible: readable(actor, needPolicy.read),
        categories: needCategoriesFor((fit) => fit.resources.includes(category)),
        orgCategories: needCategoriesFor((fit) => fit.orgs.includes(orgCategory as OrgCategory)),
        today: today(),
        availableFrom: resource.available_from,
        availableTo: resource.available_to,
        weights: SUGGESTION_WEIGHTS,
        limit: SUGGESTION_LIMIT,
      });
      return { needs: needs.map((r) => present("need", r, locale)) };
    },
  };
}
export type NeedSuggestionsService = ReturnType<typeof needSuggestionsService>;
