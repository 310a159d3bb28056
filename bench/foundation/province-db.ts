import crypto from "node:crypto";
import type { Role } from "@huzhu/contracts";
import type { Database } from "../../apps/server/src/db/client.ts";
import { migrate } from "../../apps/server/src/db/migrate.ts";
import { insertDemoCounty } from "../../apps/server/src/demo/load.ts";
import { regionTreeAsCounty } from "../../apps/server/src/demo/region.ts";
import type { Actor } from "../../apps/server/src/platform/access.ts";
import { createCipher } from "../../apps/server/src/platform/crypto.ts";
import type { Org } from "../search/generate.ts";
import { percentile } from "./databases.ts";

/**
 * A freshly migrated database holding 广西's organization tree (≈18,000 organizations, as
 * bench/foundation/org-tree.ts builds it), for the benchmarks of the lists that grow
 * (bench/needs-hall, bench/venues): each module's rows are then generated over these organizations.
 */
export interface ProvinceOrg extends Org {
  category: string;
  area: string;
  /** What the modules' `regionOf` answers: the deepest county or city at or above it. */
  region: number;
}

const LEVELS = ["province", "city", "county", "town", "village"] as const;

export async function loadProvince(
  label: string,
  database: Database,
): Promise<{ orgs: ProvinceOrg[]; byId: Map<number, ProvinceOrg>; userId: number }> {
  const t0 = performance.now();
  await migrate(database);
  const cipher = createCipher(crypto.randomBytes(32));
  await database.db
    .transaction()
    .execute((trx) => insertDemoCounty(trx, regionTreeAsCounty("45"), new Map(), cipher, "bench-password-1"));
  const rows = await database.db
    .selectFrom("organizations")
    .select(["id", "path", "depth", "name", "category", "area"])
    .orderBy("depth")
    .execute();
  const byId = new Map<number, ProvinceOrg>();
  const orgs: ProvinceOrg[] = [];
  for (const r of rows) {
    const parentId = Number(r.path.split("/").filter(Boolean).at(-2));
    const parent = byId.get(parentId);
    const isRegion = r.category === "county" || r.category === "city";
    const org: ProvinceOrg = {
      id: r.id,
      path: r.path,
      level: LEVELS[Math.min(r.depth, 4)] as Org["level"],
      name: r.name.replace(/^中共/, "").replace(/(支部委员会|委员会)$/, ""),
      category: r.category,
      area: r.area,
      region: isRegion ? r.id : (parent?.region ?? r.id),
    };
    byId.set(r.id, org);
    orgs.push(org);
  }
  const userId = (await database.db.selectFrom("users").select("id").executeTakeFirstOrThrow()).id;
  console.log(`${label}: migrated, ${orgs.length} organizations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { orgs, byId, userId };
}

/** A signed-in user holding one role at one organization, as apps/server/test/reach.test.ts builds one. */
export const actorFor = (role: Role, org: Pick<ProvinceOrg, "id" | "name" | "path">): Actor => ({
  userId: 1,
  username: "bench",
  displayName: "bench",
  memberId: null,
  roles: [{ id: 1, role, orgId: org.id, orgName: org.name, orgPath: org.path }],
  sessionId: "s",
  csrfToken: "c",
  ip: null,
  gates: [],
  secondFactor: false,
});

/** p50, p95 and max of a set of timings. */
export const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] as number };
};
