/**
 * Scoring a pairing round's candidate pairs (F11: 合理确定帮扶对子…实现帮扶成效最优化): which
 * helper–recipient pairs are candidates at all, and how good each is, as the integer 0..10000 the
 * `huzhu.pairing.v1` format takes. Pure: the server reads the organizations, needs, resources,
 * ratings and active pairings and hands them in; the same inputs give the same problem.
 *
 * A pair's score is the weighted mean of six factors, each 0..1:
 * - fit: the share of the recipient's open needs that the helper's resources or its kind of
 *   organization answer (`fitTable`, the needs module's one table of what answers what);
 * - proximity: 1 for neighbours in the division tree, falling linearly to 0 at `maxHops + 1` steps;
 * - priority: the recipient's flags (weak and poor 1, one of them 0.7, open needs only 0.4);
 * - effectiveness: the helper's past ratings (1..5 as 0..1; 0.5 when it has none);
 * - continuity: 1 when the two already have an active pairing (常态化: pairs last for years);
 * - strength: the helper's size, members on a log scale up to 100.
 */

export type PairingFormCode = "urban_rural" | "rural_rural" | "urban_urban";
export type ScoreFactorName = "fit" | "proximity" | "priority" | "effectiveness" | "continuity" | "strength";
export const SCORE_FACTORS: readonly ScoreFactorName[] = [
  "fit",
  "proximity",
  "priority",
  "effectiveness",
  "continuity",
  "strength",
];

export interface ScoringOrg {
  id: number;
  /** Materialized path of ids, "/1/5/23/". */
  path: string;
  category: string;
  area: "urban" | "rural";
  flags: readonly string[];
}

export interface ScoringRecipient extends ScoringOrg {
  /** Open needs by category. */
  openNeeds: Readonly<Record<string, number>>;
}

export interface ScoringHelper extends ScoringOrg {
  members: number;
  /** Categories of its active resources. */
  resources: readonly string[];
  rating: { average: number; count: number } | null;
}

export interface ScoringOptions {
  weights: Readonly<Record<ScoreFactorName, number>>;
  forms: readonly PairingFormCode[];
  maxHops: number;
  maxCandidatesPerRecipient: number;
  minScore: number;
  /** need category → the resource categories and organization categories that answer it. */
  fitTable: Readonly<Record<string, { resources: readonly string[]; orgs: readonly string[] }>>;
  /** Active pairings, as `${helperId}:${recipientId}`. */
  activePairs: ReadonlySet<string>;
  /** Pairs kept whatever their rank (locks): `${helperId}:${recipientId}`. */
  keep?: ReadonlySet<string>;
}

export interface ScoredFactor {
  code: ScoreFactorName;
  value: number;
  /** The factor's share of the score (the points add up to the score, give or take rounding). */
  points: number;
}

export interface ScoredCandidate {
  helper: number;
  recipient: number;
  score: number;
  form: PairingFormCode;
  hops: number;
  matchedNeeds: number;
  factors: ScoredFactor[];
}

/** The form of a pair, or null when it is none of the three (a rural helper for an urban recipient). */
export function pairingFormOf(helper: Pick<ScoringOrg, "area">, recipient: Pick<ScoringOrg, "area">) {
  if (helper.area === "urban") return recipient.area === "rural" ? "urban_rural" : "urban_urban";
  return recipient.area === "rural" ? "rural_rural" : null;
}

