import type { RoundDetails } from "./pairing-rounds.presenter.ts";

/**
 * How a run's details are stored (`pairing_rounds.details`): the same facts as `RoundDetails`,
 * with the candidates in columns and their factor lists written once each. A 广西 round's 135,750
 * candidates as objects were 50 MB of JSON (each with six `{ code, value, points }`), which took
 * PostgreSQL seconds to store as jsonb and as long to read back for every result page and what-if;
 * the factors of a candidate depend on few things (steps, matched needs, the two organizations'
 * flags, size and ratings), so a province has a few thousand distinct lists, and the columns come
 * to a few MB. Lossless: `decodeDetails(encodeDetails(d))` equals `d`. Details stored before this
 * encoding (candidates as an object) are read as they are.
 */
type Candidate = RoundDetails["candidates"][string];
type Factors = Candidate["factors"];

const FORMS: ReadonlyArray<Candidate["form"]> = ["urban_rural", "rural_rural", "urban_urban"];

export interface StoredCandidateColumns {
  encoding: "columns-v1";
  keys: string[];
  /** Index into FORMS. */
  form: number[];
  hops: number[];
  matchedNeeds: number[];
  average: Array<number | null>;
  /** Index into `factorLists`. */
  factors: number[];
  factorLists: Factors[];
}

export interface StoredDetails {
  orgs: RoundDetails["orgs"];
  candidates: StoredCandidateColumns | RoundDetails["candidates"];
  defaults: RoundDetails["defaults"];
}

export function encodeDetails(details: RoundDetails): StoredDetails {
  const columns: StoredCandidateColumns = {
    encoding: "columns-v1",
    keys: [],
    form: [],
    hops: [],
    matchedNeeds: [],
    average: [],
    factors: [],
    factorLists: [],
  };
  const listIndex = new Map<string, number>();
  for (const [key, c] of Object.entries(details.candidates)) {
    let listKey = "";
    for (const f of c.factors) listKey += `${f.code},${f.value},${f.points};`;
    let index = listIndex.get(listKey);
    if (index === undefined) {
      index = columns.factorLists.length;
      columns.factorLists.push(c.factors);
      listIndex.set(listKey, index);
    }
    columns.keys.push(key);
    columns.form.push(FORMS.indexOf(c.form));
    columns.hops.push(c.hops);
    columns.matchedNeeds.push(c.matchedNeeds);
    columns.average.push(c.average);
    columns.factors.push(index);
  }
  return { orgs: details.orgs, candidates: columns, defaults: details.defaults };
}

export function decodeDetails(stored: unknown): RoundDetails {
  const s = stored as StoredDetails;
  const columns = s.candidates as Partial<StoredCandidateColumns>;
  if (columns.encoding !== "columns-v1") return s as RoundDetails;
  const c = columns as StoredCandidateColumns;
  const candidates: RoundDetails["candidates"] = {};
  for (let i = 0; i < c.keys.length; i++) {
    candidates[c.keys[i] as string] = {
      form: FORMS[c.form[i] as number] as Candidate["form"],
      hops: c.hops[i] as number,
      matchedNeeds: c.matchedNeeds[i] as number,
      average: c.average[i] ?? null,
      // A copy per candidate, so no caller can change another candidate's factors through it.
      factors: (c.factorLists[c.factors[i] as number] as Factors).map((f) => ({ ...f })),
    };
  }
  return { orgs: s.orgs, candidates, defaults: s.defaults };
}
