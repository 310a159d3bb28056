import {
  type AuditAction,
  type AuditDetailKey,
  type AuditEntry,
  type AuditResult,
  type AuditTargetType,
  auditActions,
  auditDetailKeys,
  auditResults,
  auditTargetTypes,
} from "./audit.ts";
import type { Role } from "./auth.ts";
import type { Locale } from "./common.ts";

/**
 * What the auditor reads instead of codes: one table per language, used by the web page and by
 * the server's export alike, so the screen and the spreadsheet say the same thing. The Record
 * types make a new action, target type or detail key fail to compile until it is named here.
 */
export interface AuditLabels {
  actions: Record<AuditAction, string>;
  targetTypes: Record<AuditTargetType, string>;
  results: Record<AuditResult, string>;
  detailKeys: Record<AuditDetailKey, string>;
  /** Field names as recorded in `fields`, `field`, `searched` and filter keys; others show as recorded. */
  fieldNames: Readonly<Record<string, string>>;
  roles: Record<Role, string>;
  /** Codes recorded as values (a refusal's code, how a second factor was given, a sign-in's open steps). */
  codes: Readonly<Record<string, string>>;
  /** Actor of records written by the system itself (demo load, start of the chain). */
  system: string;
  /** "yes"/"no" for switches in filters. */
  yes: string;
  no: string;
  /** Between the items of a list ("、" in Chinese). */
  listSeparator: string;
  /** Header row, sheet name and file name stem of the export. */
  columns: { at: string; actor: string; ip: string; action: string; target: string; result: string; detail: string };
  sheet: string;
  fileStem: string;
}

const zhCN: AuditLabels = {
  actions: {
    "auth.login": "登录",
    "auth.login_failed": "登录失败",
    "auth.logout": "退出登录",
    "auth.second_factor": "双因素验证",
    "auth.password_change": "修改密码",
    "auth.second_factor_setup": "开始设置双因素认证",
    "auth.second_factor_enable": "启用双因素认证",
    "auth.second_factor_disable": "停用双因素认证",
    "auth.recovery_codes": "重新生成恢复码",
    "org.create": "新建党组织",
    "org.update": "修改党组织",
    "org.move": "调整隶属关系",
    "org.dissolve": "撤销党组织",
    "member.list": "查询党员名册",
    "member.read": "查看党员信息",
    "member.create": "新增党员",
    "member.update": "修改党员信息",
    "member.reveal": "查看完整个人信息",
    "member.export": "导出党员名册",
    "user.create": "新建账号",
    "user.update": "修改账号",
    "user.reset_request": "重置密码（待确认）",
    "user.reset_approve": "确认重置密码",
    "user.reset_reject": "拒绝重置密码",
    "role.assign": "分配角色",
    "role.withdraw": "收回角色",
    "alert.acknowledge": "确认安全告警",
    "audit.read": "查看审计日志",
    "audit.export": "导出审计日志",
    "audit.chain_start": "审计日志开始防篡改链",
    "keys.rotate": "轮换个人信息加密密钥",
    "pairing.solve": "求解结对方案",
    "job.download": "下载任务结果",
    "job.cancel": "取消任务",
    "attachment.upload": "上传附件",
    "notification.read": "将通知标为已读",
    "demo.load": "加载演示数据",
  },
  targetTypes: {
    organization: "党组织",
    member: "党员",
    user: "账号",
    job: "任务",
    attachment: "附件",
    alert: "安全告警",
  },
  results: { success: "成功", failure: "失败", denied: "拒绝" },
  detailKeys: {
    fields: "修改项",
    field: "字段",
    reason: "原因",
    orgId: "党组织",
    parentId: "上级组织",
    fromParentId: "原上级组织",
    toParentId: "新上级组织",
    primaryOrgId: "所在党组织",
    assignmentId: "授权编号",
    role: "角色",
    filters: "筛选条件",
    searched: "使用了文字搜索",
    rowCount: "导出条数",
    failures: "连续失败次数",
    gates: "待完成步骤",
    method: "验证方式",
    unknownAccount: "账号不存在",
    requestId: "申请编号",
    password: "重置密码",
    secondFactor: "重置双因素认证",
    awaitingApproval: "待安全管理员确认",
    kind: "类型",
    contentType: "文件类型",
    size: "大小（字节）",
    locale: "语言",
    covered: "覆盖受扶方",
    assigned: "结对数",
    score: "总分",
    solveMs: "求解用时（毫秒）",
    bytes: "问题大小（字节）",
    orgs: "党组织数",
    members: "党员数",
    accounts: "账号数",
    httpMethod: "请求方法",
    route: "接口",
    status: "状态码",
    code: "原因代码",
    legacyRecords: "此前的记录数",
    legacyDigest: "此前记录的摘要",
  },
  fieldNames: {
    name: "名称/姓名",
    gender: "性别",
    ethnicity: "民族",
    birthDate: "出生日期",
    idNumber: "身份证号",
    phone: "手机号",
    education: "学历",
    joinDate: "入党日期",
    status: "状态",
    primaryOrgId: "所在党组织",
    coOrgId: "共管党组织",
    kind: "组织类型",
    category: "组织类别",
    area: "城乡属性",
    divisionCode: "行政区划代码",
    secretaryName: "书记",
    units: "联建单位",
    parentId: "上级组织",
    username: "用户名",
    displayName: "姓名",
    password: "密码",
    disabled: "停用状态",
    memberId: "关联党员",
    q: "姓名或身份证号",
    orgId: "党组织",
    joinedFrom: "入党日期起",
    joinedTo: "入党日期止",
    ageFrom: "年龄起",
    ageTo: "年龄止",
    action: "操作",
    actor: "操作人",
    result: "结果",
    targetType: "对象类型",
    targetId: "对象编号",
    from: "开始日期",
    to: "结束日期",
    page: "页码",
    pageSize: "每页条数",
  },
  roles: {
    coordinator: "组织部",
    secretary: "书记",
    member: "党员",
    leader: "联点领导",
    system_admin: "系统管理员",
    security_admin: "安全管理员",
    audit_admin: "审计管理员",
  },
  codes: {
    forbidden: "无权限",
    "idNumber.probeLimit": "身份证号查重次数超限",
    "idNumber.searchLimit": "身份证号查询次数超限",
    "alert.acknowledged": "告警已确认过",
    "auth.csrf": "请求来源校验失败",
    not_found: "不存在或不在管辖范围",
    validation: "输入有误",
    "export.tooMany": "超出导出上限",
    totp: "动态验证码",
    recovery: "恢复码",
    locked: "已锁定",
    second_factor: "双因素验证",
    password_change: "修改密码",
    second_factor_enrolment: "设置双因素认证",
  },
  system: "系统",
  yes: "是",
  no: "否",
  listSeparator: "、",
  columns: {
    at: "时间",
    actor: "操作人",
    ip: "IP 地址",
    action: "操作",
    target: "对象",
    result: "结果",
    detail: "详细信息",
  },
  sheet: "审计日志",
  fileStem: "审计日志",
};

