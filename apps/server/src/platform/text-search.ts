import fs from "node:fs";
import { createRequire } from "node:module";
import type { Jieba } from "@node-rs/jieba";
import { type RawBuilder, sql } from "kysely";

/**
 * Chinese keyword search, the same on PGlite and PostgreSQL: words are segmented here, in
 * Node, with jieba (`@node-rs/jieba`), and PostgreSQL's own full-text search stores and finds
 * them (`tsvector`, `@@`, a GIN index, `ts_rank`) under the built-in `simple` configuration,
 * which lower-cases and keeps every token — it exists on both, and PGlite is PostgreSQL.
 *
 * **Why not a substring scan.** `title LIKE '%服务中心%'` cannot use a btree index, so every
 * search reads every row of the table (200,000 needs: the whole heap, each time). PostgreSQL's own
 * parsers do not segment Chinese: `to_tsvector('simple', '三联村急需修缮村级党群服务中心')` is one
 * lexeme, the whole run of Han characters, which no query but the whole sentence finds. `pg_trgm`
 * (trigram indexes for LIKE) is not part of PostgreSQL's core: on a server it needs the contrib
 * package and CREATE EXTENSION, and PGlite ships it only as an extension loaded at start
 * (`@electric-sql/pglite/contrib/pg_trgm`, which the database client does not load). It would not
 * help much anyway: most Chinese words are two characters, which hold no trigram, so
 * `LIKE '%修缮%'` makes the trigram index answer every row and the heap be rechecked (tried on
 * PGlite: 20,000 rows from the index for 5,000 hits); and a substring is not a word (`%村民%` finds
 * 乡村民宿, `%修路%` finds 维修路灯), and nothing ranks the hits.
 *
 * **How a module uses it.**
 * - A `tsvector` column filled on every insert and every write of the texts, from the texts
 *   themselves: `search: searchVector(title, description)` in the INSERT or UPDATE
 *   (`to_tsvector('simple', <searchDocument(...)>)`; the words are computed in Node, so no trigger
 *   can do it: the repository writes it beside the texts).
 * - A GIN index on it, in the module's migration:
 *   `CREATE INDEX needs_search_idx ON needs USING gin (search);`
 *   (and the btree index its lists sort by, e.g. `(status, created_at DESC, id DESC)`).
 * - In a finder: `const search = textSearch(q); if (search) query = query.where(search.matches("needs.search"))`,
 *   and `search.rank("needs.search")` to order by relevance (`ts_rank`). `textSearch` answers
 *   `null` for an empty, blank or punctuation-only `q`: no filter.
 * - The planner's choice between the GIN index and the list's sort index rests on the column's
 *   statistics (how common each word is). PostgreSQL's autovacuum gathers them; PGlite runs no
 *   autovacuum (one backend, no workers), so on PGlite nothing does unless the application runs
 *   ANALYZE (bench/README.md, "Keyword search", has the figures both ways).
 *
 * **Documents** are cut in jieba's search-engine mode (`cutForSearch`), which also emits the
 * dictionary words inside a longer word: 需求大厅 → 需求 大厅, 党群服务中心 → 党群 服务 中心 服务中心, so
 * a query for 中心 or 服务中心 finds it. **Queries** are cut in the precise mode (`cut`) and the
 * words ANDed (`'服务中心' & '党员'`): every precise word of a text is also among its search-mode
 * words, so a query finds every document that contains its words, and a word's parts need not be
 * repeated. The last word of a query, when it is Latin letters or digits of two characters or
 * more, matches as a prefix (`'wif':*` finds wifi), which a GIN index answers with a range of
 * its sorted keys.
 *
 * Before cutting, text is NFKC-normalized (full-width ＡＢＣ１２３ become ABC123) and lower-cased;
 * everything that is not a letter, a mark or a digit (punctuation, symbols, emoji, spaces) is a
 * separator, and single-character function words (的 了 和 与 …) are dropped. So what reaches
 * PostgreSQL is only words of letters and digits separated by spaces, which the `simple`
 * parser takes one for one (checked on both: the parser's own character classes would otherwise
 * depend on the database's locale), and every query operand is quoted and escaped as well: no
 * input can break the `to_tsquery` syntax. HMM (jieba's guessing of words not in its dictionary)
 * is off, for documents and queries alike, because its guesses depend on the surrounding text.
 *
 * **Trade-offs.**
 * - A word not in jieba's dictionary (most village names: 龙济村 → 龙 济 村) is cut into single
 *   characters. A query is cut the same way, so it still matches, but its characters are ANDed
 *   anywhere in the document, not required to be adjacent: 龙济 also finds a text that has 龙 in
 *   one place and 济 in another. Rare in practice: 60 village names searched in 50,000 of the
 *   benchmark's needs (bench/search) found 405 needs by words where a substring scan finds 385;
 *   requiring adjacency (`'龙' <-> '济'`) found 375, fewer than the substrings (the parts the
 *   search-mode cut inserts break adjacency), so it is not done.
 * - Part of a word is not found: 务中 finds nothing in 服务中心 (neither is a word). Search is by
 *   words, like a search engine's, not by substrings.
 * - A document's words are fixed when it is written: a new dictionary (a jieba upgrade, custom
 *   words) needs the column recomputed (a one-off job over the table).
 * - Queries keep their first 32 words and every word its first 64 characters (documents the same
 *   64), which bounds the work a hostile query can ask for; the route should also cap `q`'s length.
 *
 * **Cost at start.** jieba is loaded on the first call, once per process: on this machine
 * (Node 20, linux x64, the prebuilt `@node-rs/jieba-linux-x64-gnu` binary) about 80 ms on a quiet
 * machine, 200–500 ms while both cores are busy, and ~50 MB of resident memory for the 5 MB dictionary (349,045
 * words). Cutting is fast: ~0.03 ms for 300 characters.
 */

