/**
 * The demo county's mutual help (issue 8, item 9): two years of needs, resources, two-way claims,
 * help projects with their activities and contributions, and a few pairings, generated
 * deterministically from the county, a seed and a reference date (`today`), like the roster.
 *
 * Every need's history is a sequence of the lifecycle's own steps (needs.lifecycle.ts), replayed
 * here as it is generated, so its status, its claims (an accepted one has a project, a declined one
 * a reason) and its project (completed once the need is confirmed) agree with what the service
 * would have written. Dates run from two years before `today` to the day before it: no event is in
 * the future. Nothing reads the clock or Math.random.
 *
 * Organizations are named by their keys in the county and people by account usernames (the
 * organization's secretary, or the county coordinator who recorded it for a unit without an
 * account); the loader turns both into ids.
 */
import {
  type NeedCategory,
  type NeedStatus,
  needCategories,
  needStatuses,
  planPeriodDays,
  type ResourceCategory,
} from "@huzhu/contracts";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { type NeedAction, type NeedSide, needTransition } from "../modules/needs/needs.lifecycle.ts";
import { searchVector } from "../platform/text-search.ts";
import type { DemoCounty, DemoOrg } from "./generate.ts";
import { hashString, mulberry32, pick, type Rng, randInt, weighted } from "./random.ts";

export type ClaimStatus = "pending" | "accepted" | "declined" | "withdrawn";
export type Visibility = "superiors" | "partners" | "region";

export interface DemoNeedStep {
  action: NeedAction;
  side: NeedSide;
  /** YYYY-MM-DD */
  on: string;
}

export interface DemoNeed {
  orgKey: string;
  category: NeedCategory;
  title: string;
  description: string;
  expectedOutcome: string | null;
  budgetFen: number | null;
  deadline: string | null;
  urgency: "low" | "normal" | "high" | "urgent";
  visibility: Visibility;
  status: NeedStatus;
  rating: number | null;
  ratingComment: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The lifecycle steps that led here, in order (not stored: the test replays them). */
  steps: DemoNeedStep[];
}