const zhTW: AuditLabels = {
  actions: {
    "auth.login": "登入",
    "auth.login_failed": "登入失敗",
    "auth.logout": "登出",
    "auth.second_factor": "雙因素驗證",
    "auth.password_change": "修改密碼",
    "auth.second_factor_setup": "開始設定雙因素認證",
    "auth.second_factor_enable": "啟用雙因素認證",
    "auth.second_factor_disable": "停用雙因素認證",
    "auth.recovery_codes": "重新產生復原碼",
    "org.create": "新建黨組織",
    "org.update": "修改黨組織",
    "org.move": "調整隸屬關係",
    "org.dissolve": "撤銷黨組織",
    "member.list": "查詢黨員名冊",
    "member.read": "檢視黨員資訊",
    "member.create": "新增黨員",
    "member.update": "修改黨員資訊",
    "member.reveal": "檢視完整個人資訊",
    "member.export": "匯出黨員名冊",
    "user.create": "新建帳號",
    "user.update": "修改帳號",
    "user.reset_request": "重設密碼（待確認）",
    "user.reset_approve": "確認重設密碼",
    "user.reset_reject": "拒絕重設密碼",
    "role.assign": "指派角色",
    "role.withdraw": "收回角色",
    "alert.acknowledge": "確認安全告警",
    "audit.read": "檢視審計日誌",
    "audit.export": "匯出審計日誌",
    "audit.chain_start": "審計日誌開始防竄改鏈",
    "keys.rotate": "輪換個人資料加密金鑰",
    "pairing.solve": "求解結對方案",
    "job.download": "下載任務結果",
    "job.cancel": "取消任務",
    "attachment.upload": "上傳附件",
    "notification.read": "將通知標為已讀",
    "demo.load": "載入示範資料",
  },
  targetTypes: {
    organization: "黨組織",
    member: "黨員",
    user: "帳號",
    job: "任務",
    attachment: "附件",
    alert: "安全告警",
  },
  results: { success: "成功", failure: "失敗", denied: "拒絕" },
  detailKeys: {
    fields: "修改項目",
    field: "欄位",
    reason: "原因",
    orgId: "黨組織",
    parentId: "上級組織",
    fromParentId: "原上級組織",
    toParentId: "新上級組織",
    primaryOrgId: "所在黨組織",
    assignmentId: "授權編號",
    role: "角色",
    filters: "篩選條件",
    searched: "使用了文字搜尋",
    rowCount: "匯出筆數",
    failures: "連續失敗次數",
    gates: "待完成步驟",
    method: "驗證方式",
    unknownAccount: "帳號不存在",
    requestId: "申請編號",
    password: "重設密碼",
    secondFactor: "重設雙因素認證",
    awaitingApproval: "待安全管理員確認",
    kind: "類型",
    contentType: "檔案類型",
    size: "大小（位元組）",
    locale: "語言",
    covered: "涵蓋受扶方",
    assigned: "結對數",
    score: "總分",
    solveMs: "求解用時（毫秒）",
    bytes: "問題大小（位元組）",
    orgs: "黨組織數",
    members: "黨員數",
    accounts: "帳號數",
    httpMethod: "請求方法",
    route: "介面",
    status: "狀態碼",
    code: "原因代碼",
    legacyRecords: "此前的記錄數",
    legacyDigest: "此前記錄的摘要",
  },
  fieldNames: {
    name: "名稱/姓名",
    gender: "性別",
    ethnicity: "民族",
    birthDate: "出生日期",
    idNumber: "身分證號",
    phone: "手機號碼",
    education: "學歷",
    joinDate: "入黨日期",
    status: "狀態",
    primaryOrgId: "所在黨組織",
    coOrgId: "共管黨組織",
    kind: "組織類型",
    category: "組織類別",
    area: "城鄉屬性",
    divisionCode: "行政區劃代碼",
    secretaryName: "書記",
    units: "聯建單位",
    parentId: "上級組織",
    username: "使用者名稱",
    displayName: "姓名",
    password: "密碼",
    disabled: "停用狀態",
    memberId: "關聯黨員",
    q: "姓名或身分證號",
    orgId: "黨組織",
    joinedFrom: "入黨日期起",
    joinedTo: "入黨日期止",
    ageFrom: "年齡起",
    ageTo: "年齡止",
    action: "操作",
    actor: "操作人",
    result: "結果",
    targetType: "對象類型",
    targetId: "對象編號",
    from: "開始日期",
    to: "結束日期",
    page: "頁碼",
    pageSize: "每頁筆數",
  },
  roles: {
    coordinator: "組織部",
    secretary: "書記",
    member: "黨員",
    leader: "聯點領導",
    system_admin: "系統管理員",
    security_admin: "安全管理員",
    audit_admin: "審計管理員",
  },
  codes: {
    forbidden: "無權限",
    "idNumber.probeLimit": "身分證號查重次數超限",
    "idNumber.searchLimit": "身分證號查詢次數超限",
    "alert.acknowledged": "告警已確認過",
    "auth.csrf": "請求來源校驗失敗",
    not_found: "不存在或不在管轄範圍",
    validation: "輸入有誤",
    "export.tooMany": "超出匯出上限",
    totp: "動態驗證碼",
    recovery: "復原碼",
    locked: "已鎖定",
    second_factor: "雙因素驗證",
    password_change: "修改密碼",
    second_factor_enrolment: "設定雙因素認證",
  },
  system: "系統",
  yes: "是",
  no: "否",
  listSeparator: "、",
  columns: {
    at: "時間",
    actor: "操作人",
    ip: "IP 位址",
    action: "操作",
    target: "對象",
    result: "結果",
    detail: "詳細資訊",
  },
  sheet: "審計日誌",
  fileStem: "審計日誌",
};