/** Single characters that carry no meaning for search when they stand alone as a word. */
const STOP_CHARACTERS = new Set("的了和与及或在是把被等之其而也就都将于并且着过吗呢吧啊呀".split(""));
/** Anything that is not a letter, a combining mark or a digit separates words. */
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/gu;
const LATIN_OR_DIGITS = /^[a-z0-9]+$/;
export const MAX_QUERY_TERMS = 32;
export const MAX_TERM_LENGTH = 64;

let jieba: Jieba | undefined;

/** jieba with its default dictionary, loaded on first use (see "Cost at start" above). */
function segmenter(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
    // Read dict.txt directly: the package's `dict` module also reads the 6 MB IDF table, unused here.
    jieba = Jieba.withDict(fs.readFileSync(require.resolve("@node-rs/jieba/dict.txt")));
  }
  return jieba;
}

function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(SEPARATORS, " ").trim();
}

function keep(word: string): string | null {
  const w = word.trim();
  if (w === "" || STOP_CHARACTERS.has(w)) return null;
  return Array.from(w).slice(0, MAX_TERM_LENGTH).join("");
}

function words(text: string, mode: "search" | "precise"): string[] {
  const normalized = normalize(text);
  if (normalized === "") return [];
  const cut = mode === "search" ? segmenter().cutForSearch(normalized, false) : segmenter().cut(normalized, false);
  const out: string[] = [];
  for (const word of cut) {
    const kept = keep(word);
    if (kept !== null) out.push(kept);
  }
  return out;
}

/**
 * The words to index for a record's texts (title, description, …), space-separated, in order
 * (so positions mean something to `ts_rank`), with each word's dictionary parts beside it.
 * Null and empty texts are skipped.
 */
export function searchDocument(...texts: (string | null | undefined)[]): string {
  return texts
    .filter((t): t is string => typeof t === "string" && t !== "")
    .flatMap((t) => words(t, "search"))
    .join(" ");
}

/** The value of a `tsvector` column for these texts: `to_tsvector('simple', searchDocument(...))`. */
export function searchVector(...texts: (string | null | undefined)[]): RawBuilder<string> {
  return sql<string>`to_tsvector('simple', ${searchDocument(...texts)})`;
}

/** One operand of a tsquery: quoted, with quotes and backslashes escaped (none survive normalize, but still). */
function quote(term: string): string {
  return `'${term.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

export interface TextSearch {
  /** The query's words, as matched (lower-cased, at most MAX_QUERY_TERMS). */
  terms: string[];
  /** The `to_tsquery('simple', …)` text, e.g. `'服务中心' & '党员'` or `'5g' & 'wif':*`. */
  tsquery: string;
  /** `<column> @@ to_tsquery('simple', $1)`: true when the record has every word. */
  matches(column: string): RawBuilder<boolean>;
  /** `ts_rank(<column>, to_tsquery('simple', $1))`: higher is more relevant; order by it descending. */
  rank(column: string): RawBuilder<number>;
}

/**
 * A user's keyword query, cut like the documents and its words ANDed; `null` when it has no
 * words (empty, blank, punctuation or function words only), which means "no filter".
 */
export function textSearch(q: string | null | undefined): TextSearch | null {
  if (typeof q !== "string") return null;
  const terms = [...new Set(words(q, "precise"))].slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  const last = terms.length - 1;
  const tsquery = terms
    .map((t, i) => (i === last && t.length >= 2 && LATIN_OR_DIGITS.test(t) ? `${quote(t)}:*` : quote(t)))
    .join(" & ");
  const query = sql`to_tsquery('simple', ${tsquery})`;
  return {
    terms,
    tsquery,
    matches: (column) => sql<boolean>`${sql.ref(column)} @@ ${query}`,
    rank: (column) => sql<number>`ts_rank(${sql.ref(column)}, ${query})`,
  };
}