/** Steps between two organizations in the tree, from their paths. */
export function treeHops(a: string, b: string): number {
  return hopsBetween(a.split("/").filter(Boolean), b.split("/").filter(Boolean));
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Steps between two paths already split into ids. */
function hopsBetween(a: readonly string[], b: readonly string[]): number {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return a.length - common + (b.length - common);
}

/**
 * The candidates of a round, each with its score and factors, best first per recipient.
 *
 * Only helpers that can be within `maxHops` are looked at: hops = len(r) + len(h) − 2·common for
 * paths of len(r) and len(h) ids sharing `common` leading ids, so a helper whose path has len(h)
 * ids must share the recipient's first ceil((len(r) + len(h) − maxHops) / 2) ids. Helpers are
 * grouped by (path length, that prefix) once, and each recipient visits its few groups instead of
 * every helper of the province (what made a 广西 round score 58 million pairs). Kept pairs (locks)
 * farther away are scored on their own. The order helpers are visited in does not matter: a
 * recipient's candidates are sorted by score, then helper id.
 */
export function scoreCandidates(
  recipients: readonly ScoringRecipient[],
  helpers: readonly ScoringHelper[],
  options: ScoringOptions,
): ScoredCandidate[] {
  const totalWeight = SCORE_FACTORS.reduce((sum, f) => sum + options.weights[f], 0);
  if (totalWeight <= 0) throw new Error("weights: at least one must be above 0");
  const forms = new Set(options.forms);
  const keep = options.keep ?? new Set<string>();
  const helperPaths = helpers.map((h) => h.path.split("/").filter(Boolean));
  const strength = helpers.map((h) => Math.min(1, Math.log1p(h.members) / Math.log1p(100)));
  const effectiveness = helpers.map((h) => (h.rating && h.rating.count > 0 ? (h.rating.average - 1) / 4 : 0.5));
  const helperIndex = new Map<number, number[]>();
  helpers.forEach((h, i) => {
    const list = helperIndex.get(h.id);
    if (list) list.push(i);
    else helperIndex.set(h.id, [i]);
  });
  const pairsByRecipient = (pairs: ReadonlySet<string>) => {
    const by = new Map<number, Set<number>>();
    for (const key of pairs) {
      const [helper, recipient] = key.split(":").map(Number) as [number, number];
      const set = by.get(recipient);
      if (set) set.add(helper);
      else by.set(recipient, new Set([helper]));
    }
    return by;
  };
  const activeBy = pairsByRecipient(options.activePairs);
  const keepBy = pairsByRecipient(keep);
  const none = new Set<number>();

  // Helper indices by path length, then by their first `common` ids (built on first use).
  const byLength = new Map<number, number[]>();
  helperPaths.forEach((path, i) => {
    const list = byLength.get(path.length);
    if (list) list.push(i);
    else byLength.set(path.length, [i]);
  });
  const groups = new Map<string, Map<string, number[]>>();
  const groupOf = (length: number, common: number): Map<string, number[]> => {
    const id = `${length}:${common}`;
    let group = groups.get(id);
    if (!group) {
      group = new Map();
      for (const i of byLength.get(length) ?? []) {
        const prefix = (helperPaths[i] as string[]).slice(0, common).join("/");
        const list = group.get(prefix);
        if (list) list.push(i);
        else group.set(prefix, [i]);
      }
      groups.set(id, group);
    }
    return group;
  };

  const out: ScoredCandidate[] = [];
  for (const r of recipients) {
    const rPath = r.path.split("/").filter(Boolean);
    const needs = Object.entries(r.openNeeds);
    const needTotal = needs.reduce((sum, [, n]) => sum + n, 0);
    const weak = r.flags.includes("weak");
    const poor = r.flags.includes("poor");
    const priority = weak && poor ? 1 : weak || poor ? 0.7 : needTotal > 0 ? 0.4 : 0.2;
    const active = activeBy.get(r.id) ?? none;
    const kept = keepBy.get(r.id) ?? none;
    // The factors are written out only for the candidates that survive the cut below.
    const mine: Array<{
      helper: number;
      score: number;
      form: PairingFormCode;
      hops: number;
      matched: number;
      values: Record<ScoreFactorName, number>;
    }> = [];
    const visited = kept.size > 0 ? new Set<number>() : null;

    const consider = (i: number, isKept: boolean) => {
      const h = helpers[i] as ScoringHelper;
      if (h.id === r.id) return;
      const form = pairingFormOf(h, r);
      if (!form || !forms.has(form)) return;
      const hops = hopsBetween(helperPaths[i] as string[], rPath);
      if (hops > options.maxHops && !isKept) return;
      let matched = 0;
      for (const [category, count] of needs) {
        const fit = options.fitTable[category];
        if (fit && (fit.orgs.includes(h.category) || fit.resources.some((c) => h.resources.includes(c)))) {
          matched += count;
        }
      }
      const values: Record<ScoreFactorName, number> = {
        fit: needTotal > 0 ? matched / needTotal : 0,
        proximity: Math.max(0, 1 - (hops - 1) / Math.max(1, options.maxHops)),
        priority,
        effectiveness: effectiveness[i] as number,
        continuity: active.has(h.id) ? 1 : 0,
        strength: strength[i] as number,
      };
      let weighted = 0;
      for (const code of SCORE_FACTORS) weighted += options.weights[code] * values[code];
      const score = Math.max(0, Math.min(10000, Math.round((weighted / totalWeight) * 10000)));
      if (score < options.minScore && !isKept) return;
      mine.push({ helper: h.id, score, form, hops, matched, values });
    };

    for (const length of byLength.keys()) {
      const common = Math.max(0, Math.ceil((rPath.length + length - options.maxHops) / 2));
      if (common > Math.min(rPath.length, length)) continue;
      const near = groupOf(length, common).get(rPath.slice(0, common).join("/"));
      if (!near) continue;
      for (const i of near) {
        visited?.add(i);
        consider(i, kept.has((helpers[i] as ScoringHelper).id));
      }
    }
    // Kept pairs beyond the distance limit.
    for (const helperId of kept) {
      for (const i of helperIndex.get(helperId) ?? []) if (!visited?.has(i)) consider(i, true);
    }
    // Best first; ties by helper id, so the same inputs give the same candidates.
    mine.sort((a, b) => b.score - a.score || a.helper - b.helper);
    const cut = options.maxCandidatesPerRecipient;
    for (let i = 0; i < mine.length; i++) {
      const c = mine[i] as (typeof mine)[number];
      if (i >= cut && !kept.has(c.helper)) continue;
      const factors: ScoredFactor[] = SCORE_FACTORS.map((code) => ({
        code,
        value: round4(c.values[code]),
        points: Math.round(((options.weights[code] * c.values[code]) / totalWeight) * 10000),
      }));
      out.push({
        helper: c.helper,
        recipient: r.id,
        score: c.score,
        form: c.form,
        hops: c.hops,
        matchedNeeds: c.matched,
        factors,
      });
    }
  }
  return out;
}
