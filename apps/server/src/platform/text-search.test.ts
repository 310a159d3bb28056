import { type Generated, type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseKind } from "../../test/helpers.ts";
import type { Database } from "../db/client.ts";
import type { DB } from "../db/schema.ts";
import { MAX_QUERY_TERMS, searchDocument, searchVector, textSearch } from "./text-search.ts";

type Scratch = {
  ts_docs: { id: Generated<number>; title: string; body: string | null; search: string };
};

let database: Database;
let drop: () => Promise<void>;
let db: Kysely<DB & Scratch>;

const docs: Record<string, [string, string | null]> = {
  sanlian: ["三联村急需修缮村级党群服务中心", "屋顶漏雨，墙体开裂，需要资金和施工队。"],
  chengguan: ["城关社区提供党员志愿服务队", "每月到结对村开展主题党日和义诊。"],
  network: ["龙济村申请5G网络覆盖", "山区信号弱，WiFi只到村部。"],
  fourG: ["灵岩村4G网络改造", null],
  road: ["道路硬化", "修缮通组公路两公里；修缮排水沟。"],
  sales: ["农产品销售与电商培训", "消费帮扶：脐橙、百香果线上销售。"],
};
const ids: Record<string, number> = {};

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  db = database.db.withTables<Scratch>();
  await database.execScript(`
    CREATE TABLE ts_docs (id serial PRIMARY KEY, title text NOT NULL, body text, search tsvector NOT NULL);
    CREATE INDEX ts_docs_search_idx ON ts_docs USING gin (search);`);
  for (const [key, [title, body]] of Object.entries(docs)) {
    const row = await db
      .insertInto("ts_docs")
      .values({ title, body, search: searchVector(title, body) })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[key] = row.id;
  }
});
afterAll(async () => {
  await drop();
});

/** The keys of the documents a query finds, in id order; null query = no filter. */
async function find(q: string): Promise<string[]> {
  const search = textSearch(q);
  let query = db.selectFrom("ts_docs").select("id").orderBy("id");
  if (search) query = query.where(search.matches("ts_docs.search"));
  const rows = await query.execute();
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return rows.map((r) => byId.get(r.id) as string);
}