export interface DemoResource {
  orgKey: string;
  category: ResourceCategory;
  title: string;
  description: string;
  capacity: string | null;
  availableFrom: string | null;
  availableTo: string | null;
  conditions: string | null;
  visibility: Visibility;
  status: "active" | "withdrawn";
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface DemoClaim {
  /** Index into needs, or null for a request for a resource. */
  need: number | null;
  resource: number | null;
  direction: "offer" | "request" | "assign";
  helperOrgKey: string;
  recipientOrgKey: string;
  message: string | null;
  status: ClaimStatus;
  declineReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Index into projects, for an accepted claim. */
  project: number | null;
  createdBy: string;
  createdAt: string;
}

export interface DemoActivity {
  occurredOn: string;
  type: "theme_day" | "training" | "visit" | "investment" | "purchase" | "volunteer_service" | "other";
  description: string;
  participants: number;
  hours: number;
  recordedByOrgKey: string;
  createdBy: string;
}

export interface DemoContribution {
  giverOrgKey: string;
  receiverOrgKey: string;
  kind: "money" | "goods" | "volunteer_hours" | "cadre_days";
  amountFen: number | null;
  valueFen: number | null;
  hours: number | null;
  description: string;
  status: "recorded" | "confirmed";
  confirmedBy: string | null;
  confirmedAt: string | null;
  createdBy: string;
  createdAt: string;
}

export interface DemoProject {
  title: string;
  need: number | null;
  resource: number | null;
  status: "active" | "completed";
  goals: string;
  planRule: string | null;
  planPeriodDays: number | null;
  startedOn: string;
  /** The day the need was confirmed (a completed project), else null. */
  endedOn: string | null;
  parties: { orgKey: string; side: "helper" | "recipient" }[];
  activities: DemoActivity[];
  contributions: DemoContribution[];
  createdAt: string;
  updatedAt: string;
}

export interface DemoPairing {
  helperOrgKey: string;
  recipientOrgKey: string;
  form: "urban_rural" | "rural_rural" | "urban_urban";
  status: "active";
  startsOn: string;
  endsOn: string;
}

export interface DemoHelp {
  pairings: DemoPairing[];
  needs: DemoNeed[];
  resources: DemoResource[];
  claims: DemoClaim[];
  projects: DemoProject[];
}

// ---------------------------------------------------------------------------------------------
// Randomness and days (the roster's PRNG, random.ts)

const int = randInt;
function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A moment of a working day, China time (a timestamptz literal). */
const stamp = (rng: Rng, day: number) =>
  `${isoOf(day)}T${String(int(rng, 8, 18)).padStart(2, "0")}:${String(int(rng, 0, 59)).padStart(2, "0")}:00+08:00`;
/** A moment of that day no earlier than `prev` (same format and offset, so strings compare as times). */
const stampAfter = (rng: Rng, day: number, prev: string) => {
  const s = stamp(rng, day);
  return s < prev ? prev : s;
};
const yuan = (n: number) => n * 100;

// ---------------------------------------------------------------------------------------------
// The county's organizations, as the texts name them

interface Place {
  key: string;
  /** Short name: 三联村, 平川街道东门社区, 武平县财政局. */
  name: string;
  /** What the texts call it with its town: 中山镇三联村. */
  full: string;
  category: DemoOrg["category"];
  town: string | null;
  townName: string;
  /** 0..1, higher for a weaker village (软弱涣散 or 经济薄弱): it asks more. */
  weakness: number;
  account: string;
  /** A local product, for villages. */
  produce: string;
}

const PRODUCE = [
  "象洞鸡",
  "百香果",
  "梁野山绿茶",
  "紫灵芝",
  "高山稻米",
  "笋干",
  "客家米粉",
  "仙草",
  "蜜柚",
  "富贵籽盆景",
  "林下养蜂蜂蜜",
  "脐橙",
] as const;

function shortName(org: DemoOrg): string {
  return org.name
    .replace(/^中共/, "")
    .replace(/(工作)?委员会$/, "")
    .replace(/(总)?支部$/, "")
    .replace(/^县/, "武平县");
}

// ---------------------------------------------------------------------------------------------
// Texts

interface NeedText {
  title: string;
  description: string;
  outcome: string;
  budget: readonly [number, number] | null;
}

function needText(rng: Rng, category: NeedCategory, p: Place): NeedText {
  const v = p.name;
  const hh = int(rng, 180, 820);
  const pm = int(rng, 22, 68);
  const income = int(rng, 3, 9);
  const produce = p.produce;
  const intro =
    p.category === "village"
      ? `${v}位于${p.townName}，全村${hh}户${hh * 4 - int(rng, 0, 200)}人，党员${pm}名。`
      : p.category === "urban_community"
        ? `${v}辖区居民${hh * 3}户，党员${pm}名，其中在职党员报到${int(rng, 20, 90)}名。`
        : `${v}有党员${pm}名。`;
  const by: Record<NeedCategory, () => NeedText> = {
    diagnosis: () =>
      pick(rng, [
        {
          title: `帮助${v}找差距、理思路、定措施，制定村级三年发展规划`,
          description: `${intro}近年来村集体经济年收入不足${income}万元，村“两委”对发展方向把握不准，群众反映的问题解决不够及时。希望结对单位派员驻村调研，帮助找差距、理思路、定措施，共同制定村级三年发展规划。`,
          outcome: "形成一份经村民代表会议通过的三年发展规划和年度任务清单。",
          budget: null,
        },
        {
          title: `${v}软弱涣散党组织整顿：请帮助查找问题、制定整改措施`,
          description: `${intro}${v}党支部被列为软弱涣散党组织整顿对象，主要问题是组织生活不规范、班子凝聚力不强。请上级党组织和结对单位帮助逐项查找问题，制定整改措施，限期整顿转化。`,
          outcome: "整改清单逐项销号，年底通过整顿转化验收。",
          budget: null,
        },
        {
          title: `${v}村情调研和集体经济发展路径分析`,
          description: `${intro}村里有闲置山林和${int(rng, 2, 8)}处闲置房屋，但缺少懂市场的人。请帮助开展村情调研，分析资源禀赋，提出发展村集体经济的可行路径。`,
          outcome: "提交调研报告和两到三个可落地的项目建议。",
          budget: [5000, 20000],
        },
      ]),
    funds: () =>
      pick(rng, [
        {
          title: `筹集${v}${produce}产业发展资金`,
          description: `${intro}村里计划扩大${produce}种养规模，带动${int(rng, 20, 80)}户群众增收，目前产业发展资金缺口约${int(rng, 8, 40)}万元。希望结对单位帮助筹资金，或对接产业扶持政策和金融信贷。`,
          outcome: "资金到位，项目年内开工，带动农户增收。",
          budget: [80000, 400000],
        },
        {
          title: `${v}村集体经济项目启动资金`,
          description: `${intro}${v}拟利用闲置厂房发展来料加工，村集体经济薄弱，启动资金不足。请帮助筹集资金并协调设备。`,
          outcome: "来料加工点建成运营，村集体年增收5万元以上。",
          budget: [50000, 200000],
        },
        {
          title: `${v}困难党员帮扶基金筹集`,
          description: `${intro}村里有${int(rng, 3, 12)}名生活困难党员，多为老党员和因病致困党员。希望设立困难党员帮扶基金，常态化开展帮扶。`,
          outcome: "建立帮扶基金和使用管理办法，困难党员得到定期帮扶。",
          budget: [20000, 80000],
        },
      ]),
    development: () =>
      pick(rng, [
        {
          title: `${v}乡村旅游发展谋划与招商对接`,
          description: `${intro}${v}生态环境好，有客家古民居和梯田景观，适合发展乡村旅游。希望帮助谋发展：编制旅游线路，对接旅游企业和民宿投资。`,
          outcome: "引进一家旅游经营主体，形成一条精品旅游线路。",
          budget: [30000, 150000],
        },
        {
          title: `${v}林下经济项目谋划（${pick(rng, ["灵芝", "养蜂", "中草药", "竹荪"])}）`,
          description: `${intro}村里有林地${int(rng, 3000, 20000)}亩，发展林下经济条件较好。请帮助引进技术和经营主体，采取“党支部+合作社+农户”模式发展林下经济。`,
          outcome: "成立专业合作社，带动农户参与林下种养。",
          budget: [50000, 200000],
        },
        {
          title: `盘活${v}闲置校舍发展村集体经济`,
          description: `${intro}村小撤并后校舍闲置多年。希望结对单位帮助策划用途，引进企业租赁经营，增加村集体收入。`,
          outcome: "闲置校舍出租或改造利用，村集体年增收3万元以上。",
          budget: [20000, 100000],
        },
      ]),
    leadership: () =>
      pick(rng, [
        {
          title: `建强${v}党支部班子，请求机关党支部结对帮带`,
          description: `${intro}${v}“两委”班子平均年龄偏大，带富能力不强。希望机关党支部结对帮带，选派骨干驻村指导，帮助建强班子。`,
          outcome: "班子成员完成轮训，培养村级后备干部2至3名。",
          budget: null,
        },
        {
          title: `${v}后备干部培养：物色和培养致富带头人`,
          description: `${intro}村里外出务工人员多，后备力量不足。请帮助从返乡青年、致富能手中物色培养对象，安排跟班学习。`,
          outcome: "建立村级后备干部库，每年发展1至2名青年党员。",
          budget: [5000, 20000],
        },
        {
          title: `${v}请求选派第一书记和驻村工作队`,
          description: `${intro}${v}党组织战斗力较弱，群众反映问题较多。请求选派第一书记和驻村工作队，帮助建班子、带队伍。`,
          outcome: "第一书记到岗，驻村满两年，党组织晋位升级。",
          budget: null,
        },
      ]),
    venue: () =>
      pick(rng, [
        {
          title: `修缮${v}村级党群服务中心`,
          description: `${intro}${v}党群服务中心建于${int(rng, 1998, 2008)}年，屋面漏水、墙体开裂，会议室容纳不下全体党员。急需修缮村级党群服务中心，完善便民服务功能。`,
          outcome: "完成屋面和墙体修缮，会议室、便民服务室投入使用。",
          budget: [80000, 300000],
        },
        {
          title: `${v}党员活动室添置桌椅和远程教育设备`,
          description: `${intro}党员活动室桌椅老旧，远程教育终端已损坏，“三会一课”和党员学习受影响。请帮助添置桌椅、投影和远程教育设备。`,
          outcome: "活动室设备齐全，远程教育站点恢复正常使用。",
          budget: [15000, 60000],
        },
        {
          title: `${v}新时代文明实践站建设`,
          description: `${intro}希望把村里闲置的祠堂改造为新时代文明实践站，开展理论宣讲、文化活动和志愿服务。请帮助设计和筹建。`,
          outcome: "文明实践站挂牌运行，每月至少开展一次活动。",
          budget: [30000, 120000],
        },
      ]),
    institutions: () =>
      pick(rng, [
        {
          title: `帮助${v}建立健全“三会一课”等制度`,
          description: `${intro}${v}党支部组织生活不够规范，会议记录不全。请结对单位的党务骨干帮助建立健全“三会一课”、主题党日和组织生活会制度，做好台账。`,
          outcome: "制度上墙、台账规范，组织生活按时开展。",
          budget: null,
        },
        {
          title: `${v}村务公开和财务管理制度规范化`,
          description: `${intro}村级财务管理不够规范，村务公开不及时，群众有意见。请帮助建立健全村务公开、财务审批和“四议两公开”制度。`,
          outcome: "村务按月公开，财务审批流程规范，群众满意度提高。",
          budget: [3000, 10000],
        },
        {
          title: `${v}党员积分管理制度建设`,
          description: `${intro}希望借鉴城市社区经验，建立党员积分管理和设岗定责制度，激励党员发挥作用。`,
          outcome: "积分管理办法通过党员大会，按季度公示积分。",
          budget: null,
        },
      ]),
    economy: () =>
      pick(rng, [
        {
          title: `${v}${produce}销售难，请求消费帮扶`,
          description: `${intro}今年${v}${produce}丰收，但受市场影响销售不畅，约${int(rng, 5, 40)}吨${produce}亟待销售。恳请机关、学校、医院食堂和结对单位开展消费帮扶，帮助农产品销售。`,
          outcome: `帮助销售${produce}，户均增收2000元以上。`,
          budget: null,
        },
        {
          title: `${v}农产品销售渠道对接（消费帮扶）`,
          description: `${intro}村里${produce}品质好，但缺少稳定的销售渠道。希望与城区单位食堂、超市建立长期采购关系，开展常态化消费帮扶。`,
          outcome: "建立两家以上长期采购单位。",
          budget: null,
        },
        {
          title: `${v}农村电商服务站建设`,
          description: `${intro}村里年轻人想通过网络销售${produce}，但缺少场地、设备和运营经验。请帮助建设农村电商服务站，对接快递物流。`,
          outcome: "电商服务站投入运营，年网销额突破30万元。",
          budget: [30000, 100000],
        },
        {
          title: `${v}${produce}产业技术指导`,
          description: `${intro}村里${produce}产业规模扩大后，病虫害防治和品质提升成为难题。请农业技术人员定期到村指导。`,
          outcome: "每季度开展一次现场指导，亩产和品质明显提升。",
          budget: [5000, 20000],
        },
      ]),
    livelihood: () =>
      pick(rng, [
        {
          title: `${v}${pick(rng, ["至", "通往"])}${pick(rng, ["上坪", "下洋", "坑口", "岭背", "新屋", "老屋"])}自然村道路硬化`,
          description: `${intro}该段村道长约${(int(rng, 12, 45) / 10).toFixed(1)}公里，仍是泥土路，雨天群众出行和农产品运输十分困难。请帮助争取项目资金，实施道路硬化。`,
          outcome: "道路硬化完成并通过验收，群众出行和农产品运输方便。",
          budget: [200000, 800000],
        },
        {
          title: `${v}饮水安全工程：自来水管网延伸`,
          description: `${intro}${int(rng, 30, 150)}户群众仍饮用山泉水，旱季缺水，水质没有保障。请帮助实施饮水安全工程，延伸自来水管网。`,
          outcome: "全村通自来水，水质检测合格。",
          budget: [150000, 500000],
        },
        {
          title: `${v}村卫生室设备更新和义诊`,
          description: `${intro}村卫生室设备简陋，留守老人看病要到镇上。请医院党组织帮助更新设备，定期到村义诊。`,
          outcome: "卫生室设备更新，每季度义诊一次。",
          budget: [20000, 80000],
        },
        {
          title: `${v}留守儿童课后辅导`,
          description: `${intro}村里有留守儿童${int(rng, 20, 70)}名，课后无人辅导。请学校党组织和志愿者帮助开展课后辅导和暑期托管。`,
          outcome: "每周开展两次课后辅导，暑期开办托管班。",
          budget: [5000, 20000],
        },
        {
          title: `${v}安装太阳能路灯`,
          description: `${intro}村主干道和集中居住点没有路灯，群众夜间出行不便，存在安全隐患。请帮助安装太阳能路灯${int(rng, 30, 90)}盏。`,
          outcome: "路灯安装到位，夜间照明覆盖主干道。",
          budget: [40000, 150000],
        },
      ]),
    poverty_relief: () =>
      pick(rng, [
        {
          title: `${v}困难党员和脱贫户结对帮扶`,
          description: `${intro}村里有生活困难党员${int(rng, 3, 10)}名、脱贫户${int(rng, 10, 40)}户，部分家庭因病因残收入不稳定。请结对单位党员“一对一”结对帮扶，扶贫帮困。`,
          outcome: "每户困难党员和脱贫户都有结对党员，定期走访。",
          budget: [10000, 60000],
        },
        {
          title: `${v}${int(rng, 5, 20)}户防返贫监测户帮扶`,
          description: `${intro}经排查，${v}有防返贫监测户需要帮扶。请帮助落实产业、就业帮扶措施，防止返贫。`,
          outcome: "监测户全部落实帮扶措施，风险消除。",
          budget: [20000, 80000],
        },
        {
          title: `${v}困难家庭学生助学`,
          description: `${intro}村里有${int(rng, 4, 15)}名困难家庭学生，希望爱心单位提供助学金和学习用品。`,
          outcome: "困难学生每学期得到资助，无一人因贫辍学。",
          budget: [10000, 40000],
        },
      ]),
    training: () =>
      p.category === "government_organ" || p.category === "school" || p.category === "hospital"
        ? pick(rng, [
            {
              title: `${v}年轻干部到村跟班历练`,
              description: `${intro}单位近年新进年轻干部较多，缺少基层工作经历。希望农村党组织提供历练作风的基层阵地，安排年轻干部到村跟班学习，参与村务工作。`,
              outcome: "每名年轻干部到村历练不少于一个月。",
              budget: null,
            },
            {
              title: `${v}党员到农村开展党性教育和国情教育`,
              description: `${intro}希望与农村党支部共建党性教育基地，组织党员到村开展主题党日和实践锻炼。`,
              outcome: "每季度一次联合主题党日。",
              budget: null,
            },
          ])
        : pick(rng, [
            {
              title: `${v}电商培训：直播带货和网店运营`,
              description: `${intro}村里${produce}想拓宽网上销路，党员和青年对电商很有兴趣但不懂操作。请帮助开展电商培训，讲授直播带货、网店运营和包装物流。`,
              outcome: `培训${int(rng, 20, 50)}人次，开设网店或直播账号3个以上。`,
              budget: [5000, 20000],
            },
            {
              title: `${v}村干部培训：党务、村务和财务管理`,
              description: `${intro}村干部换届后新人较多，对党务、村务和财务管理不熟悉。请机关党务骨干到村开展村干部培训。`,
              outcome: "村干部全员轮训，党务村务工作规范化。",
              budget: [3000, 10000],
            },
            {
              title: `${v}农民实用技术培训（${produce}）`,
              description: `${intro}请农业技术人员开展${produce}种养实用技术培训，提升群众发展产业的本领。`,
              outcome: "每年培训不少于两期，每期30人以上。",
              budget: [3000, 15000],
            },
          ]),
    other: () =>
      pick(rng, [
        {
          title: `${v}移风易俗和文明乡风宣传`,
          description: `${intro}村里红白喜事大操大办现象仍存在。希望结对单位帮助开展移风易俗宣传，修订村规民约。`,
          outcome: "修订村规民约，组建红白理事会。",
          budget: [2000, 8000],
        },
        {
          title: `${v}防汛物资储备和应急演练`,
          description: `${intro}${v}地处山区，汛期易发生山洪和地质灾害。请帮助储备防汛物资，组织党员应急分队开展演练。`,
          outcome: "防汛物资储备到位，开展一次应急演练。",
          budget: [10000, 30000],
        },
        {
          title: `${v}重阳节慰问高龄老人和孤寡老人`,
          description: `${intro}村里80岁以上老人${int(rng, 15, 60)}名，其中孤寡老人若干。希望开展重阳节慰问和志愿服务。`,
          outcome: "慰问全部高龄老人，建立志愿者定期探访机制。",
          budget: [5000, 20000],
        },
      ]),
  };
  if (category === "other" && p.category !== "village" && p.category !== "urban_community") {
    return pick(rng, [
      {
        title: `${v}寻找农耕教育和社会实践基地`,
        description: `${intro}希望与农村党支部共建农耕教育和社会实践基地，组织党员和青年到村参加农事劳动、走访群众，双向交流、互学互助。`,
        outcome: "签订共建协议，每学期或每季度到村实践一次。",
        budget: null,
      },
      {
        title: `${v}与农村党支部联建共建，开展联合主题党日`,
        description: `${intro}希望与一个农村党支部结对联建，轮流在城乡两地开展主题党日，互学党建经验，把支部建在一线。`,
        outcome: "每季度一次联合主题党日，形成共建清单。",
        budget: null,
      },
    ]);
  }
  if (p.category === "urban_community") {
    const community: Partial<Record<NeedCategory, () => NeedText>> = {
      venue: () => ({
        title: `${v}党群服务站改造提升`,
        description: `${intro}社区党群服务站面积小、功能少，不能满足居民议事和活动需要。请帮助改造提升，增设议事厅和儿童之家。`,
        outcome: "服务站改造完成，议事厅和儿童之家开放。",
        budget: [50000, 200000],
      }),
      livelihood: () => ({
        title: `${v}老旧小区加装电梯和停车位改造`,
        description: `${intro}辖区老旧小区多，老年人上下楼难、停车难。请共建单位帮助协调加装电梯和停车位改造。`,
        outcome: "完成两栋楼加装电梯试点，新增停车位。",
        budget: [100000, 400000],
      }),
      training: () => ({
        title: `${v}网格员和社区工作者培训`,
        description: `${intro}社区网格员多为新招录人员，群众工作经验不足。请帮助开展网格化治理和矛盾调解培训。`,
        outcome: "网格员全员培训，矛盾纠纷就地化解率提高。",
        budget: [3000, 10000],
      }),
    };
    const own = community[category];
    if (own) return own();
  }
  return by[category]();
}

const RATING_COMMENTS: Record<number, readonly string[]> = {
  5: [
    "帮扶单位真心实意，项目按期完成，群众非常满意。",
    "结对单位多次到村对接，解决了我们的大难题，感谢！",
    "帮扶措施实在，双方建立了长期合作关系，效果很好。",
    "干部驻村时间长、作风扎实，村“两委”班子也得到锻炼。",
  ],
  4: [
    "总体满意，个别事项推进稍慢，但最终落实到位。",
    "帮扶效果明显，希望今后继续常态化开展共建活动。",
    "资金和技术都到位了，后续管护还需要加强。",
  ],
  3: ["基本完成，但与预期还有差距，后续需要继续跟进。", "帮扶以资金为主，双方交流活动偏少。"],
  2: ["落实不够及时，群众反映一般。"],
  1: ["对接后进展缓慢，问题没有得到实质解决。"],
};

const DECLINE_REASONS = [
  "本单位今年帮扶任务已饱和，建议对接其他单位。",
  "所需资金超出本单位能力范围。",
  "已有结对单位承接此事，感谢关心。",
  "需求与本单位专业特长不符，建议对接农业部门。",
  "时间安排冲突，下半年再联系。",
];

const OFFER_MESSAGES = [
  "我单位党支部愿意认领，下周安排人员到村对接。",
  "我们有相关经验和资源，愿意结对帮扶。",
  "可以组织党员志愿者参与，并协调部分资金。",
  "单位领导已同意，想先到实地看看再定方案。",
];

// ---------------------------------------------------------------------------------------------

export interface GenerateHelpOptions {
  seed?: number;
  today: string;
}

const NEED_STATUS_COUNTS: Readonly<Record<NeedStatus, number>> = {
  draft: 14,
  open: 34,
  claimed: 18,
  in_progress: 34,
  delivered: 14,
  confirmed: 30,
  closed: 48,
  withdrawn: 16,
  expired: 22,
};

const CATEGORY_WEIGHTS: readonly (readonly [NeedCategory, number])[] = [
  ["diagnosis", 6],
  ["funds", 9],
  ["development", 9],
  ["leadership", 7],
  ["venue", 11],
  ["institutions", 6],
  ["economy", 14],
  ["livelihood", 14],
  ["poverty_relief", 10],
  ["training", 10],
  ["other", 4],
];

/** Plans of joint activities: a theme day each quarter most often. */
const PLANS: readonly (readonly [string | null, number])[] = [
  ["FREQ=MONTHLY;INTERVAL=3", 45],
  ["FREQ=MONTHLY", 20],
  ["FREQ=MONTHLY;INTERVAL=2", 15],
  ["FREQ=MONTHLY;INTERVAL=6", 8],
  [null, 12],
];

export function generateDemoHelp(county: DemoCounty, options: GenerateHelpOptions): DemoHelp {
  const seed = (options.seed ?? 350824) >>> 0;
  const today = dayOf(options.today);
  const last = today - 1; // every event happens by yesterday
  const first = today - 730;
  const rng = mulberry32(hashString("help", seed));
  const empty: DemoHelp = { pairings: [], needs: [], resources: [], claims: [], projects: [] };

  // Accounts: each organization's secretary, else the county coordinator who records for it.
  const secretaryOf = new Map<string, string>();
  let coordinator: string | undefined;
  for (const a of county.accounts) {
    for (const r of a.roles) {
      if (r.role === "secretary" && r.orgKey && !secretaryOf.has(r.orgKey)) secretaryOf.set(r.orgKey, a.username);
      if (r.role === "coordinator" && r.orgKey === "county" && !coordinator) coordinator = a.username;
    }
  }
  coordinator ??= county.accounts[0]?.username;
  if (!coordinator) return empty;
  const coord = coordinator;

  const byKey = new Map(county.orgs.map((o) => [o.key, o]));
  const townNameOf = (code: string | null) => {
    const t = code ? byKey.get(`town:${code}`) : undefined;
    return t ? shortName(t) : "县城";
  };
  const places: Place[] = [];
  for (const org of county.orgs) {
    if (!/^(village|community|unit):/.test(org.key)) continue;
    const town = org.parentKey?.startsWith("town:") ? org.parentKey.slice(5) : null;
    const own = mulberry32(hashString(`help:${org.key}`, seed));
    const w = own();
    const townName = townNameOf(town);
    const name = shortName(org);
    places.push({
      key: org.key,
      name,
      full: org.category === "village" || org.category === "urban_community" ? `${townName}${name}` : name,
      category: org.category,
      town,
      townName,
      // A quarter of the villages are weak (软弱涣散 or 经济薄弱).
      weakness: org.category === "village" ? (w < 0.25 ? 1 : w < 0.6 ? 0.4 : 0.15) : 0,
      account: secretaryOf.get(org.key) ?? coord,
      produce: pick(own, PRODUCE),
    });
  }
  const villages = places.filter((p) => p.category === "village");
  const communities = places.filter((p) => p.category === "urban_community");
  const organs = places.filter((p) => p.category === "government_organ");
  const countyOrgans = organs.filter((p) => p.town === null);
  const enterprises = places.filter((p) => p.category === "state_enterprise" || p.category === "private_enterprise");
  const schools = places.filter((p) => p.category === "school");
  const hospitals = places.filter((p) => p.category === "hospital");
  const social = places.filter((p) => p.category === "social_organization");
  const urbanHelpers = [...countyOrgans, ...communities, ...enterprises, ...schools, ...hospitals];
  if (villages.length < 4 || urbanHelpers.length < 4) return empty;
  const placeOf = new Map(places.map((p) => [p.key, p]));

  // Pairings: county organs, urban communities and state enterprises with weak villages (城联乡),
  // strong villages with weak ones (乡联乡), and two communities (城联城).
  const pairings: DemoPairing[] = [];
  const partnersOf = new Map<string, string[]>();
  const pair = (helper: Place, recipient: Place, form: DemoPairing["form"]) => {
    const start = first + int(rng, 0, 200);
    pairings.push({
      helperOrgKey: helper.key,
      recipientOrgKey: recipient.key,
      form,
      status: "active",
      startsOn: isoOf(start),
      endsOn: isoOf(start + 365 * 3),
    });
    for (const [a, b] of [
      [helper.key, recipient.key],
      [recipient.key, helper.key],
    ] as const) {
      partnersOf.set(a, [...(partnersOf.get(a) ?? []), b]);
    }
  };
  const weakest = [...villages].sort((a, b) => b.weakness - a.weakness || (a.key < b.key ? -1 : 1));
  const pairHelpers = shuffle(rng, [
    ...countyOrgans,
    ...communities.slice(0, 6),
    ...enterprises.filter((e) => e.category === "state_enterprise"),
  ]);
  for (let i = 0; i < Math.min(18, pairHelpers.length, weakest.length); i++) {
    pair(pairHelpers[i] as Place, weakest[i] as Place, "urban_rural");
  }
  const strong = villages.filter((v) => v.weakness < 0.2);
  for (let i = 0; i < 3 && i < strong.length; i++) {
    const s = strong[i] as Place;
    const w = weakest.find((x) => x.town === s.town && x !== s && !partnersOf.has(x.key) && x.weakness > 0.2);
    if (w) pair(s, w, "rural_rural");
  }
  if (communities.length >= 4) {
    pair(communities[0] as Place, communities[3] as Place, "urban_urban");
  }

  /** A helper near the recipient: its partner, its town's units, county organs, communities, a village. */
  const helperFor = (r: Place, category: NeedCategory, exclude: Set<string>): Place => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const partners = (partnersOf.get(r.key) ?? []).map((k) => placeOf.get(k) as Place);
      const local = places.filter(
        (p) => p.town === r.town && p.key !== r.key && p.category !== "village" && p.category !== "urban_community",
      );
      const medical = category === "livelihood" ? hospitals : [];
      const teaching = category === "training" || category === "livelihood" ? schools : [];
      const pool = weighted(rng, [
        [partners, partners.length ? 30 : 0],
        [local, local.length ? 18 : 0],
        [countyOrgans, 26],
        [communities, r.category === "village" ? 10 : 2],
        [enterprises, category === "economy" || category === "funds" || category === "development" ? 16 : 6],
        [medical, medical.length ? 10 : 0],
        [teaching, teaching.length ? 8 : 0],
        [villages.filter((v) => v.town === r.town && v.weakness < 0.2), r.category === "village" ? 4 : 0],
        [villages, r.category === "village" ? 0 : 20],
      ] as const);
      if (pool.length === 0) continue;
      const h = pick(rng, pool);
      if (h.key !== r.key && !exclude.has(h.key)) return h;
    }
    return pick(
      rng,
      urbanHelpers.filter((h) => h.key !== r.key && !exclude.has(h.key)),
    );
  };

  // ----- needs, their claims and their projects -----
  const needs: DemoNeed[] = [];
  const claims: DemoClaim[] = [];
  const projects: DemoProject[] = [];
  const posterPool: (readonly [Place, number])[] = [
    ...villages.map((v) => [v, 0.4 + v.weakness * 2.2] as const),
    ...communities.map((c) => [c, 1.4] as const),
    ...organs.filter((o) => o.town === null).map((o) => [o, 0.6] as const),
    ...schools.map((s) => [s, 1] as const),
    ...hospitals.map((h) => [h, 0.8] as const),
  ];
  const villagePool = posterPool.filter(([p]) => p.category === "village");
  const usedTitles = new Set<string>();
  const statuses = shuffle(
    rng,
    needStatuses.flatMap((s) => Array.from({ length: NEED_STATUS_COUNTS[s] }, () => s)),
  );

  statuses.forEach((status, index) => {
    // The first needs cover every category, posted by villages; the rest follow the weights.
    const owner = weighted(rng, index < needCategories.length ? villagePool : posterPool);
    const urbanOwner = owner.category !== "village";
    let category: NeedCategory =
      index < needCategories.length ? (needCategories[index] as NeedCategory) : weighted(rng, CATEGORY_WEIGHTS);
    if (urbanOwner && owner.category !== "urban_community") category = index % 3 === 0 ? "other" : "training";
    // One title once: a village asking twice for the same thing reads like a copy.
    let text = needText(rng, category, owner);
    for (let tries = 0; usedTitles.has(text.title) && tries < 8; tries++) text = needText(rng, category, owner);
    usedTitles.add(text.title);

    // The plan of the history: gaps between steps, then the day it was created.
    const gap = {
      claim: int(rng, 2, 25),
      accept: int(rng, 1, 12),
      start: int(rng, 5, 35),
      deliver: int(rng, 40, 240),
      confirm: int(rng, 3, 25),
      close: int(rng, 10, 70),
    };
    const plan: [NeedAction, NeedSide, number][] = [];
    const reaches = (s: NeedStatus, ...list: NeedStatus[]) => list.includes(s);
    const accepted = reaches(status, "claimed", "in_progress", "delivered", "confirmed", "closed");
    let span = 0;
    if (accepted) span += gap.claim + gap.accept;
    if (reaches(status, "in_progress", "delivered", "confirmed", "closed")) span += gap.start;
    if (reaches(status, "delivered", "confirmed", "closed")) span += gap.deliver;
    if (reaches(status, "confirmed", "closed")) span += gap.confirm;
    if (status === "closed") span += gap.close;
    const slackMax: Record<NeedStatus, number> = {
      draft: 45,
      open: 80,
      claimed: 30,
      in_progress: 200,
      delivered: 25,
      confirmed: 400,
      closed: 700,
      withdrawn: 690,
      expired: 600,
    };
    const slack = int(rng, 0, Math.max(0, Math.min(slackMax[status], last - first - span - 60)));
    let created = last - span - slack;
    if (status === "withdrawn") created = last - int(rng, 10, 690);
    if (status === "expired") created = last - int(rng, 60, 700);
    created = Math.max(first, created);

    let deadline: number | null = created + int(rng, 60, 240);
    if (status === "open" || status === "draft")
      deadline = rng() < 0.2 ? null : Math.max(deadline, today + int(rng, 14, 150));
    if (status === "expired") deadline = Math.min(created + int(rng, 30, 90), last - 1);
    const urgency = weighted(rng, [
      ["low", 10],
      ["normal", 55],
      ["high", 25],
      ["urgent", 10],
    ] as const);
    const visibility: Visibility =
      (partnersOf.get(owner.key)?.length ?? 0) > 0 && rng() < 0.35 ? "partners" : rng() < 0.85 ? "region" : "superiors";

    const need = needs.length;
    let day = created;
    if (status !== "draft") plan.push(["publish", "owner", created]);
    // Helpers accepted, in order; the first one (or the coordinator's assignee) starts the project.
    const helpers: Place[] = [];
    const taken = new Set<string>([owner.key]);
    let acceptDay = 0;
    const claimLimit = (() => {
      if (!accepted)
        return status === "withdrawn" ? created + int(rng, 5, 60) : status === "expired" ? (deadline ?? last) : last;
      return 0;
    })();
    if (status === "withdrawn") plan.push(["withdraw", "owner", Math.min(claimLimit, last)]);
    if (status === "expired") plan.push(["expire", "system", Math.min((deadline ?? last) + 1, last)]);
    if (accepted) {
      day = created + gap.claim;
      const lead = helperFor(owner, category, taken);
      taken.add(lead.key);
      helpers.push(lead);
      acceptDay = day + gap.accept;
      const assigned = rng() < 0.15 && owner.category === "village";
      if (assigned) {
        plan.push(["assign", "superior", acceptDay]);
        const at = stamp(rng, acceptDay);
        claims.push({
          need,
          resource: null,
          direction: "assign",
          helperOrgKey: lead.key,
          recipientOrgKey: owner.key,
          message: `经县委组织部统筹，安排${lead.name}结对帮扶${owner.name}。`,
          status: "accepted",
          declineReason: null,
          decidedBy: coord,
          decidedAt: at,
          project: projects.length,
          createdBy: coord,
          createdAt: at,
        });
      } else {
        plan.push(["claim", "helper", day], ["accept", "owner", acceptDay]);
        claims.push({
          need,
          resource: null,
          direction: "offer",
          helperOrgKey: lead.key,
          recipientOrgKey: owner.key,
          message: pick(rng, OFFER_MESSAGES),
          status: "accepted",
          declineReason: null,
          decidedBy: owner.account,
          decidedAt: stamp(rng, acceptDay),
          project: projects.length,
          createdBy: lead.account,
          createdAt: stamp(rng, day),
        });
      }
    }
    const startDay = acceptDay + gap.start;
    const started = reaches(status, "in_progress", "delivered", "confirmed", "closed");
    if (started) plan.push(["start", "helper", startDay]);
    // A second helper joins a project now and then (多帮一), while the need is still claimed.
    if (started && gap.start >= 4 && rng() < 0.18) {
      const second = helperFor(owner, category, taken);
      taken.add(second.key);
      helpers.push(second);
      const c = acceptDay + 1;
      const a = Math.min(c + int(rng, 1, gap.start - 2), startDay - 1);
      plan.push(["claim", "helper", c], ["accept", "owner", a]);
      claims.push({
        need,
        resource: null,
        direction: "offer",
        helperOrgKey: second.key,
        recipientOrgKey: owner.key,
        message: pick(rng, OFFER_MESSAGES),
        status: "accepted",
        declineReason: null,
        decidedBy: owner.account,
        decidedAt: stamp(rng, a),
        project: projects.length,
        createdBy: second.account,
        createdAt: stamp(rng, c),
      });
    }
    const deliverDay = startDay + gap.deliver;
    const confirmDay = deliverDay + gap.confirm;
    const closeDay = confirmDay + gap.close;
    if (reaches(status, "delivered", "confirmed", "closed")) plan.push(["deliver", "helper", deliverDay]);
    if (reaches(status, "confirmed", "closed")) plan.push(["confirm", "owner", confirmDay]);
    if (status === "closed") plan.push(["close", "owner", closeDay]);

    // Other offers: declined with a reason, withdrawn by their maker, or still waiting. They are
    // made while the need is open or claimed and answered before today.
    if (status !== "draft") {
      const windowEnd = accepted ? (started ? startDay - 1 : last) : Math.min(claimLimit - 1, last);
      const extra = status === "open" ? int(rng, 0, 2) : rng() < 0.35 ? 1 : 0;
      for (let i = 0; i < extra && windowEnd > created + 1; i++) {
        const helper = helperFor(owner, category, taken);
        taken.add(helper.key);
        const c = int(rng, created + 1, windowEnd);
        const canWait = (status === "open" || status === "claimed") && c > last - 40;
        const outcome: ClaimStatus =
          status === "withdrawn"
            ? "withdrawn"
            : canWait && rng() < 0.6
              ? "pending"
              : weighted(rng, [
                  ["declined", 3],
                  ["withdrawn", 1],
                ] as const);
        const decided = Math.min(c + int(rng, 1, 10), last);
        plan.push(["claim", "helper", c]);
        const byWithdrawal = status === "withdrawn";
        const made = stamp(rng, c);
        claims.push({
          need,
          resource: null,
          direction: "offer",
          helperOrgKey: helper.key,
          recipientOrgKey: owner.key,
          message: pick(rng, OFFER_MESSAGES),
          status: outcome,
          declineReason: outcome === "declined" ? pick(rng, DECLINE_REASONS) : null,
          // Claims answered by the need's withdrawal carry no decider (the service's withdrawPendingClaims).
          decidedBy:
            outcome === "pending" || byWithdrawal ? null : outcome === "declined" ? owner.account : helper.account,
          decidedAt: outcome === "pending" || byWithdrawal ? null : stampAfter(rng, decided, made),
          project: null,
          createdBy: helper.account,
          createdAt: made,
        });
      }
    }

    // Replay the history through the lifecycle: the status must be the one aimed at.
    const order: Record<NeedAction, number> = {
      publish: 0,
      update: 1,
      claim: 2,
      accept: 3,
      assign: 3,
      start: 4,
      deliver: 5,
      confirm: 6,
      close: 7,
      withdraw: 8,
      expire: 8,
    };
    plan.sort((a, b) => a[2] - b[2] || order[a[0]] - order[b[0]]);
    let current: NeedStatus = "draft";
    for (const [action, side] of plan) {
      const t = needTransition(current, action, side);
      if (!t.ok) throw new Error(`demo help: need ${need} cannot ${action} from ${current}`);
      current = t.next;
    }
    if (current !== status) throw new Error(`demo help: need ${need} ends ${current}, not ${status}`);
    const lastDay = plan.length ? (plan[plan.length - 1] as [NeedAction, NeedSide, number])[2] : created;

    const createdAt = stamp(rng, created);
    const rating = reaches(status, "confirmed", "closed")
      ? weighted(rng, [
          [5, 55],
          [4, 30],
          [3, 9],
          [2, 4],
          [1, 2],
        ] as const)
      : null;
    const budget = text.budget ? yuan(Math.round(int(rng, text.budget[0], text.budget[1]) / 1000) * 1000) : null;
    needs.push({
      orgKey: owner.key,
      category,
      title: text.title,
      description: text.description,
      expectedOutcome: text.outcome,
      budgetFen: budget,
      deadline: deadline === null ? null : isoOf(deadline),
      urgency,
      visibility,
      status,
      rating,
      ratingComment: rating === null ? null : pick(rng, RATING_COMMENTS[rating] ?? []),
      createdBy: owner.account,
      createdAt,
      updatedAt: stampAfter(rng, Math.max(created, lastDay), createdAt),
      steps: plan.map(([action, side, on]) => ({ action, side, on: isoOf(on) })),
    });

    if (accepted) {
      const completed = reaches(status, "confirmed", "closed");
      const end = completed ? confirmDay : last;
      projects.push(
        makeProject({
          title: text.title,
          need,
          resource: null,
          category,
          recipient: owner,
          helpers,
          start: acceptDay,
          end,
          completed,
          budget,
        }),
      );
    }
  });

  // ----- resources, the requests for them, and the projects they became -----
  const resources: DemoResource[] = [];
  const offerers: [Place, ResourceCategory][] = [];
  const take = <T>(list: readonly T[], n: number) => shuffle(rng, [...list]).slice(0, n);
  for (const c of take(communities, 18))
    offerers.push([c, pick(rng, ["venue", "volunteers", "training", "expertise"] as const)]);
  for (const o of take(countyOrgans, 20)) offerers.push([o, organCategory(o.name)]);
  for (const o of take(
    organs.filter((x) => x.town !== null),
    4,
  ))
    offerers.push([o, "volunteers"]);
  for (const e of enterprises) offerers.push([e, pick(rng, ["funds", "training", "expertise", "equipment"] as const)]);
  for (const s of schools) offerers.push([s, pick(rng, ["venue", "volunteers", "culture", "training"] as const)]);
  for (const h of hospitals) offerers.push([h, pick(rng, ["expertise", "training", "volunteers"] as const)]);
  for (const s of social) offerers.push([s, pick(rng, ["funds", "volunteers"] as const)]);
  const villageOffers = take(villages, 26);
  for (const [i, v] of villageOffers.entries()) {
    offerers.push([v, i < 9 ? "practice_base" : i < 20 ? "produce" : "culture"]);
  }
  // A few organizations offer a second thing.
  for (const c of take(communities, 4)) offerers.push([c, "culture"]);
  for (const o of take(countyOrgans, 4)) offerers.push([o, "other"]);

  for (const [owner, category] of offerers) {
    const text = resourceText(rng, category, owner);
    const created = first + int(rng, 0, 650);
    const from = created + int(rng, 0, 20);
    const withdrawn = rng() < 0.1;
    const withdrawnOn = withdrawn ? Math.min(created + int(rng, 60, 300), last) : null;
    const visibility: Visibility =
      (partnersOf.get(owner.key)?.length ?? 0) > 0 && rng() < 0.25 ? "partners" : rng() < 0.9 ? "region" : "superiors";
    const resource = resources.length;
    const createdAt = stamp(rng, created);
    resources.push({
      orgKey: owner.key,
      category,
      title: text.title,
      description: text.description,
      capacity: text.capacity,
      availableFrom: isoOf(from),
      availableTo: rng() < 0.3 ? null : isoOf(from + int(rng, 365, 1100)),
      conditions: text.conditions,
      visibility,
      status: withdrawn ? "withdrawn" : "active",
      createdBy: owner.account,
      createdAt,
      updatedAt: withdrawnOn === null ? createdAt : stampAfter(rng, withdrawnOn, createdAt),
    });

    // Requests (双向认领 the other way): who asks depends on what is offered.
    const requesters = (() => {
      if (category === "practice_base") return [...countyOrgans, ...communities, ...schools];
      if (category === "produce") return [...countyOrgans, ...communities, ...schools, ...hospitals, ...enterprises];
      if (owner.category === "village") return communities;
      const near = villages.filter((v) => v.town === owner.town);
      return near.length && rng() < 0.5 ? near : villages.filter((v) => v.weakness > 0.3);
    })().filter((r) => r.key !== owner.key);
    const n =
      requesters.length === 0
        ? 0
        : weighted(rng, [
            [0, 35],
            [1, 45],
            [2, 20],
          ] as const);
    const askers = new Set<string>();
    for (let i = 0; i < n; i++) {
      const r = pick(rng, requesters);
      if (askers.has(r.key)) continue;
      askers.add(r.key);
      const open = withdrawnOn ?? last;
      const c = int(rng, Math.min(created + 3, open), open);
      const decided = Math.min(c + int(rng, 1, 12), open);
      const outcome: ClaimStatus = weighted(rng, [
        ["accepted", c < last - 45 && decided > c ? 60 : 0],
        ["pending", !withdrawn && c > last - 40 ? 40 : 0],
        ["declined", decided > c ? 20 : 0],
        ["withdrawn", 10],
      ] as const);
      const project = outcome === "accepted" ? projects.length : null;
      const made = stamp(rng, c);
      claims.push({
        need: null,
        resource,
        direction: "request",
        helperOrgKey: owner.key,
        recipientOrgKey: r.key,
        message: requestMessage(rng, category, r),
        status: outcome,
        declineReason: outcome === "declined" ? pick(rng, DECLINE_REASONS) : null,
        decidedBy: outcome === "pending" ? null : outcome === "withdrawn" ? r.account : owner.account,
        decidedAt: outcome === "pending" ? null : stampAfter(rng, decided, made),
        project,
        createdBy: r.account,
        createdAt: made,
      });
      if (project !== null) {
        projects.push(
          makeProject({
            title: text.title,
            need: null,
            resource,
            category: resourceAsNeed(category),
            recipient: r,
            helpers: [owner],
            start: decided,
            end: last,
            completed: false,
            budget: null,
            resourceCategory: category,
          }),
        );
      }
    }
  }

  return { pairings, needs, resources, claims, projects };

  // ----- a project's life: plan, activities and contributions -----
  function makeProject(input: {
    title: string;
    need: number | null;
    resource: number | null;
    category: NeedCategory;
    recipient: Place;
    helpers: Place[];
    start: number;
    end: number;
    completed: boolean;
    budget: number | null;
    resourceCategory?: ResourceCategory;
  }): DemoProject {
    const { recipient, helpers, start, completed, category } = input;
    const planRule = weighted(rng, PLANS);
    const period = planPeriodDays(planRule);
    let end = input.end;
    // Some active projects lapse: no joint activity for longer than their plan's period.
    const lapses = !completed && period !== null && end - start > period + 60 && rng() < 0.3;
    if (lapses) end = last - period - int(rng, 10, 120);
    const helper = helpers[0] as Place;
    const activities: DemoActivity[] = [];
    const step = period ?? 75;
    for (let d = start + int(rng, 2, 15); d <= end; d += Math.max(7, Math.round(step * (0.5 + rng() * 0.45)))) {
      const byHelper = rng() < 0.6;
      const who = byHelper ? (pick(rng, helpers) as Place) : recipient;
      activities.push(activity(rng, d, category, input.resourceCategory, recipient, helper, who));
    }
    // A young project has at least its first visit.
    if (activities.length === 0 && start + 1 <= last && !lapses) {
      activities.push(activity(rng, start + 1, category, input.resourceCategory, recipient, helper, helper, "visit"));
    }
    const contributions: DemoContribution[] = [];
    const lastActivity = activities.length
      ? dayOf((activities[activities.length - 1] as DemoActivity).occurredOn)
      : start;
    const span = Math.max(1, Math.max(lastActivity, Math.min(end, last)) - start);
    const count = Math.max(1, Math.min(5, Math.round(span / 90)));
    for (let i = 0; i < count; i++) {
      const reverse = rng() < 0.3;
      const giver = reverse ? recipient : (pick(rng, helpers) as Place);
      const receiver = reverse ? helper : recipient;
      const d = Math.min(start + int(rng, 1, span), last);
      contributions.push(
        contribution(rng, d, category, input.resourceCategory, giver, receiver, input.budget, count, last, completed),
      );
    }
    const goals = projectGoals(category, recipient, helper, input.resourceCategory);
    const createdAt = stamp(rng, start);
    return {
      title: input.title,
      need: input.need,
      resource: input.resource,
      status: completed ? "completed" : "active",
      goals,
      planRule,
      planPeriodDays: period,
      startedOn: isoOf(start),
      endedOn: completed ? isoOf(input.end) : null,
      parties: [
        { orgKey: recipient.key, side: "recipient" },
        ...helpers.map((h) => ({ orgKey: h.key, side: "helper" as const })),
      ],
      activities,
      contributions,
      createdAt,
      updatedAt: completed ? stampAfter(rng, input.end, createdAt) : createdAt,
    };
  }
}

