import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import { likePrefix } from "../../platform/access.ts";
import { type NeedRow, needsRepository, type ResourceRow } from "./needs.repository.ts";

/** What answers a need of each category (needs.suggestions.ts), for other modules' fit scores. */
export { CATEGORY_FIT } from "./needs.suggestions.ts";

/**
 * What other modules may know about mutual help (a module uses another through its service or
 * directory, never its tables): the pairing rounds' fit and effectiveness factors (issue 9) read
 * the open needs, the active resources and the past ratings of a jurisdiction's organizations
 * here, in three grouped queries, whatever the number of organizations. The caller has already
 * authorized the jurisdiction (a coordinator's round); only counts and categories leave.
 */
export interface HelpFacts {
  /** Open needs by organization and category. */
  openNeeds: Map<number, Record<string, number>>;
  /** Categories of each organization's active resources. */
  resources: Map<number, string[]>;
  /** Each helper's ratings of confirmed needs it helped with. */
  ratings: Map<number, { average: number; count: number }>;
}

export function helpDirectory(db: Kysely<DB>) {
  return {
    /**
     * The needs of these organizations with these titles (an import's natural key: organization and
     * title), unscoped: the caller authorizes what it found (needPolicy.update).
     */
    async needsByOrgAndTitle(orgIds: readonly number[], titles: readonly string[]): Promise<NeedRow[]> {
      if (orgIds.length === 0 || titles.length === 0) return [];
      const ids = await db
        .selectFrom("needs")
        .select("id")
        .where("org_id", "in", [...new Set(orgIds)])
        .where("title", "in", [...new Set(titles)])
        .execute();
      return needsRepository(db).findNeedsWhere(
        sql<boolean>`true`,
        ids.map((r) => r.id),
      );
    },
    /** The needs a reach condition allows (the caller authorized it), by organization then age: an export. */
    async needsWhere(where: RawBuilder<SqlBool>): Promise<NeedRow[]> {
      const ids = await db.selectFrom("needs").select("id").where(where).execute();
      const rows: NeedRow[] = [];
      for (let i = 0; i < ids.length; i += 2000) {
        const part = ids.slice(i, i + 2000).map((r) => r.id);
        rows.push(...(await needsRepository(db).findNeedsWhere(where, part)));
      }
      return rows.sort((a, b) => a.org_path.localeCompare(b.org_path) || a.id - b.id);
    },
    /** The resources a reach condition allows, by organization then age: an export. */
    async resourcesWhere(where: RawBuilder<SqlBool>): Promise<ResourceRow[]> {
      const ids = await db.selectFrom("resources").select("id").where(where).execute();
      const rows: ResourceRow[] = [];
      for (let i = 0; i < ids.length; i += 2000) {
        const part = ids.slice(i, i + 2000).map((r) => r.id);
        rows.push(...(await needsRepository(db).findResourcesWhere(where, part)));
      }
      return rows.sort((a, b) => a.org_path.localeCompare(b.org_path) || a.id - b.id);
    },
    /** The resources of these organizations with these titles (the same natural key), unscoped. */
    async resourcesByOrgAndTitle(orgIds: readonly number[], titles: readonly string[]): Promise<ResourceRow[]> {
      if (orgIds.length === 0 || titles.length === 0) return [];
      const ids = await db
        .selectFrom("resources")
        .select("id")
        .where("org_id", "in", [...new Set(orgIds)])
        .where("title", "in", [...new Set(titles)])
        .execute();
      return needsRepository(db).findResourcesWhere(
        sql<boolean>`true`,
        ids.map((r) => r.id),
      );
    },

    async factsUnder(path: string): Promise<HelpFacts> {
      const under = likePrefix(path);
      const [needs, resources, ratings] = await Promise.all([
        sql<{ org_id: number; category: string; n: number }>`
          SELECT n.org_id, n.category, count(*)::int AS n FROM needs n
            JOIN organizations o ON o.id = n.org_id
           WHERE n.status = 'open' AND o.path LIKE ${under}
           GROUP BY n.org_id, n.category`.execute(db),
        sql<{ org_id: number; categories: string[] }>`
          SELECT r.org_id, array_agg(DISTINCT r.category) AS categories FROM resources r
            JOIN organizations o ON o.id = r.org_id
           WHERE r.status = 'active' AND o.path LIKE ${under}
           GROUP BY r.org_id`.execute(db),
        sql<{ helper_org_id: number; average: string | number; n: number }>`
          SELECT c.helper_org_id, avg(n.rating) AS average, count(*)::int AS n FROM claims c
            JOIN needs n ON n.id = c.need_id
            JOIN organizations o ON o.id = c.helper_org_id
           WHERE c.status = 'accepted' AND n.rating IS NOT NULL AND o.path LIKE ${under}
           GROUP BY c.helper_org_id`.execute(db),
      ]);
      const openNeeds = new Map<number, Record<string, number>>();
      for (const row of needs.rows) {
        const byCategory = openNeeds.get(row.org_id) ?? {};
        byCategory[row.category] = row.n;
        openNeeds.set(row.org_id, byCategory);
      }
      return {
        openNeeds,
        resources: new Map(resources.rows.map((r) => [r.org_id, r.categories])),
        ratings: new Map(
          ratings.rows.map((r) => [
            r.helper_org_id,
            { average: Math.round(Number(r.average) * 100) / 100, count: r.n },
          ]),
        ),
      };
    },
  };
}