const en: AuditLabels = {
  actions: {
    "auth.login": "Signed in",
    "auth.login_failed": "Failed sign-in",
    "auth.logout": "Signed out",
    "auth.second_factor": "Second-factor check",
    "auth.password_change": "Changed the password",
    "auth.second_factor_setup": "Began two-factor setup",
    "auth.second_factor_enable": "Turned on two-factor sign-in",
    "auth.second_factor_disable": "Turned off two-factor sign-in",
    "auth.recovery_codes": "New recovery codes",
    "org.create": "Created an organization",
    "org.update": "Updated an organization",
    "org.move": "Moved an organization",
    "org.dissolve": "Dissolved an organization",
    "member.list": "Listed members",
    "member.read": "Viewed a member",
    "member.create": "Added a member",
    "member.update": "Updated a member",
    "member.reveal": "Revealed personal data",
    "member.export": "Export the member roster",
    "user.create": "Created an account",
    "user.update": "Updated an account",
    "user.reset_request": "Password reset requested",
    "user.reset_approve": "Password reset approved",
    "user.reset_reject": "Password reset rejected",
    "role.assign": "Assigned a role",
    "role.withdraw": "Withdrew a role",
    "alert.acknowledge": "Acknowledged a security alert",
    "audit.read": "Read the audit log",
    "audit.export": "Exported the audit log",
    "audit.chain_start": "Audit log chain started",
    "keys.rotate": "Rotated the personal-data encryption key",
    "pairing.solve": "Solve a pairing",
    "job.download": "Downloaded a job's result",
    "job.cancel": "Cancelled a job",
    "attachment.upload": "Uploaded an attachment",
    "notification.read": "Marked notifications read",
    "demo.load": "Loaded demo data",
  },
  targetTypes: {
    organization: "Organization",
    member: "Member",
    user: "Account",
    job: "Job",
    attachment: "Attachment",
    alert: "Security alert",
  },
  results: { success: "Success", failure: "Failure", denied: "Denied" },
  detailKeys: {
    fields: "Changed",
    field: "Field",
    reason: "Reason",
    orgId: "Organization",
    parentId: "Parent organization",
    fromParentId: "Former parent",
    toParentId: "New parent",
    primaryOrgId: "Organization",
    assignmentId: "Assignment no.",
    role: "Role",
    filters: "Filters",
    searched: "Text search used",
    rowCount: "Rows exported",
    failures: "Failures in a row",
    gates: "Steps still open",
    method: "Verified with",
    unknownAccount: "No such account",
    requestId: "Request no.",
    password: "Password reset",
    secondFactor: "Two-factor reset",
    awaitingApproval: "Awaiting the security administrator",
    kind: "Kind",
    contentType: "File type",
    size: "Size (bytes)",
    locale: "Language",
    covered: "Recipients covered",
    assigned: "Pairs",
    score: "Score",
    solveMs: "Solve time (ms)",
    bytes: "Problem size (bytes)",
    orgs: "Organizations",
    members: "Members",
    accounts: "Accounts",
    httpMethod: "Method",
    route: "Endpoint",
    status: "Status",
    code: "Reason code",
    legacyRecords: "Earlier records",
    legacyDigest: "Digest of earlier records",
  },
  fieldNames: {
    name: "Name",
    gender: "Gender",
    ethnicity: "Ethnicity",
    birthDate: "Date of birth",
    idNumber: "ID number",
    phone: "Mobile phone",
    education: "Education",
    joinDate: "Joined the Party",
    status: "Status",
    primaryOrgId: "Organization",
    coOrgId: "Co-managing organization",
    kind: "Kind",
    category: "Category",
    area: "Urban / rural",
    divisionCode: "Division code",
    secretaryName: "Secretary",
    units: "Member units",
    parentId: "Parent organization",
    username: "Username",
    displayName: "Name",
    password: "Password",
    disabled: "Disabled",
    memberId: "Member record",
    q: "Name or ID number",
    orgId: "Organization",
    joinedFrom: "Joined from",
    joinedTo: "Joined to",
    ageFrom: "Age from",
    ageTo: "Age to",
    action: "Action",
    actor: "Actor",
    result: "Result",
    targetType: "Target type",
    targetId: "Target no.",
    from: "From",
    to: "To",
    page: "Page",
    pageSize: "Page size",
  },
  roles: {
    coordinator: "Coordinator",
    secretary: "Secretary",
    member: "Member",
    leader: "Leader",
    system_admin: "System admin",
    security_admin: "Security admin",
    audit_admin: "Audit admin",
  },
  codes: {
    forbidden: "not permitted",
    "idNumber.probeLimit": "too many ID numbers already in use",
    "idNumber.searchLimit": "too many ID-number searches that found nobody",
    "alert.acknowledged": "alert already acknowledged",
    "auth.csrf": "request origin check failed",
    not_found: "not found or outside the jurisdiction",
    validation: "invalid input",
    "export.tooMany": "over the export limit",
    totp: "authenticator code",
    recovery: "recovery code",
    locked: "locked",
    second_factor: "second-factor check",
    password_change: "password change",
    second_factor_enrolment: "two-factor setup",
  },
  system: "System",
  yes: "yes",
  no: "no",
  listSeparator: ", ",
  columns: {
    at: "Time",
    actor: "Actor",
    ip: "IP address",
    action: "Action",
    target: "Target",
    result: "Result",
    detail: "Details",
  },
  sheet: "Audit log",
  fileStem: "audit-log",
};