function organCategory(name: string): ResourceCategory {
  if (name.includes("农业农村") || name.includes("林业")) return "expertise";
  if (name.includes("财政") || name.includes("民政") || name.includes("发展和改革")) return "funds";
  if (name.includes("组织部") || name.includes("人力资源") || name.includes("教育")) return "training";
  if (name.includes("宣传")) return "culture";
  if (name.includes("卫生")) return "expertise";
  if (name.includes("住房") || name.includes("交通") || name.includes("自然资源")) return "expertise";
  return "volunteers";
}

function resourceAsNeed(category: ResourceCategory): NeedCategory {
  const map: Record<ResourceCategory, NeedCategory> = {
    venue: "venue",
    practice_base: "training",
    produce: "economy",
    culture: "other",
    training: "training",
    expertise: "development",
    funds: "funds",
    volunteers: "poverty_relief",
    equipment: "livelihood",
    other: "other",
  };
  return map[category];
}

function resourceText(
  rng: Rng,
  category: ResourceCategory,
  p: Place,
): { title: string; description: string; capacity: string | null; conditions: string | null } {
  const o = p.name;
  switch (category) {
    case "practice_base":
      return {
        title: `${o}：历练作风的基层阵地，欢迎机关和社区干部驻村跟班`,
        description: `${p.full}可为城市党支部提供历练作风的基层阵地：机关、社区、企业年轻干部可到村跟班学习，参与村务值班、矛盾调解、产业项目和群众走访，在基层一线转变作风、增长才干。村里提供食宿和党员活动室。`,
        capacity: `每期${int(rng, 2, 6)}人，每期一至三个月`,
        conditions: "服从村党支部统一安排，遵守村规民约。",
      };
    case "produce":
      return {
        title: `${o}${p.produce}直供（消费帮扶）`,
        description: `${p.full}${p.produce}由村合作社统一种养、统一品控，可长期供应机关、学校、医院食堂和职工福利采购，以购代捐开展消费帮扶，收益用于村集体和农户增收。`,
        capacity: `年供应约${int(rng, 5, 60)}吨`,
        conditions: "批量采购提前一周预订，县城内免费配送。",
      };
    case "culture":
      return p.category === "village"
        ? {
            title: `${o}客家文化和红色教育基地开放共享`,
            description: `${p.full}有客家古民居、宗祠和革命旧址，可承接主题党日、党性教育和研学活动，由村里的老党员讲述红色故事。`,
            capacity: `每次可接待${int(rng, 30, 120)}人`,
            conditions: "提前三天预约。",
          }
        : {
            title: `${o}文化活动资源共享（文艺演出、读书会）`,
            description: `${o}可组织文艺志愿者送戏下乡、开展读书分享会和书画进村活动，丰富农村群众文化生活。`,
            capacity: "每季度两场",
            conditions: null,
          };
    case "venue":
      return {
        title: `${o}党群活动阵地向结对村开放`,
        description: `${o}的会议室、多功能厅和党员活动室向结对村和农村党组织双向开放，可用于村干部培训、党员教育和联合主题党日。`,
        capacity: `会议室可容纳${int(rng, 40, 150)}人`,
        conditions: "通过平台预约，工作日和周末均可。",
      };
    case "volunteers":
      return {
        title: `${o}党员志愿服务队结对服务`,
        description: `${o}组建党员志愿服务队，可到村开展政策宣讲、环境整治、关爱留守老人和儿童、助农采摘等志愿服务，为生活困难党员办好事实事。`,
        capacity: `志愿者${int(rng, 15, 60)}名，每月服务一次`,
        conditions: null,
      };
    case "training":
      return {
        title: `${o}${pick(rng, ["村干部培训课程", "电商培训", "农村实用人才培训", "党务工作者培训"])}`,
        description: `${o}可为农村党组织提供培训：党务知识、村务和财务管理、电商运营、直播带货、农业实用技术等课程，可送教下乡，也可到单位跟班学习。`,
        capacity: `每期${int(rng, 30, 80)}人`,
        conditions: "按季度集中开班。",
      };
    case "expertise":
      return {
        title: `${o}专业人才下乡服务`,
        description: `${o}可选派${pick(rng, ["农技", "规划", "财务", "法律", "医疗"])}专业人员到村提供咨询指导，帮助找差距、理思路、定措施，解决产业发展和基层治理中的具体问题。`,
        capacity: `专业人员${int(rng, 3, 12)}名`,
        conditions: "按需预约，每次半天至两天。",
      };
    case "funds":
      return {
        title: `${o}结对帮扶资金`,
        description: `${o}每年安排结对帮扶资金，用于村级党群服务中心建设、产业发展和扶贫帮困，重点向经济薄弱村和软弱涣散村倾斜。`,
        capacity: `每年${int(rng, 10, 50)}万元`,
        conditions: "需提交项目方案，经审核后拨付。",
      };
    case "equipment":
      return {
        title: `${o}闲置办公设备捐赠`,
        description: `${o}有一批闲置电脑、打印机和办公桌椅，可捐赠给农村党组织用于党员活动室和便民服务室。`,
        capacity: `电脑${int(rng, 5, 20)}台`,
        conditions: "自行联系搬运。",
      };
    default:
      return {
        title: `${o}党建工作经验交流`,
        description: `${o}在建立健全党建工作制度方面有成熟做法，可与农村党组织交流“三会一课”、党员积分管理和台账规范化的经验。`,
        capacity: null,
        conditions: null,
      };
  }
}