describe("segmenting (no database)", () => {
  it("indexes a compound word and its parts, lower-cases Latin, drops punctuation and function words", () => {
    expect(searchDocument("需求大厅").split(" ")).toEqual(["需求", "大厅"]);
    const words = searchDocument("党群服务中心", null, "全村5G网络，WiFi！", "村的道路").split(" ");
    expect(words).toEqual(
      expect.arrayContaining(["党群", "服务", "中心", "服务中心", "5g", "网络", "wifi", "村", "道路"]),
    );
    expect(words).not.toContain("的");
    expect(words.join("")).not.toMatch(/[，！\s]/);
    expect(searchDocument(null, "", "！？…")).toBe("");
    // Full-width letters and digits are the ASCII ones.
    expect(searchDocument("ＷｉＦｉ　１２３")).toBe("wifi 123");
  });

  it("cuts a query in the precise mode and ANDs its words, quoted", () => {
    expect(textSearch("服务中心")?.tsquery).toBe("'服务中心'");
    expect(textSearch("党员志愿")?.tsquery).toBe("'党员' & '志愿'");
    expect(textSearch("5G 网络")?.tsquery).toBe("'5g' & '网络'");
    // The last word matches as a prefix when it is Latin or digits (two characters or more).
    expect(textSearch("网络 wif")?.tsquery).toBe("'网络' & 'wif':*");
    expect(textSearch("网络 w")?.tsquery).toBe("'网络' & 'w'");
  });

  it("answers null (no filter) for a query without words", () => {
    for (const q of ["", "   ", "\t\n　", "&|!():*", "'\"\\", "😀👨‍👩‍👧", "的了", "\u0000"])
      expect(textSearch(q), q).toBeNull();
    expect(textSearch(null)).toBeNull();
    expect(textSearch(undefined)).toBeNull();
  });

  it("bounds a long query to its first words", () => {
    const long = "修缮党群服务中心道路硬化饮水安全农产品销售电商培训村干部培训产业发展资金消费帮扶"
      .repeat(6)
      .slice(0, 200);
    expect(long).toHaveLength(200);
    const search = textSearch(long);
    expect(search?.terms.length).toBeGreaterThan(5);
    expect(search?.terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
  });
});

describe(`finding documents (${testDatabaseKind})`, () => {
  it("finds by a word, a word's part, several words, and not otherwise", async () => {
    expect(await find("服务中心")).toEqual(["sanlian"]);
    expect(await find("中心")).toEqual(["sanlian"]);
    expect(await find("服务")).toEqual(["sanlian", "chengguan"]);
    expect(await find("党员志愿")).toEqual(["chengguan"]);
    expect(await find("志愿 服务队")).toEqual(["chengguan"]);
    expect(await find("修缮")).toEqual(["sanlian", "road"]);
    expect(await find("修缮 党群")).toEqual(["sanlian"]);
    expect(await find("消费帮扶")).toEqual(["sales"]);
    expect(await find("电商")).toEqual(["sales"]);
    expect(await find("饮水安全")).toEqual([]);
    expect(await find("党员 修缮")).toEqual([]);
    // Part of a word is not a word.
    expect(await find("务中")).toEqual([]);
  });

  it("finds mixed Latin and digits, case-insensitively, the last one as a prefix", async () => {
    expect(await find("5G 网络")).toEqual(["network"]);
    expect(await find("5g网络")).toEqual(["network"]);
    expect(await find("４Ｇ")).toEqual(["fourG"]);
    expect(await find("网络")).toEqual(["network", "fourG"]);
    expect(await find("WIFI")).toEqual(["network"]);
    expect(await find("wif")).toEqual(["network"]);
    expect(await find("6G 网络")).toEqual([]);
  });

  it("finds a name jieba does not know, cut the same way into characters", async () => {
    expect(searchDocument("龙济村")).toBe("龙 济 村");
    expect(await find("龙济村")).toEqual(["network"]);
    expect(await find("龙济")).toEqual(["network"]);
  });

  it("a query without words is no filter", async () => {
    expect(await find("  ")).toHaveLength(Object.keys(docs).length);
    expect(await find("!!!")).toHaveLength(Object.keys(docs).length);
  });

  it("hostile input never breaks the query", async () => {
    const hostile = [
      "'",
      "''",
      '"服务"',
      "服务'中心",
      "a'b",
      "&|!():*",
      "服务 & | ! ( ) : * 中心",
      "服务 | 党员",
      "!服务",
      "服务:*",
      "'服务中心':A",
      "服务 <-> 中心",
      "\\",
      "\\'",
      "服务\\中心",
      "'); DROP TABLE ts_docs; --",
      "😀",
      "服务😀中心",
      "👨‍👩‍👧 党员",
      "\u0000服务",
      "\ud800修缮",
      "\u0301",
      "服务\u200b中心",
      "ǅ ß ﬁ Ⅻ ①",
      "修缮党群服务中心道路硬化饮水安全农产品销售电商培训村干部培训产业发展资金消费帮扶".repeat(6).slice(0, 200),
      "a".repeat(200),
      "a'".repeat(100),
      "服务".repeat(100),
    ];
    for (const q of hostile) {
      const search = textSearch(q);
      const rows = await find(q);
      expect(Array.isArray(rows), q).toBe(true);
      if (search) {
        // The query text is exactly the words, each quoted: no operator of the user's survives.
        expect(
          search.tsquery
            .replace(/'[^']*'(:\*)?/g, "")
            .replaceAll("&", "")
            .trim(),
          q,
        ).toBe("");
        const ranked = await db
          .selectFrom("ts_docs")
          .select(search.rank("ts_docs.search").as("rank"))
          .where(search.matches("ts_docs.search"))
          .execute();
        expect(ranked.length, q).toBe(rows.length);
      }
    }
    // Operators typed by the user are separators: "|" is not OR, "!" is not NOT.
    expect(await find("服务 | 党员")).toEqual(["chengguan"]);
    expect(await find("!服务")).toEqual(["sanlian", "chengguan"]);
    expect(await find("'); DROP TABLE ts_docs; --")).toEqual([]);
    expect(await find("服务'中心")).toEqual(["sanlian"]);
    expect(await find("服务😀中心")).toEqual(["sanlian"]);
    expect(
      (await db.selectFrom("ts_docs").select(db.fn.countAll<number>().as("n")).executeTakeFirst())?.n,
    ).toBeTruthy();
  });

  it("ranks a document with more of the query's words first", async () => {
    const search = textSearch("修缮");
    if (!search) throw new Error("no search");
    const rows = await db
      .selectFrom("ts_docs")
      .select(["id", search.rank("ts_docs.search").as("rank")])
      .where(search.matches("ts_docs.search"))
      .orderBy("rank", "desc")
      .execute();
    // 道路硬化 says 修缮 twice, 三联村 once.
    expect(rows.map((r) => r.id)).toEqual([ids.road, ids.sanlian]);
    expect(Number(rows[0]?.rank)).toBeGreaterThan(Number(rows[1]?.rank));
  });

  it("the query can use the GIN index", async () => {
    // Enough rows that the planner has a table to speak of; seq scans off so the plan shows
    // whether the index is usable at all (on this little table the planner might prefer a scan).
    await database.execScript(`
      INSERT INTO ts_docs (title, search)
      SELECT 'filler ' || g, to_tsvector('simple', 'filler ' || g || ' 道路 ' || (g % 97))
        FROM generate_series(1, 3000) g;
      ANALYZE ts_docs;`);
    const search = textSearch("修缮 党群服务中心");
    if (!search) throw new Error("no search");
    const plan = await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const explained = await sql<{ "QUERY PLAN": string }>`
        EXPLAIN SELECT id, title FROM ts_docs WHERE ${search.matches("ts_docs.search")}`.execute(trx);
      return explained.rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/Bitmap Index Scan on ts_docs_search_idx/);
    expect(await find("修缮 党群服务中心")).toEqual(["sanlian"]);
  });
});