export const auditLabels: Readonly<Record<Locale, AuditLabels>> = { "zh-CN": zhCN, "zh-TW": zhTW, en };

const isAction = (v: unknown): v is AuditAction => (auditActions as readonly unknown[]).includes(v);
const isTargetType = (v: unknown): v is AuditTargetType => (auditTargetTypes as readonly unknown[]).includes(v);
const isResult = (v: unknown): v is AuditResult => (auditResults as readonly unknown[]).includes(v);
const isDetailKey = (v: string): v is AuditDetailKey => (auditDetailKeys as readonly string[]).includes(v);
const isRole = (labels: AuditLabels, v: unknown): v is Role => typeof v === "string" && v in labels.roles;

/** An action's label; a code no longer in use is shown as recorded. */
export function auditActionLabel(action: string, labels: AuditLabels): string {
  return isAction(action) ? labels.actions[action] : action;
}

const orgIdKeys = new Set(["orgId", "parentId", "fromParentId", "toParentId", "primaryOrgId"]);

function orgText(entry: Pick<AuditEntry, "orgs">, id: unknown): string {
  if (id === null || id === undefined) return "—";
  const org = entry.orgs[String(id)];
  if (!org) return `#${String(id)}`;
  return org.path.length ? `${org.name}（${org.path.join(" / ")}）` : org.name;
}