function requestMessage(rng: Rng, category: ResourceCategory, r: Place): string {
  if (category === "practice_base") return `${r.name}计划安排年轻干部到村跟班历练，申请使用贵村基层阵地。`;
  if (category === "produce") return `${r.name}食堂拟长期采购，开展消费帮扶。`;
  return pick(rng, [
    `${r.name}急需此项支持，恳请帮助。`,
    `${r.name}希望与贵单位结对，共同开展活动。`,
    `${r.name}已列入年度党建计划，申请对接。`,
  ]);
}

function projectGoals(category: NeedCategory, r: Place, h: Place, rc?: ResourceCategory): string {
  if (rc === "practice_base") return `${r.name}干部到${h.name}跟班历练，每季度开展一次联合主题党日，两地党员互学互促。`;
  if (rc === "produce") return `${r.name}常态化采购${h.name}${h.produce}，以购代捐，助力村集体和农户增收。`;
  const goals: Record<NeedCategory, string> = {
    diagnosis: "驻村调研、找差距、理思路、定措施，形成发展规划并督促落实。",
    funds: "筹集并用好帮扶资金，项目按期建成见效。",
    development: "引进项目和经营主体，壮大村集体经济。",
    leadership: "结对帮带村“两委”班子，培养后备干部，建强班子。",
    venue: "完成阵地建设并投入使用，双方共享活动阵地。",
    institutions: "建立健全“三会一课”等制度，台账规范，组织生活常态化。",
    economy: "拓宽农产品销售渠道，开展消费帮扶和电商培训，帮助群众增收。",
    livelihood: "办好群众急难愁盼的民生实事，项目按期完工。",
    poverty_relief: "党员结对帮扶困难群众，定期走访，扶贫帮困常态化。",
    training: "分期开展培训和跟班学习，提升党员干部本领。",
    other: "每季度开展一次联合主题党日，结对共建常态化。",
  };
  return `${h.name}与${r.name}结对：${goals[category]}`;
}

