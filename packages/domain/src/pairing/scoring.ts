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
  const pa = a.split("/").filter(Boolean);
  const pb = b.split("/").filter(Boolean);
  let common = 0;
  while (common < pa.length && common < pb.length && pa[common] === pb[common]) common++;
  return pa.length - common + (pb.length - common);
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** The candidates of a round, each with its score and factors, best first per recipient. */
export function scoreCandidates(
  recipients: readonly ScoringRecipient[],
  helpers: readonly ScoringHelper[],
  options: ScoringOptions,
): ScoredCandidate[] {
  const totalWeight = SCORE_FACTORS.reduce((sum, f) => sum + options.weights[f], 0);
  if (totalWeight <= 0) throw new Error("weights: at least one must be above 0");
  const forms = new Set(options.forms);
  const out: ScoredCandidate[] = [];
  for (const r of recipients) {
    const needTotal = Object.values(r.openNeeds).reduce((a, b) => a + b, 0);
    const weak = r.flags.includes("weak");
    const poor = r.flags.includes("poor");
    const priority = weak && poor ? 1 : weak || poor ? 0.7 : needTotal > 0 ? 0.4 : 0.2;
    const mine: ScoredCandidate[] = [];
    for (const h of helpers) {
      if (h.id === r.id) continue;
      const form = pairingFormOf(h, r);
      if (!form || !forms.has(form)) continue;
      const hops = treeHops(h.path, r.path);
      const key = `${h.id}:${r.id}`;
      const kept = options.keep?.has(key) ?? false;
      if (hops > options.maxHops && !kept) continue;
      let matched = 0;
      for (const [category, count] of Object.entries(r.openNeeds)) {
        const fit = options.fitTable[category];
        if (!fit) continue;
        if (fit.orgs.includes(h.category) || fit.resources.some((c) => h.resources.includes(c))) matched += count;
      }
      const values: Record<ScoreFactorName, number> = {
        fit: needTotal > 0 ? matched / needTotal : 0,
        proximity: Math.max(0, 1 - (hops - 1) / Math.max(1, options.maxHops)),
        priority,
        effectiveness: h.rating && h.rating.count > 0 ? (h.rating.average - 1) / 4 : 0.5,
        continuity: options.activePairs.has(key) ? 1 : 0,
        strength: Math.min(1, Math.log1p(h.members) / Math.log1p(100)),
      };
      let weighted = 0;
      const factors: ScoredFactor[] = SCORE_FACTORS.map((code) => {
        const share = (options.weights[code] * values[code]) / totalWeight;
        weighted += share;
        return { code, value: round4(values[code]), points: Math.round(share * 10000) };
      });
      const score = Math.max(0, Math.min(10000, Math.round(weighted * 10000)));
      if (score < options.minScore && !kept) continue;
      mine.push({ helper: h.id, recipient: r.id, score, form, hops, matchedNeeds: matched, factors });
    }
    // Best first; ties by helper id, so the same inputs give the same candidates.
    mine.sort((a, b) => b.score - a.score || a.helper - b.helper);
    const cut = options.maxCandidatesPerRecipient;
    for (let i = 0; i < mine.length; i++) {
      const c = mine[i] as ScoredCandidate;
      if (i < cut || options.keep?.has(`${c.helper}:${c.recipient}`)) out.push(c);
    }
  }
  return out;
}