/**
 * Who or what a record is about, as a sentence fragment: an organization by name with the names
 * above it, an account by username, a member by number only (a member's name is personal data).
 */
export function auditTargetText(
  entry: Pick<AuditEntry, "targetType" | "targetId" | "targetName" | "targetPath">,
  labels: AuditLabels,
): string {
  if (!entry.targetType) return "";
  const type = isTargetType(entry.targetType) ? labels.targetTypes[entry.targetType] : entry.targetType;
  if (entry.targetType === "member" || !entry.targetName) return entry.targetId ? `${type} #${entry.targetId}` : type;
  const path = entry.targetPath.length ? `（${entry.targetPath.join(" / ")}）` : "";
  return `${type} ${entry.targetName}${path}`;
}

function valueText(key: string, value: unknown, entry: Pick<AuditEntry, "orgs">, labels: AuditLabels): string {
  const field = (v: unknown) => (typeof v === "string" ? (labels.fieldNames[v] ?? v) : String(v));
  if (value === null || value === undefined) return "—";
  if (orgIdKeys.has(key)) return orgText(entry, value);
  if (key === "fields" || key === "searched") {
    return Array.isArray(value) ? value.map(field).join(labels.listSeparator) : field(value);
  }
  if (key === "field") return field(value);
  const code = (v: unknown) => (typeof v === "string" ? (labels.codes[v] ?? v) : String(v));
  if (key === "code" || key === "method" || key === "reason") return code(value);
  if (key === "gates") return Array.isArray(value) ? value.map(code).join(labels.listSeparator) : code(value);
  if (key === "role") return isRole(labels, value) ? labels.roles[value] : String(value);
  if (key === "action") return typeof value === "string" ? auditActionLabel(value, labels) : String(value);
  if (key === "result") return isResult(value) ? labels.results[value] : String(value);
  if (key === "targetType") return isTargetType(value) ? labels.targetTypes[value] : String(value);
  if (typeof value === "boolean") return value ? labels.yes : labels.no;
  if (key === "filters" && typeof value === "object") {
    const pairs = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${field(k)}: ${valueText(k, v, entry, labels)}`,
    );
    return pairs.length ? pairs.join(labels.listSeparator) : "—";
  }
  if (typeof value === "string" || typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/** A record's detail as labelled lines, in the whitelist's order (older, unknown keys last, as recorded). */
export function auditDetailItems(
  entry: Pick<AuditEntry, "detail" | "orgs">,
  labels: AuditLabels,
): Array<{ key: string; label: string; text: string }> {
  const order = (k: string) => (isDetailKey(k) ? auditDetailKeys.indexOf(k) : auditDetailKeys.length);
  // An empty list or set of filters says nothing (a sign-in with no open steps): left out.
  const empty = (v: unknown) =>
    (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === "object" && Object.keys(v).length === 0);
  return Object.entries(entry.detail)
    .filter(([, value]) => !empty(value))
    .sort(([a], [b]) => order(a) - order(b))
    .map(([key, value]) => ({
      key,
      label: isDetailKey(key) ? labels.detailKeys[key] : key,
      text: valueText(key, value, entry, labels),
    }));
}