function activity(
  rng: Rng,
  day: number,
  category: NeedCategory,
  rc: ResourceCategory | undefined,
  recipient: Place,
  helper: Place,
  who: Place,
  forced?: DemoActivity["type"],
): DemoActivity {
  const type: DemoActivity["type"] = forced
    ? forced
    : rc === "produce"
      ? weighted(rng, [
          ["purchase", 6],
          ["visit", 2],
          ["theme_day", 1],
        ] as const)
      : rc === "practice_base"
        ? weighted(rng, [
            ["volunteer_service", 3],
            ["theme_day", 2],
            ["visit", 2],
            ["training", 1],
          ] as const)
        : weighted(rng, [
            ["theme_day", 30],
            ["visit", 22],
            ["training", category === "training" || category === "leadership" ? 30 : 10],
            ["volunteer_service", category === "poverty_relief" || category === "livelihood" ? 22 : 10],
            ["investment", category === "funds" || category === "development" || category === "venue" ? 14 : 3],
            ["purchase", category === "economy" ? 24 : 3],
            ["other", 3],
          ] as const);
  const r = recipient.name;
  const h = helper.name;
  const participants = type === "visit" ? int(rng, 3, 12) : int(rng, 10, 60);
  const descriptions: Record<DemoActivity["type"], () => string> = {
    theme_day: () =>
      `${h}与${r}联合开展主题党日：${pick(rng, ["重温入党誓词，共上一堂党课", "学习党的创新理论，交流支部建设经验", "参观红色教育基地，开展党性教育", "围绕乡村振兴开展专题研讨"])}。`,
    training: () =>
      `${h}在${r}开展${pick(rng, ["电商培训（直播带货）", "村干部培训：党务和村务管理", "农业实用技术培训", "财务制度和村务公开培训"])}，参训${participants}人。`,
    visit: () =>
      `${h}负责同志到${r}走访，${pick(rng, ["察看项目进度，召开座谈会研究下一步措施", "走访困难党员和脱贫户，了解帮扶需求", "对接需求、理清思路、商定帮扶措施", "实地查看道路和饮水工程"])}。`,
    investment: () =>
      `${h}协调帮扶资金到位，${pick(rng, ["用于修缮村级党群服务中心", "用于产业发展项目", "用于道路硬化和饮水安全工程", "用于村集体经济项目"])}。`,
    purchase: () =>
      `${h}开展消费帮扶，集中采购${helper.category === "village" ? helper.produce : recipient.produce}${int(rng, 300, 3000)}斤。`,
    volunteer_service: () =>
      `${h}党员志愿服务队到${r}开展${pick(rng, ["环境整治", "关爱留守儿童和老人", "助农采摘", "政策宣讲和义诊", "防汛巡查"])}志愿服务。`,
    other: () => `${h}与${r}开展结对共建交流活动。`,
  };
  return {
    occurredOn: isoOf(day),
    type,
    description: descriptions[type](),
    participants,
    hours:
      type === "visit"
        ? int(rng, 2, 4)
        : type === "volunteer_service"
          ? int(rng, 3, 8)
          : int(rng, 2, 6) + (rng() < 0.5 ? 0.5 : 0),
    recordedByOrgKey: who.key,
    createdBy: who.account,
  };
}

const MONEY_USE: Partial<Record<NeedCategory, string>> = {
  venue: "党群服务中心修缮资金",
  livelihood: "民生工程配套资金",
  funds: "产业发展资金",
  development: "项目启动资金",
  poverty_relief: "扶贫帮困资金",
  economy: "产业发展资金",
  training: "培训经费",
};

function contribution(
  rng: Rng,
  day: number,
  category: NeedCategory,
  rc: ResourceCategory | undefined,
  giver: Place,
  receiver: Place,
  budget: number | null,
  count: number,
  last: number,
  completed: boolean,
): DemoContribution {
  // The rural side gives too: produce, volunteer hours, hosting cadres.
  const rural = giver.category === "village";
  let kind: DemoContribution["kind"];
  if (rc === "produce") kind = rural ? "goods" : "money";
  else if (rc === "practice_base") kind = rural ? "cadre_days" : "volunteer_hours";
  else if (rural)
    kind = weighted(rng, [
      ["goods", 3],
      ["volunteer_hours", 2],
      ["cadre_days", 1],
    ] as const);
  else
    kind = weighted(rng, [
      [
        "money",
        category === "funds" || category === "venue" || category === "livelihood" || category === "development" ? 6 : 2,
      ],
      ["goods", category === "poverty_relief" || category === "economy" ? 4 : 2],
      ["volunteer_hours", 3],
      ["cadre_days", category === "leadership" || category === "training" || category === "diagnosis" ? 4 : 1],
    ] as const);
  const money =
    kind === "money"
      ? yuan(budget ? Math.max(1000, Math.round(budget / 100 / count / 100) * 100) : int(rng, 5, 80) * 1000)
      : null;
  const goods = kind === "goods" ? yuan(int(rng, 8, 150) * 100) : null;
  const hours = kind === "volunteer_hours" ? int(rng, 12, 240) : kind === "cadre_days" ? int(rng, 5, 60) : null;
  const descriptions: Record<DemoContribution["kind"], string> = {
    money:
      rc === "produce"
        ? `采购${receiver.produce}货款（消费帮扶）`
        : `${giver.name}拨付${MONEY_USE[category] ?? "结对帮扶资金"}`,
    goods: rural
      ? `${giver.name}赠送${giver.produce}等农产品`
      : pick(rng, ["捐赠桌椅和远程教育设备", "捐赠慰问物资（米、油、棉被）", "捐赠助学物品", "捐赠电脑和打印机"]),
    volunteer_hours: `${giver.name}党员志愿服务时长`,
    cadre_days: rural ? `${giver.name}接待干部跟班历练` : `${giver.name}选派干部驻村工作`,
  };
  const confirmed = (completed ? rng() < 0.97 : rng() < 0.82) && day <= last - 3;
  const confirmedDay = Math.min(day + int(rng, 1, 10), last);
  return {
    giverOrgKey: giver.key,
    receiverOrgKey: receiver.key,
    kind,
    amountFen: money,
    valueFen: goods,
    hours,
    description: descriptions[kind],
    status: confirmed ? "confirmed" : "recorded",
    confirmedBy: confirmed ? receiver.account : null,
    confirmedAt: confirmed ? stamp(rng, confirmedDay) : null,
    createdBy: giver.account,
    createdAt: stamp(rng, day),
  };
}

// ---------------------------------------------------------------------------------------------
// Insertion, inside the loader's transaction

/** Counts of what was inserted, for the loader's log line. */
export interface DemoHelpCounts {
  needs: number;
  resources: number;
  claims: number;
  projects: number;
  activities: number;
  contributions: number;
  pairings: number;
}

/**
 * Writes the generated help in batches, the way the services write it: the search column from
 * the same texts (searchVector), `published_org_id` the county for what is published to the
 * region (the trigger fills the path). No audit record per row: the loader records the load.
 */
export async function insertDemoHelp(
  db: Kysely<DB>,
  help: DemoHelp,
  orgId: (key: string) => number,
): Promise<DemoHelpCounts> {
  const counts: DemoHelpCounts = {
    needs: help.needs.length,
    resources: help.resources.length,
    claims: help.claims.length,
    projects: help.projects.length,
    activities: help.projects.reduce((n, p) => n + p.activities.length, 0),
    contributions: help.projects.reduce((n, p) => n + p.contributions.length, 0),
    pairings: help.pairings.length,
  };
  if (help.needs.length + help.resources.length + help.pairings.length === 0) return counts;
  const region = orgId("county");
  const usernames = new Set<string>();
  for (const r of [...help.needs, ...help.resources, ...help.claims]) usernames.add(r.createdBy);
  for (const c of help.claims) if (c.decidedBy) usernames.add(c.decidedBy);
  for (const p of help.projects) {
    for (const a of p.activities) usernames.add(a.createdBy);
    for (const c of p.contributions) {
      usernames.add(c.createdBy);
      if (c.confirmedBy) usernames.add(c.confirmedBy);
    }
  }
  const users = await db
    .selectFrom("users")
    .select(["id", "username"])
    .where("username", "in", [...usernames])
    .execute();
  const userIds = new Map(users.map((u) => [u.username, u.id]));
  const user = (name: string) => {
    const id = userIds.get(name);
    if (id === undefined) throw new Error(`demo help: no account ${name}`);
    return id;
  };

  if (help.pairings.length) {
    await db
      .insertInto("pairings")
      .values(
        help.pairings.map((p) => ({
          helper_org_id: orgId(p.helperOrgKey),
          recipient_org_id: orgId(p.recipientOrgKey),
          form: p.form,
          status: p.status,
          starts_on: p.startsOn,
          ends_on: p.endsOn,
          created_at: new Date(`${p.startsOn}T09:00:00+08:00`),
        })),
      )
      .execute();
  }

  const needIds: number[] = [];
  for (const chunk of batches(help.needs, 200)) {
    const rows = await db
      .insertInto("needs")
      .values(
        chunk.map((n) => ({
          org_id: orgId(n.orgKey),
          category: n.category,
          title: n.title,
          description: n.description,
          expected_outcome: n.expectedOutcome,
          budget_fen: n.budgetFen,
          deadline: n.deadline,
          urgency: n.urgency,
          visibility: n.visibility,
          published_org_id:
            n.visibility === "region" && !["draft", "withdrawn", "expired"].includes(n.status) ? region : null,
          status: n.status,
          rating: n.rating,
          rating_comment: n.ratingComment,
          search: searchVector(n.title, n.description, n.expectedOutcome),
          created_by: user(n.createdBy),
          created_at: n.createdAt,
          updated_at: n.updatedAt,
        })),
      )
      .returning("id")
      .execute();
    needIds.push(...rows.map((r) => r.id));
  }

  const resourceIds: number[] = [];
  for (const chunk of batches(help.resources, 200)) {
    const rows = await db
      .insertInto("resources")
      .values(
        chunk.map((r) => ({
          org_id: orgId(r.orgKey),
          category: r.category,
          title: r.title,
          description: r.description,
          capacity: r.capacity,
          available_from: r.availableFrom,
          available_to: r.availableTo,
          conditions: r.conditions,
          visibility: r.visibility,
          published_org_id: r.visibility === "region" ? region : null,
          status: r.status,
          search: searchVector(r.title, r.description, r.conditions),
          created_by: user(r.createdBy),
          created_at: r.createdAt,
          updated_at: r.updatedAt,
        })),
      )
      .returning("id")
      .execute();
    resourceIds.push(...rows.map((r) => r.id));
  }
  const ref = (ids: number[], i: number | null) => {
    if (i === null) return null;
    const id = ids[i];
    if (id === undefined) throw new Error(`demo help: dangling reference ${i}`);
    return id;
  };

  const projectIds: number[] = [];
  for (const chunk of batches(help.projects, 200)) {
    const rows = await db
      .insertInto("projects")
      .values(
        chunk.map((p) => ({
          title: p.title,
          need_id: ref(needIds, p.need),
          resource_id: ref(resourceIds, p.resource),
          status: p.status,
          goals: p.goals,
          plan_rrule: p.planRule,
          plan_period_days: p.planPeriodDays,
          started_on: p.startedOn,
          // An ended project says when (migration 0012's CHECK); the demo's ended with their last update.
          ended_at: p.status === "active" ? null : p.updatedAt,
          // As the service leaves it once the goals are written (updateProject).
          search: searchVector(p.title, p.goals),
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        })),
      )
      .returning("id")
      .execute();
    projectIds.push(...rows.map((r) => r.id));
  }
  const parties = help.projects.flatMap((p, i) =>
    p.parties.map((party) => ({
      project_id: ref(projectIds, i) as number,
      org_id: orgId(party.orgKey),
      side: party.side,
    })),
  );
  for (const chunk of batches(parties, 1000)) await db.insertInto("project_parties").values(chunk).execute();

  for (const chunk of batches(help.claims, 500)) {
    await db
      .insertInto("claims")
      .values(
        chunk.map((c) => ({
          need_id: ref(needIds, c.need),
          resource_id: ref(resourceIds, c.resource),
          direction: c.direction,
          helper_org_id: orgId(c.helperOrgKey),
          recipient_org_id: orgId(c.recipientOrgKey),
          message: c.message,
          status: c.status,
          decline_reason: c.declineReason,
          decided_by: c.decidedBy === null ? null : user(c.decidedBy),
          decided_at: c.decidedAt,
          project_id: ref(projectIds, c.project),
          created_by: user(c.createdBy),
          created_at: c.createdAt,
          updated_at: c.decidedAt ?? c.createdAt,
        })),
      )
      .execute();
  }

  const activities = help.projects.flatMap((p, i) =>
    p.activities.map((a) => ({
      project_id: ref(projectIds, i) as number,
      occurred_on: a.occurredOn,
      type: a.type,
      description: a.description,
      participants: a.participants,
      hours: a.hours,
      recorded_by_org_id: orgId(a.recordedByOrgKey),
      created_by: user(a.createdBy),
      created_at: `${a.occurredOn}T20:00:00+08:00`,
    })),
  );
  for (const chunk of batches(activities, 500)) await db.insertInto("project_activities").values(chunk).execute();

  const contributions = help.projects.flatMap((p, i) =>
    p.contributions.map((c) => ({
      project_id: ref(projectIds, i) as number,
      giver_org_id: orgId(c.giverOrgKey),
      receiver_org_id: orgId(c.receiverOrgKey),
      kind: c.kind,
      amount_fen: c.amountFen,
      value_fen: c.valueFen,
      hours: c.hours,
      description: c.description,
      status: c.status,
      confirmed_by: c.confirmedBy === null ? null : user(c.confirmedBy),
      confirmed_at: c.confirmedAt,
      created_by: user(c.createdBy),
      created_at: c.createdAt,
    })),
  );
  for (const chunk of batches(contributions, 500)) await db.insertInto("contributions").values(chunk).execute();
  return counts;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
