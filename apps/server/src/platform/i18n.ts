import type { Locale } from "@huzhu/contracts";

/**
 * Server-side messages in the three languages the platform speaks. Error codes are stable and
 * English; the text is chosen from the request's Accept-Language.
 */
type Catalog = Record<string, Record<Locale, string>>;

const messages: Catalog = {
  "auth.required": { "zh-CN": "请先登录", "zh-TW": "請先登入", en: "Please sign in" },
  "auth.invalid": {
    "zh-CN": "用户名或密码错误",
    "zh-TW": "使用者名稱或密碼錯誤",
    en: "Wrong username or password",
  },
  "auth.locked": {
    "zh-CN": "登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试",
    "zh-TW": "登入失敗次數過多，帳號已鎖定，請 {minutes} 分鐘後再試",
    en: "Too many failed sign-ins; the account is locked, try again in {minutes} minutes",
  },
  "auth.csrf": {
    "zh-CN": "安全令牌无效，请刷新页面后重试",
    "zh-TW": "安全權杖無效，請重新整理頁面後再試",
    en: "Missing or invalid security token; reload the page and try again",
  },
  forbidden: { "zh-CN": "没有权限执行此操作", "zh-TW": "沒有權限執行此操作", en: "You are not allowed to do this" },
  not_found: {
    "zh-CN": "{what}不存在或不在您的管辖范围内",
    "zh-TW": "{what}不存在或不在您的管轄範圍內",
    en: "{what} not found or outside your jurisdiction",
  },
  "route.not_found": { "zh-CN": "接口不存在", "zh-TW": "介面不存在", en: "No such endpoint" },
  internal: {
    "zh-CN": "服务器内部错误，请稍后重试",
    "zh-TW": "伺服器內部錯誤，請稍後再試",
    en: "Internal server error; please try again later",
  },
  unavailable: { "zh-CN": "数据库暂不可用", "zh-TW": "資料庫暫時無法使用", en: "The database is unavailable" },
  "body.invalid_json": {
    "zh-CN": "请求体不是合法的 JSON",
    "zh-TW": "請求內容不是合法的 JSON",
    en: "The request body is not valid JSON",
  },
  "input.invalid": {
    "zh-CN": "请求中含有无法处理的值（如超出范围的编号或控制字符）",
    "zh-TW": "請求中含有無法處理的值（如超出範圍的編號或控制字元）",
    en: "The request contains a value that cannot be stored (e.g. an id out of range or a control character)",
  },
  // The problem text comes from the solver's validator, which speaks the format's English.
  "pairing.invalid": {
    "zh-CN": "结对问题无效：{problem}",
    "zh-TW": "結對問題無效：{problem}",
    en: "invalid pairing problem: {problem}",
  },
  // Heavy work (platform/heavy-work.ts, the solver pool): say what is running and what to do.
  "heavy.busy.pairing.solve": {
    "zh-CN": "您的一次结对求解仍在进行，请等它完成后再发起求解或导出",
    "zh-TW": "您的一次結對求解仍在進行，請等它完成後再發起求解或匯出",
    en: "Your pairing solve is still running; wait for it to finish before starting another solve or export",
  },
  "heavy.busy.member.export": {
    "zh-CN": "您的一次名册导出仍在进行，请等它完成后再发起求解或导出",
    "zh-TW": "您的一次名冊匯出仍在進行，請等它完成後再發起求解或匯出",
    en: "Your roster export is still running; wait for it to finish before starting another solve or export",
  },
  "pairing.busy": {
    "zh-CN": "结对求解器正忙（排队已满），请稍后再试",
    "zh-TW": "結對求解器正忙（排隊已滿），請稍後再試",
    en: "The pairing solver is busy (its queue is full); try again shortly",
  },
  "pairing.tooLarge": {
    "zh-CN": "该结对问题所需内存超过单次求解上限（{heapMb} MB），请拆分问题，或请运维人员调高 HUZHU_SOLVER_HEAP_MB",
    "zh-TW": "該結對問題所需記憶體超過單次求解上限（{heapMb} MB），請拆分問題，或請維運人員調高 HUZHU_SOLVER_HEAP_MB",
    en: "This pairing problem needs more memory than one solve may use ({heapMb} MB); split it, or ask the operator to raise HUZHU_SOLVER_HEAP_MB",
  },
  "request.malformed": { "zh-CN": "请求格式错误", "zh-TW": "請求格式錯誤", en: "Malformed request" },
  "body.too_large": { "zh-CN": "请求体过大", "zh-TW": "請求內容過大", en: "The request body is too large" },
  // validation
  "validation.field": { "zh-CN": "{label}：{message}", "zh-TW": "{label}：{message}", en: "{label}: {message}" },
  // an array item of a field: "联建单位第 2 项"
  "validation.item": { "zh-CN": "{label}第 {n} 项", "zh-TW": "{label}第 {n} 項", en: "{label}, item {n}" },
  "validation.unknown_field": { "zh-CN": "不允许的字段", "zh-TW": "不允許的欄位", en: "unknown field" },
  "validation.required": { "zh-CN": "必填", "zh-TW": "必填", en: "is required" },
  "validation.uuid": { "zh-CN": "编号格式不正确", "zh-TW": "編號格式不正確", en: "is not a valid id" },
  // humanText (contracts/common.ts): refused, never silently cleaned
  "text.invisibleCharacter": {
    "zh-CN": "含有不可见字符或控制字符（如零宽空格、文字方向控制符），请删除后重新输入",
    "zh-TW": "含有不可見字元或控制字元（如零寬空格、文字方向控制字元），請刪除後重新輸入",
    en: "contains an invisible or control character (such as a zero-width space or a text-direction mark); type it again without it",
  },
  "text.noVisibleCharacter": { "zh-CN": "没有可见的字符", "zh-TW": "沒有可見的字元", en: "has no visible character" },
  "idNumber.format": {
    "zh-CN": "应为 18 位，前 17 位为数字，末位为数字或 X",
    "zh-TW": "應為 18 位，前 17 位為數字，末位為數字或 X",
    en: "must be 18 characters: 17 digits then a digit or X",
  },
  "idNumber.checkDigit": { "zh-CN": "校验位不正确", "zh-TW": "校驗位不正確", en: "has a wrong check digit" },
  "idNumber.birthDate": {
    "zh-CN": "其中的出生日期无效",
    "zh-TW": "其中的出生日期無效",
    en: "contains an invalid birth date",
  },
  "idNumber.birthDateMismatch": {
    "zh-CN": "与出生日期不一致",
    "zh-TW": "與出生日期不一致",
    en: "does not match the birth date",
  },
  "idNumber.genderMismatch": { "zh-CN": "与性别不一致", "zh-TW": "與性別不一致", en: "does not match the gender" },
  "idNumber.duplicate": {
    "zh-CN": "已有党员使用该身份证号",
    "zh-TW": "已有黨員使用此身分證號",
    en: "is already used by another member",
  },
  // 429s of the ID-number probing limit (members.service.ts, platform/rate-limit.ts)
  "idNumber.probeLimit": {
    "zh-CN":
      "一小时内已有 {max} 次填写的身份证号已被使用，为防止借此探查他人信息，请 {minutes} 分钟后再试；已在其他组织登记的党员请办理组织关系转接，不要重复新增",
    "zh-TW":
      "一小時內已有 {max} 次填寫的身分證號已被使用，為防止藉此探查他人資料，請 {minutes} 分鐘後再試；已在其他組織登記的黨員請辦理組織關係轉接，不要重複新增",
    en: "too many attempts with ID numbers already in use ({max} within an hour); to keep anyone from probing for other people's numbers, try again in {minutes} minutes. A member registered elsewhere is transferred, not added again",
  },
  "idNumber.searchLimit": {
    "zh-CN": "一小时内按身份证号查询未找到的次数已达 {max} 次，为防止借此猜测他人身份证号，请 {minutes} 分钟后再试",
    "zh-TW": "一小時內按身分證號查詢未找到的次數已達 {max} 次，為防止藉此猜測他人身分證號，請 {minutes} 分鐘後再試",
    en: "too many searches by ID number that found nobody ({max} within an hour); to keep anyone from guessing other people's numbers, try again in {minutes} minutes",
  },
  "alert.acknowledged": {
    "zh-CN": "该告警已确认",
    "zh-TW": "該告警已確認",
    en: "this alert has already been acknowledged",
  },
  "phone.format": {
    "zh-CN": "应为 11 位手机号码",
    "zh-TW": "應為 11 位手機號碼",
    en: "must be an 11-digit mobile number",
  },
  "date.format": {
    "zh-CN": "日期格式应为 YYYY-MM-DD",
    "zh-TW": "日期格式應為 YYYY-MM-DD",
    en: "must be a date as YYYY-MM-DD",
  },
  "date.invalid": { "zh-CN": "不是有效日期", "zh-TW": "不是有效日期", en: "is not a real date" },
  "date.future": { "zh-CN": "不能晚于今天", "zh-TW": "不能晚於今天", en: "cannot be in the future" },
  "joinDate.tooYoung": {
    "zh-CN": "入党时应年满 18 周岁",
    "zh-TW": "入黨時應年滿 18 歲",
    en: "must be on or after the member's 18th birthday",
  },
  "divisionCode.format": {
    "zh-CN": "应为 6、9 或 12 位数字",
    "zh-TW": "應為 6、9 或 12 位數字",
    en: "must be 6, 9 or 12 digits",
  },
  "divisionCode.unknown": {
    "zh-CN": "不是有效的行政区划代码（GB/T 2260）",
    "zh-TW": "不是有效的行政區劃代碼（GB/T 2260）",
    en: "is not a known administrative division code (GB/T 2260)",
  },
  "org.notInScope": {
    "zh-CN": "组织不存在或不在您的管辖范围内",
    "zh-TW": "組織不存在或不在您的管轄範圍內",
    en: "organization not found or outside your jurisdiction",
  },
  "org.dissolved": { "zh-CN": "组织已撤销", "zh-TW": "組織已撤銷", en: "the organization has been dissolved" },
  "org.moveIntoItself": {
    "zh-CN": "不能移动到自身或其下级组织之下",
    "zh-TW": "不能移動到自身或其下級組織之下",
    en: "cannot move an organization under itself or its own descendant",
  },
  "org.moveSameParent": {
    "zh-CN": "已经在该组织之下，请选择另一个上级组织",
    "zh-TW": "已經在該組織之下，請選擇另一個上級組織",
    en: "it is already under this organization; choose another parent",
  },
  "org.moveRoot": {
    "zh-CN": "不能移动您管辖范围的顶层组织",
    "zh-TW": "不能移動您管轄範圍的頂層組織",
    en: "cannot move the top organization of your jurisdiction",
  },
  "org.hasActiveChildren": {
    "zh-CN": "该组织还有未撤销的下级组织，请先处理",
    "zh-TW": "該組織還有未撤銷的下級組織，請先處理",
    en: "the organization still has active sub-organizations",
  },
  "org.hasMembers": {
    "zh-CN": "该组织还有 {count} 名党员，请先转接组织关系",
    "zh-TW": "該組織還有 {count} 名黨員，請先轉接組織關係",
    en: "the organization still has {count} members; transfer them first",
  },
  "member.coOrgSame": {
    "zh-CN": "共管组织不能与所在组织相同",
    "zh-TW": "共管組織不能與所在組織相同",
    en: "cannot be the same as the primary organization",
  },
  "password.weak": {
    "zh-CN": "至少 10 位，且包含大写字母、小写字母、数字、符号中的三类",
    "zh-TW": "至少 10 位，且包含大寫字母、小寫字母、數字、符號中的三類",
    en: "must be at least 10 characters mixing three of: upper case, lower case, digits, symbols",
  },
  "username.format": {
    "zh-CN": "只能包含小写字母、数字和 _ . -",
    "zh-TW": "只能包含小寫字母、數字和 _ . -",
    en: "may contain only lower-case letters, digits and _ . -",
  },
  "username.taken": { "zh-CN": "用户名已被使用", "zh-TW": "使用者名稱已被使用", en: "this username is taken" },
  "export.tooMany": {
    "zh-CN": "符合条件的党员有 {count} 名，超过单次导出上限 {max} 名，请缩小筛选范围后再导出",
    "zh-TW": "符合條件的黨員有 {count} 名，超過單次匯出上限 {max} 名，請縮小篩選範圍後再匯出",
    en: "{count} members match, more than the {max} one export may hold; narrow the filters and export again",
  },
  "member.notFound": { "zh-CN": "党员不存在", "zh-TW": "黨員不存在", en: "no such member" },
  "user.disableSelf": {
    "zh-CN": "不能停用自己的账号",
    "zh-TW": "不能停用自己的帳號",
    en: "you cannot disable your own account",
  },
  "role.adminNoOrg": {
    "zh-CN": "管理员角色不属于某个组织，请勿填写",
    "zh-TW": "管理員角色不屬於某個組織，請勿填寫",
    en: "administrator roles are not tied to an organization",
  },
  "role.separationOfDuties": {
    "zh-CN": "三员分立：管理员账号不能再兼任任何其他角色（包括另一种管理员和能查看党员信息的角色）",
    "zh-TW": "三員分立：管理員帳號不能再兼任任何其他角色（包括另一種管理員和能查看黨員資訊的角色）",
    en: "separation of duties: an administrator account holds no other role (neither another administrator role nor one that reads member data)",
  },
  "role.withdrawOwnSecurity": {
    "zh-CN": "不能撤销自己的安全管理员角色",
    "zh-TW": "不能撤銷自己的安全管理員角色",
    en: "you cannot withdraw your own security administrator role",
  },
  "auth.tooManyAttempts": {
    "zh-CN": "此网络地址登录失败次数过多，请 {minutes} 分钟后再试",
    "zh-TW": "此網路位址登入失敗次數過多，請 {minutes} 分鐘後再試",
    en: "Too many failed sign-ins from this address; try again in {minutes} minutes",
  },
  "auth.gate.second_factor": {
    "zh-CN": "请先输入动态验证码完成登录",
    "zh-TW": "請先輸入動態驗證碼完成登入",
    en: "Enter your authenticator code to finish signing in first",
  },
  "auth.gate.password_change": {
    "zh-CN": "您的密码由管理员设置，请先修改密码",
    "zh-TW": "您的密碼由管理員設定，請先修改密碼",
    en: "An administrator set your password; choose a new one first",
  },
  "auth.gate.second_factor_enrolment": {
    "zh-CN": "您的角色须使用双因素登录，请先绑定身份验证器",
    "zh-TW": "您的角色須使用雙因素登入，請先綁定身分驗證器",
    en: "Your role requires two-factor sign-in; set up an authenticator app first",
  },
  "auth.secondFactorExhausted": {
    "zh-CN": "验证码错误次数过多，请重新登录",
    "zh-TW": "驗證碼錯誤次數過多，請重新登入",
    en: "Too many wrong codes; sign in again",
  },
  "secondFactor.invalid": {
    "zh-CN": "验证码错误或已使用过",
    "zh-TW": "驗證碼錯誤或已使用過",
    en: "wrong or already used code",
  },
  "totp.format": { "zh-CN": "应为 6 位数字", "zh-TW": "應為 6 位數字", en: "must be 6 digits" },
  "secondFactor.notPending": {
    "zh-CN": "当前无需输入验证码",
    "zh-TW": "目前無需輸入驗證碼",
    en: "no code is awaited",
  },
  "secondFactor.alreadyEnabled": {
    "zh-CN": "已启用双因素登录；如需更换设备，请先关闭再重新绑定",
    "zh-TW": "已啟用雙因素登入；如需更換裝置，請先關閉再重新綁定",
    en: "two-factor sign-in is already on; turn it off before enrolling a new device",
  },
  "secondFactor.notStarted": {
    "zh-CN": "尚未绑定身份验证器",
    "zh-TW": "尚未綁定身分驗證器",
    en: "no authenticator app is set up",
  },
  "secondFactor.required": {
    "zh-CN": "您的角色必须使用双因素登录，不能关闭",
    "zh-TW": "您的角色必須使用雙因素登入，不能關閉",
    en: "your role requires two-factor sign-in; it cannot be turned off",
  },
  "password.common": {
    "zh-CN": "该密码过于常见，容易被猜中，请换一个",
    "zh-TW": "該密碼過於常見，容易被猜中，請換一個",
    en: "is too common and easy to guess; choose another",
  },
  "password.personal": {
    "zh-CN": "不能包含用户名或姓名",
    "zh-TW": "不能包含使用者名稱或姓名",
    en: "must not contain the username or name",
  },
  "password.same": {
    "zh-CN": "新密码不能与当前密码相同",
    "zh-TW": "新密碼不能與目前密碼相同",
    en: "must differ from the current password",
  },
  "password.currentWrong": {
    "zh-CN": "当前密码不正确",
    "zh-TW": "目前密碼不正確",
    en: "is not your current password",
  },
  "user.ownPasswordHere": {
    "zh-CN": "请通过“修改密码”更改自己的密码或验证器",
    "zh-TW": "請透過「修改密碼」變更自己的密碼或驗證器",
    en: "change your own password or authenticator through “Change password”",
  },
  "user.lastAdministrator": {
    "zh-CN": "这是该管理员角色唯一的在用账号，不能停用",
    "zh-TW": "這是該管理員角色唯一的在用帳號，不能停用",
    en: "this is the only active holder of an administrator role and cannot be disabled",
  },
  "role.lastAdministrator": {
    "zh-CN": "这是该管理员角色唯一的在用账号，不能撤销",
    "zh-TW": "這是該管理員角色唯一的在用帳號，不能撤銷",
    en: "this is the only active holder of this administrator role; it cannot be withdrawn",
  },
  "role.ownRoles": {
    "zh-CN": "不能给自己授予或撤销角色",
    "zh-TW": "不能給自己授予或撤銷角色",
    en: "nobody may grant or withdraw their own roles",
  },
  "reset.notPending": {
    "zh-CN": "该重置申请已处理或已过期",
    "zh-TW": "該重設申請已處理或已過期",
    en: "this reset request was already decided or has expired",
  },
  "reset.ownRequest": {
    "zh-CN": "不能审批自己提出或针对自己账号的重置申请",
    "zh-TW": "不能審批自己提出或針對自己帳號的重設申請",
    en: "you cannot decide a reset you asked for or of your own account",
  },
  "attachment.type": {
    "zh-CN": "只能上传照片（JPEG、PNG、WebP）、PDF 或 Office 文档（Word、Excel、PowerPoint），文件内容与之不符",
    "zh-TW": "只能上傳照片（JPEG、PNG、WebP）、PDF 或 Office 文件（Word、Excel、PowerPoint），檔案內容與之不符",
    en: "must be a photo (JPEG, PNG, WebP), a PDF or an Office document (Word, Excel, PowerPoint); this file's content is not",
  },
  "attachment.tooLarge": {
    "zh-CN": "文件过大，最大 {max} MB",
    "zh-TW": "檔案過大，最大 {max} MB",
    en: "is too large; at most {max} MB",
  },
  "attachment.empty": { "zh-CN": "文件是空的", "zh-TW": "檔案是空的", en: "is empty" },
  "attachment.notYours": {
    "zh-CN": "附件不存在、不是您上传的或已被使用",
    "zh-TW": "附件不存在、不是您上傳的或已被使用",
    en: "an attachment does not exist, is not yours or is already used",
  },
  "job.heavyRunning": {
    "zh-CN": "您已有一项导出、导入或计算任务在进行，请等它完成后再开始新的任务",
    "zh-TW": "您已有一項匯出、匯入或計算任務在進行，請等它完成後再開始新的任務",
    en: "You already have an export, import or calculation running; wait for it to finish before starting another",
  },
  "job.queued": { "zh-CN": "排队中", "zh-TW": "排隊中", en: "Waiting to start" },
  "job.retrying": {
    "zh-CN": "服务重启后重新排队",
    "zh-TW": "服務重新啟動後重新排隊",
    en: "Queued again after a restart",
  },
  "job.succeeded": { "zh-CN": "已完成", "zh-TW": "已完成", en: "Done" },
  "job.failed": {
    "zh-CN": "任务失败，请稍后重试",
    "zh-TW": "任務失敗，請稍後再試",
    en: "The job failed; try again later",
  },
  "job.cancelled": { "zh-CN": "已取消", "zh-TW": "已取消", en: "Cancelled" },
  "job.interrupted": {
    "zh-CN": "任务因服务重启而中断，未产生任何结果，请重新发起",
    "zh-TW": "任務因服務重新啟動而中斷，未產生任何結果，請重新發起",
    en: "The job was interrupted by a restart and left no result; start it again",
  },
  "job.member.export.reading": { "zh-CN": "正在查询名册", "zh-TW": "正在查詢名冊", en: "Reading the roster" },
  "job.member.export.writing": {
    "zh-CN": "已写入 {done} / {total} 名党员",
    "zh-TW": "已寫入 {done} / {total} 名黨員",
    en: "{done} of {total} members written",
  },
  "job.kind.member.export": { "zh-CN": "党员名册导出", "zh-TW": "黨員名冊匯出", en: "Roster export" },
  // Excel imports (issue 13): the file's problems, a row's problems, the steps of its jobs
  "job.kind.import.validate": { "zh-CN": "导入文件校验", "zh-TW": "匯入檔案校驗", en: "Import check" },
  "job.kind.import.commit": { "zh-CN": "确认导入", "zh-TW": "確認匯入", en: "Import commit" },
  "job.kind.import.export": {
    "zh-CN": "导出（导入模板格式）",
    "zh-TW": "匯出（匯入範本格式）",
    en: "Export for re-import",
  },
  "job.import.export.reading": { "zh-CN": "正在查询数据", "zh-TW": "正在查詢資料", en: "Reading the records" },
  "job.import.export.writing": {
    "zh-CN": "已写入 {done} / {total} 行",
    "zh-TW": "已寫入 {done} / {total} 列",
    en: "{done} of {total} rows written",
  },
  "job.import.validate.reading": {
    "zh-CN": "正在读取文件（已读 {done} 行）",
    "zh-TW": "正在讀取檔案（已讀 {done} 列）",
    en: "Reading the file ({done} rows so far)",
  },
  "job.import.validate.checking": {
    "zh-CN": "正在逐行校验 {total} 行",
    "zh-TW": "正在逐列校驗 {total} 列",
    en: "Checking {total} rows",
  },
  "job.import.commit.reading": { "zh-CN": "正在读取文件", "zh-TW": "正在讀取檔案", en: "Reading the file" },
  "job.import.commit.checking": { "zh-CN": "正在再次校验", "zh-TW": "正在再次校驗", en: "Checking again" },
  "job.import.commit.writing": {
    "zh-CN": "正在写入（{done}/{total}）",
    "zh-TW": "正在寫入（{done}/{total}）",
    en: "Writing ({done}/{total})",
  },
  "import.notWorkbook": {
    "zh-CN": "不是 Excel 工作簿（.xlsx），请使用下载的模板填写后上传",
    "zh-TW": "不是 Excel 活頁簿（.xlsx），請使用下載的範本填寫後上傳",
    en: "is not an Excel workbook (.xlsx); fill in the downloaded template and upload it",
  },
  "import.noSheet": { "zh-CN": "工作簿中没有工作表", "zh-TW": "活頁簿中沒有工作表", en: "has no worksheet" },
  "import.noHeader": {
    "zh-CN": "第 1 行应为表头，请使用下载的模板",
    "zh-TW": "第 1 列應為表頭，請使用下載的範本",
    en: "row 1 must be the header row; use the downloaded template",
  },
  "import.wrongHeaders": {
    "zh-CN": "表头与模板不一致：第 {column} 列应为“{expected}”，实际为“{found}”，请使用下载的模板",
    "zh-TW": "表頭與範本不一致：第 {column} 欄應為「{expected}」，實際為「{found}」，請使用下載的範本",
    en: "the headers are not the template's: column {column} should be “{expected}” but is “{found}”; use the downloaded template",
  },
  "import.empty": {
    "zh-CN": "第一张工作表没有数据行",
    "zh-TW": "第一張工作表沒有資料列",
    en: "the first worksheet has no data rows",
  },
  "import.tooManyRows": {
    "zh-CN": "超过网页导入的上限 {max} 行，请拆分文件，或使用命令行 huzhu import 导入",
    "zh-TW": "超過網頁匯入的上限 {max} 列，請分割檔案，或使用命令列 huzhu import 匯入",
    en: "has more than the {max} rows the web accepts; split the file or use the command line (huzhu import)",
  },
  "import.tooLarge": {
    "zh-CN": "文件超过 {max} MB",
    "zh-TW": "檔案超過 {max} MB",
    en: "is larger than {max} MB",
  },
  "import.oneFile": { "zh-CN": "一次只能上传一个文件", "zh-TW": "一次只能上傳一個檔案", en: "only one file at a time" },
  "import.kindNotImportable": {
    "zh-CN": "应为 members（党员）、orgs（党组织）、needs（需求）或 resources（资源）",
    "zh-TW": "應為 members（黨員）、orgs（黨組織）、needs（需求）或 resources（資源）",
    en: "must be members, orgs, needs or resources",
  },
  "import.kindNotExportable": {
    "zh-CN": "应为 orgs（党组织）、needs（需求）或 resources（资源）；党员名册请用名册的导出",
    "zh-TW": "應為 orgs（黨組織）、needs（需求）或 resources（資源）；黨員名冊請用名冊的匯出",
    en: "must be orgs, needs or resources (members: use the roster's export)",
  },
  "import.invalidValue": { "zh-CN": "内容无效", "zh-TW": "內容無效", en: "is not valid" },
  "import.dateFormat": {
    "zh-CN": "应为 YYYY-MM-DD 格式的日期或 Excel 日期",
    "zh-TW": "應為 YYYY-MM-DD 格式的日期或 Excel 日期",
    en: "must be a date as YYYY-MM-DD or an Excel date",
  },
  "import.notInList": {
    "zh-CN": "应为以下之一：{allowed}",
    "zh-TW": "應為以下之一：{allowed}",
    en: "must be one of: {allowed}",
  },
  "import.idNumberAsNumber": {
    "zh-CN": "被 Excel 存成了数字，末几位可能已丢失，请将该列设为文本后重新填写",
    "zh-TW": "被 Excel 存成了數字，末幾位可能已遺失，請將該欄設為文字後重新填寫",
    en: "was stored by Excel as a number and may have lost its last digits; format the column as text and type it again",
  },
  "import.orgNotFound": {
    "zh-CN": "找不到该党组织（请填写其行政区划代码或党组织全称）",
    "zh-TW": "找不到該黨組織（請填寫其行政區劃代碼或黨組織全稱）",
    en: "no such organization (give its division code or its full name)",
  },
  "import.orgAmbiguous": {
    "zh-CN": "对应多个党组织，请改填其行政区划代码（村、社区、乡镇）或更完整的全称",
    "zh-TW": "對應多個黨組織，請改填其行政區劃代碼（村、社區、鄉鎮）或更完整的全稱",
    en: "matches several organizations; give its division code (village, community, town) or a fuller name",
  },
  "import.orgOutsideJurisdiction": {
    "zh-CN": "不在您的管辖范围内",
    "zh-TW": "不在您的管轄範圍內",
    en: "is outside your jurisdiction",
  },
  "import.duplicateInFile": {
    "zh-CN": "与第 {row} 行重复",
    "zh-TW": "與第 {row} 列重複",
    en: "repeats row {row}",
  },
  "import.orgParentDiffers": {
    "zh-CN": "该党组织已在系统中，隶属于另一个上级党组织；调整隶属关系请在组织树中办理，导入不会移动党组织",
    "zh-TW": "該黨組織已在系統中，隸屬於另一個上級黨組織；調整隸屬關係請在組織樹中辦理，匯入不會移動黨組織",
    en: "this organization is already under another parent: move it in the tree; an import never moves organizations",
  },
  "import.recordAmbiguous": {
    "zh-CN": "该党组织已有多条同名记录，无法确定更新哪一条",
    "zh-TW": "該黨組織已有多筆同名記錄，無法確定更新哪一筆",
    en: "the organization already has several records with this title; which one to update is unclear",
  },
  "import.notUpdatable": {
    "zh-CN": "已有同名记录，但其当前状态或您的权限不允许修改",
    "zh-TW": "已有同名記錄，但其目前狀態或您的權限不允許修改",
    en: "a record with this title exists, but its state or your rights do not allow changing it",
  },
  "import.idNumberElsewhere": {
    "zh-CN": "已是其他党组织的党员（冲突），请办理组织关系转接，导入不会移动党员",
    "zh-TW": "已是其他黨組織的黨員（衝突），請辦理組織關係轉接，匯入不會移動黨員",
    en: "belongs to a member of another organization (a conflict): transfer the member; an import never moves anyone",
  },
  "import.conflictLimit": {
    "zh-CN":
      "一小时内已有 {max} 个身份证号被报为已是其他党组织的党员，为防止借此探查他人信息，该文件未予校验，请 {minutes} 分钟后再试；这些党员请办理组织关系转接，或请上级组织导入",
    "zh-TW":
      "一小時內已有 {max} 個身分證號被報為已是其他黨組織的黨員，為防止藉此探查他人資料，該檔案未予校驗，請 {minutes} 分鐘後再試；這些黨員請辦理組織關係轉接，或請上級組織匯入",
    en: "{max} ID numbers within an hour were already members elsewhere; to keep anyone from probing for other people's numbers this file was not checked — try again in {minutes} minutes, transfer those members, or ask the superior organization to import them",
  },
  "import.hasErrors": {
    "zh-CN": "文件中还有错误行，请改正后重新上传",
    "zh-TW": "檔案中還有錯誤列，請改正後重新上傳",
    en: "the file still has rows with errors; correct them and upload it again",
  },
  "import.notReady": {
    "zh-CN": "该导入尚未校验完成或正在导入",
    "zh-TW": "該匯入尚未校驗完成或正在匯入",
    en: "this import is still being checked or committed",
  },
  "import.fileForgotten": {
    "zh-CN": "该导入已完成或已过保留期，上传的文件已删除，请重新上传",
    "zh-TW": "該匯入已完成或已過保留期，上傳的檔案已刪除，請重新上傳",
    en: "this import was committed or is past its retention time: its uploaded file is no longer kept; upload it again",
  },
  "import.alreadyCommitted": {
    "zh-CN": "该导入已完成",
    "zh-TW": "該匯入已完成",
    en: "this import was already committed",
  },
  "import.changedSinceValidation": {
    "zh-CN": "校验后名册已有变化，{bad} 行现在有误，未写入任何数据，请重新上传",
    "zh-TW": "校驗後名冊已有變化，{bad} 列現在有誤，未寫入任何資料，請重新上傳",
    en: "the roster changed since the check: {bad} rows are now wrong; nothing was written, upload the file again",
  },
  "import.failed": {
    "zh-CN": "导入失败，未写入任何数据",
    "zh-TW": "匯入失敗，未寫入任何資料",
    en: "the import failed; nothing was written",
  },
  "import.errorColumn": { "zh-CN": "错误说明", "zh-TW": "錯誤說明", en: "Errors" },
  "import.cellProblem": { "zh-CN": "{column}：{message}", "zh-TW": "{column}：{message}", en: "{column}: {message}" },
  "job.need.export.reading": { "zh-CN": "正在查询需求", "zh-TW": "正在查詢需求", en: "Reading the needs" },
  "job.need.export.writing": {
    "zh-CN": "已写入 {done} / {total} 条需求",
    "zh-TW": "已寫入 {done} / {total} 條需求",
    en: "{done} of {total} needs written",
  },
  "job.kind.need.export": { "zh-CN": "需求清单导出", "zh-TW": "需求清單匯出", en: "Needs export" },
  "need.exportTooMany": {
    "zh-CN": "符合条件的需求有 {count} 条，超过单次导出上限 {max} 条，请缩小筛选范围后再导出",
    "zh-TW": "符合條件的需求有 {count} 條，超過單次匯出上限 {max} 條，請縮小篩選範圍後再匯出",
    en: "{count} needs match, more than the {max} one export may hold; narrow the filters and export again",
  },
  // One line explaining a suggestion (needs.suggestions.ts): its factors, joined.
  "suggestion.category.match": { "zh-CN": "类别对口", "zh-TW": "類別對口", en: "the category fits" },
  "suggestion.category.none": { "zh-CN": "类别不对口", "zh-TW": "類別不對口", en: "the category does not fit" },
  "suggestion.distance": {
    "zh-CN": "组织树上相距 {hops} 级",
    "zh-TW": "組織樹上相距 {hops} 級",
    en: "{hops} steps apart in the organization tree",
  },
  "suggestion.distance.none": { "zh-CN": "不在同一区域", "zh-TW": "不在同一區域", en: "not in the same region" },
  "suggestion.available": {
    "zh-CN": "需求期间可提供",
    "zh-TW": "需求期間可提供",
    en: "available in the need's period",
  },
  "suggestion.unavailable": {
    "zh-CN": "需求期间不可提供",
    "zh-TW": "需求期間不可提供",
    en: "not available in the need's period",
  },
  "suggestion.rating": {
    "zh-CN": "以往帮扶评分 {average} 分（{count} 次）",
    "zh-TW": "以往幫扶評分 {average} 分（{count} 次）",
    en: "rated {average} on average for {count} past help",
  },
  "suggestion.unrated": { "zh-CN": "尚无帮扶评分", "zh-TW": "尚無幫扶評分", en: "no ratings yet" },
  "suggestion.load": {
    "zh-CN": "正在帮扶 {activeProjects} 个项目",
    "zh-TW": "正在幫扶 {activeProjects} 個項目",
    en: "helping in {activeProjects} active projects",
  },
  "suggestion.urgency.low": { "zh-CN": "不紧急", "zh-TW": "不緊急", en: "not urgent" },
  "suggestion.urgency.normal": { "zh-CN": "一般紧急", "zh-TW": "一般緊急", en: "normal urgency" },
  "suggestion.urgency.high": { "zh-CN": "较紧急", "zh-TW": "較緊急", en: "fairly urgent" },
  "suggestion.urgency.urgent": { "zh-CN": "紧急", "zh-TW": "緊急", en: "urgent" },
  // Pairing rounds and pairings (modules/pairing-rounds): errors, job progress, explanations, notifications.
  "pairingRound.weightsAllZero": {
    "zh-CN": "至少有一项权重大于 0",
    "zh-TW": "至少有一項權重大於 0",
    en: "at least one weight must be above 0",
  },
  "pairingRound.published": {
    "zh-CN": "该结对轮次已发布，不能再修改、运行或发布",
    "zh-TW": "該結對輪次已發布，不能再修改、執行或發布",
    en: "This pairing round is already published; it can no longer be changed, run or published",
  },
  "pairingRound.notRun": {
    "zh-CN": "该结对轮次尚未运行，请先运行",
    "zh-TW": "該結對輪次尚未執行，請先執行",
    en: "This pairing round has not been run yet; run it first",
  },
  "pairingRound.running": {
    "zh-CN": "该结对轮次正在运行，请等它完成",
    "zh-TW": "該結對輪次正在執行，請等它完成",
    en: "This pairing round is running; wait for it to finish",
  },
  "pairingRound.notCandidate": {
    "zh-CN": "不是本轮的候选结对",
    "zh-TW": "不是本輪的候選結對",
    en: "is not a candidate pair of this round",
  },
  "pairingRound.notParticipant": {
    "zh-CN": "不是本轮的参与组织",
    "zh-TW": "不是本輪的參與組織",
    en: "is not taking part in this round",
  },
  "pairingRound.conflict": {
    "zh-CN": "无法调整：{problem}",
    "zh-TW": "無法調整：{problem}",
    en: "cannot be changed: {problem}",
  },
  "pairing.notActive": {
    "zh-CN": "该结对不在进行中",
    "zh-TW": "該結對不在進行中",
    en: "This pairing is not active",
  },
  "pairing.exists": {
    "zh-CN": "这两个组织之间已有进行中的结对",
    "zh-TW": "這兩個組織之間已有進行中的結對",
    en: "these two organizations are already paired",
  },
  "pairing.notVillage": {
    "zh-CN": "联系点应为村或社区",
    "zh-TW": "聯繫點應為村或社區",
    en: "must be a village or an urban community",
  },
  "pairing.memberNotInScope": {
    "zh-CN": "党员不存在或不在您的管辖范围内",
    "zh-TW": "黨員不存在或不在您的管轄範圍內",
    en: "no such member in your jurisdiction",
  },
  "pairing.sameOrg": {
    "zh-CN": "帮扶方和受扶方不能相同",
    "zh-TW": "幫扶方和受扶方不能相同",
    en: "must differ from the helper",
  },
  "jointBranch.exists": {
    "zh-CN": "该结对已组建联建党组织",
    "zh-TW": "該結對已組建聯建黨組織",
    en: "this pairing already has a joint branch",
  },
  "jointBranch.notOrgPairing": {
    "zh-CN": "联建党组织只能由组织之间的结对组建",
    "zh-TW": "聯建黨組織只能由組織之間的結對組建",
    en: "a joint branch is formed from a pairing of two organizations",
  },
  "jointBranch.outsideJurisdiction": {
    "zh-CN": "结对双方须都在您的管辖范围内",
    "zh-TW": "結對雙方須都在您的管轄範圍內",
    en: "both sides of the pairing must be in your jurisdiction",
  },
  "jointBranch.memberNotOfSides": {
    "zh-CN": "党员{names}不属于结对双方",
    "zh-TW": "黨員{names}不屬於結對雙方",
    en: "{names}: not a member of either side",
  },
  "jointBranch.memberCoManaged": {
    "zh-CN": "党员{names}已有共管党组织",
    "zh-TW": "黨員{names}已有共管黨組織",
    en: "{names}: already co-managed by another organization",
  },
  "hardship.closed": { "zh-CN": "该帮扶记录已结束", "zh-TW": "該幫扶記錄已結束", en: "this hardship case is closed" },
  "hardship.onlyForHelp": {
    "zh-CN": "仅“帮扶”记录填写帮扶人和价值",
    "zh-TW": "僅「幫扶」記錄填寫幫扶人和價值",
    en: "only help given names who gave it and its value",
  },
  "serviceRequest.notOpen": {
    "zh-CN": "该服务需求已不是待认领状态（{status}）",
    "zh-TW": "該服務需求已不是待認領狀態（{status}）",
    en: "this service request is no longer open ({status})",
  },
  "serviceRequest.notClaimed": {
    "zh-CN": "该服务需求未处于服务中（{status}）",
    "zh-TW": "該服務需求未處於服務中（{status}）",
    en: "this service request is not being served ({status})",
  },
  "serviceRequest.feedbackGiven": {
    "zh-CN": "只能在服务完成后评价一次",
    "zh-TW": "只能在服務完成後評價一次",
    en: "feedback is given once, after the service is completed",
  },
  "serviceRequest.orgOrMember": {
    "zh-CN": "请选择提出需求的党组织，或为本人提出",
    "zh-TW": "請選擇提出需求的黨組織，或為本人提出",
    en: "name the requesting organization, or ask for yourself",
  },
  "serviceRequest.notTeamMember": {
    "zh-CN": "{names} 不是该服务队队员",
    "zh-TW": "{names} 不是該服務隊隊員",
    en: "{names}: not a member of the team",
  },
  "volunteerTeam.memberNotInOrg": {
    "zh-CN": "{names} 不在该党组织或其下级",
    "zh-TW": "{names} 不在該黨組織或其下級",
    en: "{names}: not a member of the organization or of one under it",
  },
  "volunteerTeam.exists": {
    "zh-CN": "该党组织已有同名服务队",
    "zh-TW": "該黨組織已有同名服務隊",
    en: "the organization already has a team of this name",
  },
  "hours.halves": { "zh-CN": "时长以半小时计", "zh-TW": "時長以半小時計", en: "hours count in halves" },
  "secondment.sameOrg": {
    "zh-CN": "接收单位不能是干部所在党组织",
    "zh-TW": "接收單位不能是幹部所在黨組織",
    en: "the host cannot be the cadre's own organization",
  },
  "secondment.endsBeforeStart": {
    "zh-CN": "结束日期不能早于开始日期",
    "zh-TW": "結束日期不能早於開始日期",
    en: "the end cannot come before the start",
  },
  "secondment.notYourSide": {
    "zh-CN": "只能以本方身份评价",
    "zh-TW": "只能以本方身份評價",
    en: "you may evaluate only for your own side",
  },
  "secondment.evaluated": {
    "zh-CN": "该方已评价",
    "zh-TW": "該方已評價",
    en: "this side has already evaluated",
  },
  "transfer.open": {
    "zh-CN": "该党员已有未办结的组织关系转接",
    "zh-TW": "該黨員已有未辦結的組織關係轉接",
    en: "this member already has an open transfer",
  },
  "transfer.notPending": {
    "zh-CN": "该转接已办结（{status}）",
    "zh-TW": "該轉接已辦結（{status}）",
    en: "this transfer is no longer pending ({status})",
  },
  "transfer.destination": {
    "zh-CN": "请选择转入党组织，或填写平台外的转入单位（二者选一）",
    "zh-TW": "請選擇轉入黨組織，或填寫平台外的轉入單位（二者選一）",
    en: "choose the receiving organization or write a destination outside the platform (one of the two)",
  },
  "transfer.noSuchOrg": {
    "zh-CN": "转入党组织不存在",
    "zh-TW": "轉入黨組織不存在",
    en: "no such receiving organization",
  },
  "transfer.sameOrg": {
    "zh-CN": "转入党组织与现所在党组织相同",
    "zh-TW": "轉入黨組織與現所在黨組織相同",
    en: "the receiving organization is the member's own",
  },
  "transfer.memberGone": {
    "zh-CN": "该党员已转出本平台",
    "zh-TW": "該黨員已轉出本平台",
    en: "this member has been transferred out of the platform",
  },
  "transfer.stale": {
    "zh-CN": "党员所在党组织已变化，请重新申请",
    "zh-TW": "黨員所在黨組織已變化，請重新申請",
    en: "the member's organization has changed since the request; request again",
  },
  "notification.serviceRequest.claimed": {
    "zh-CN": "服务需求“{title}”已被志愿服务队认领",
    "zh-TW": "服務需求「{title}」已被志願服務隊認領",
    en: "A volunteer team claimed the service request “{title}”",
  },
  "notification.serviceRequest.completed": {
    "zh-CN": "服务需求“{title}”已完成，请评价",
    "zh-TW": "服務需求「{title}」已完成，請評價",
    en: "The service request “{title}” is done: please give feedback",
  },
  "notification.serviceRequest.rated": {
    "zh-CN": "服务需求“{title}”收到评价",
    "zh-TW": "服務需求「{title}」收到評價",
    en: "The service request “{title}” received feedback",
  },
  "notification.transfer.requested": {
    "zh-CN": "{member}的组织关系转接申请（介绍信{letterNo}）待办理",
    "zh-TW": "{member}的組織關係轉接申請（介紹信{letterNo}）待辦理",
    en: "Transfer request for {member} (letter {letterNo}) awaits a decision",
  },
  "notification.transfer.accepted": {
    "zh-CN": "{member}的组织关系已转入（介绍信{letterNo}）",
    "zh-TW": "{member}的組織關係已轉入（介紹信{letterNo}）",
    en: "{member}'s transfer was accepted (letter {letterNo})",
  },
  "notification.transfer.transferredOut": {
    "zh-CN": "{member}的组织关系已转出本平台（介绍信{letterNo}）",
    "zh-TW": "{member}的組織關係已轉出本平台（介紹信{letterNo}）",
    en: "{member} was transferred out of the platform (letter {letterNo})",
  },
  "notification.transfer.rejected": {
    "zh-CN": "{member}的组织关系转接被退回（介绍信{letterNo}）",
    "zh-TW": "{member}的組織關係轉接被退回（介紹信{letterNo}）",
    en: "{member}'s transfer was rejected (letter {letterNo})",
  },
  "notification.transfer.cancelled": {
    "zh-CN": "{member}的组织关系转接已撤回（介绍信{letterNo}）",
    "zh-TW": "{member}的組織關係轉接已撤回（介紹信{letterNo}）",
    en: "{member}'s transfer was withdrawn (letter {letterNo})",
  },
  "mobileMember.open": {
    "zh-CN": "该党员已有未结束的流动登记",
    "zh-TW": "該黨員已有未結束的流動登記",
    en: "this member already has an open mobile registration",
  },
  "mobileMember.destination": {
    "zh-CN": "请选择流入地党组织或填写流入地点",
    "zh-TW": "請選擇流入地黨組織或填寫流入地點",
    en: "choose the destination organization or write the place",
  },
  "mobileMember.sameOrg": {
    "zh-CN": "流入地党组织不能是本党组织",
    "zh-TW": "流入地黨組織不能是本黨組織",
    en: "the destination cannot be the member's own organization",
  },
  "mobileMember.returnBeforeLeave": {
    "zh-CN": "预计返回日期不能早于外出日期",
    "zh-TW": "預計返回日期不能早於外出日期",
    en: "the expected return cannot be before leaving",
  },
  "mobileMember.notRegistered": {
    "zh-CN": "该登记已接收或已结束",
    "zh-TW": "該登記已接收或已結束",
    en: "this registration was already received or closed",
  },
  "mobileMember.closed": {
    "zh-CN": "该流动登记已结束",
    "zh-TW": "該流動登記已結束",
    en: "this registration is closed",
  },
  "mobileMember.future": {
    "zh-CN": "日期不能晚于今天",
    "zh-TW": "日期不能晚於今天",
    en: "the date cannot be in the future",
  },
  "registration.active": {
    "zh-CN": "该党员已在社区报到",
    "zh-TW": "該黨員已在社區報到",
    en: "this member is already registered with a community",
  },
  "registration.ownOrg": {
    "zh-CN": "报到社区不能是党员所在党组织",
    "zh-TW": "報到社區不能是黨員所在黨組織",
    en: "the community cannot be the member's own organization",
  },
  "registration.noSuchPost": {
    "zh-CN": "该服务岗位不存在或已关闭，或不属于报到社区",
    "zh-TW": "該服務崗位不存在或已關閉，或不屬於報到社區",
    en: "no such open post in the registration's community",
  },
  "registration.postTaken": {
    "zh-CN": "已认领该岗位",
    "zh-TW": "已認領該崗位",
    en: "this post is already taken by the member",
  },
  "registration.notTaken": {
    "zh-CN": "请先认领该岗位",
    "zh-TW": "請先認領該崗位",
    en: "the member has not taken this post",
  },
  "registration.halfHours": {
    "zh-CN": "时长以半小时为单位",
    "zh-TW": "時長以半小時為單位",
    en: "hours are counted in halves of an hour",
  },
  "registration.ended": {
    "zh-CN": "该报到已结束",
    "zh-TW": "該報到已結束",
    en: "this registration has ended",
  },
  "mobileMember.notUnderParent": {
    "zh-CN": "{names}不能编入该延伸党组织（须为未结束的登记，且流入地党组织在上级党组织之下）",
    "zh-TW": "{names}不能編入該延伸黨組織（須為未結束的登記，且流入地黨組織在上級黨組織之下）",
    en: "{names} cannot join this extension branch (an open registration whose destination lies under the parent)",
  },
  "mobileMember.coManaged": {
    "zh-CN": "党员{names}已有共管党组织",
    "zh-TW": "黨員{names}已有共管黨組織",
    en: "{names}: already co-managed by another organization",
  },
  "notification.mobileMember.registered": {
    "zh-CN": "流动党员{member}登记流入本组织，请接收",
    "zh-TW": "流動黨員{member}登記流入本組織，請接收",
    en: "Mobile member {member} is registered to your organization: please receive them",
  },
  "notification.mobileMember.received": {
    "zh-CN": "流动党员{member}已被流入地党组织接收",
    "zh-TW": "流動黨員{member}已被流入地黨組織接收",
    en: "Mobile member {member} was received at the destination",
  },
  "notification.mobileMember.activity": {
    "zh-CN": "流入地党组织记录了{member}的活动",
    "zh-TW": "流入地黨組織記錄了{member}的活動",
    en: "The destination recorded an activity of {member}",
  },
  "pairing.endsBeforeStart": {
    "zh-CN": "不能早于开始日期",
    "zh-TW": "不能早於開始日期",
    en: "cannot be before the start date",
  },
  "job.kind.pairing.round_run": { "zh-CN": "结对轮次计算", "zh-TW": "結對輪次計算", en: "Pairing round" },
  "job.pairing_round.run.reading": {
    "zh-CN": "正在读取参与组织、需求和资源",
    "zh-TW": "正在讀取參與組織、需求和資源",
    en: "Reading the organizations, needs and resources",
  },
  "job.pairing_round.run.scoring": {
    "zh-CN": "正在为 {candidates} 个候选结对评分",
    "zh-TW": "正在為 {candidates} 個候選結對評分",
    en: "Scoring {candidates} candidate pairs",
  },
  "job.pairing_round.run.solving": {
    "zh-CN": "正在求解最优结对方案",
    "zh-TW": "正在求解最佳結對方案",
    en: "Solving for the optimal pairing",
  },
  "job.pairing_round.run.saving": { "zh-CN": "正在保存结果", "zh-TW": "正在儲存結果", en: "Saving the result" },
  "job.kind.pairing.agreements": { "zh-CN": "结对协议书生成", "zh-TW": "結對協議書產生", en: "Pairing agreements" },
  "job.pairing.agreements.writing": {
    "zh-CN": "已生成 {done} / {total} 份结对协议书",
    "zh-TW": "已產生 {done} / {total} 份結對協議書",
    en: "{done} of {total} agreements made",
  },
  "pairingRound.factor.fit": {
    "zh-CN": "对口 {matchedNeeds} 项需求",
    "zh-TW": "對口 {matchedNeeds} 項需求",
    en: "answers {matchedNeeds} open needs",
  },
  "pairingRound.factor.fit.category": {
    "zh-CN": "单位类别对口",
    "zh-TW": "單位類別對口",
    en: "its kind of organization fits",
  },
  "pairingRound.factor.proximity": {
    "zh-CN": "组织树上相距 {hops} 级",
    "zh-TW": "組織樹上相距 {hops} 級",
    en: "{hops} steps apart in the tree",
  },
  "pairingRound.factor.priority.weak": { "zh-CN": "软弱涣散村", "zh-TW": "軟弱渙散村", en: "a weak village" },
  "pairingRound.factor.priority.poor": { "zh-CN": "经济薄弱村", "zh-TW": "經濟薄弱村", en: "a poor village" },
  "pairingRound.factor.priority.both": {
    "zh-CN": "软弱涣散且经济薄弱",
    "zh-TW": "軟弱渙散且經濟薄弱",
    en: "weak and poor",
  },
  "pairingRound.factor.effectiveness": {
    "zh-CN": "以往帮扶评分 {average} 分",
    "zh-TW": "以往幫扶評分 {average} 分",
    en: "rated {average} for past help",
  },
  "pairingRound.factor.continuity": {
    "zh-CN": "已有结对，延续帮扶",
    "zh-TW": "已有結對，延續幫扶",
    en: "continues an active pairing",
  },
  "pairingRound.factor.strength": { "zh-CN": "帮扶力量较强", "zh-TW": "幫扶力量較強", en: "a strong helper" },
  "pairingRound.reason.locked": { "zh-CN": "人工锁定", "zh-TW": "人工鎖定", en: "locked by hand" },
  "pairingRound.reason.only-candidate": {
    "zh-CN": "唯一可选的帮扶方",
    "zh-TW": "唯一可選的幫扶方",
    en: "the only helper available",
  },
  "pairingRound.reason.best-score": {
    "zh-CN": "在 {alternatives} 个备选中得分最高",
    "zh-TW": "在 {alternatives} 個備選中得分最高",
    en: "the best score of {alternatives} alternatives",
  },
  "pairingRound.reason.better-helpers-full": {
    "zh-CN": "得分更高的 {better} 个帮扶方已满额，用于覆盖其他村",
    "zh-TW": "得分更高的 {better} 個幫扶方已滿額，用於覆蓋其他村",
    en: "{better} better-scoring helpers are full, covering other recipients",
  },
  "pairingRound.uncovered.no-candidates": {
    "zh-CN": "在当前条件下没有可选的帮扶方（可放宽距离或增加帮扶类别）",
    "zh-TW": "在目前條件下沒有可選的幫扶方（可放寬距離或增加幫扶類別）",
    en: "no helper can reach it under these parameters (allow more steps or more helper categories)",
  },
  "pairingRound.uncovered.all-candidates-forbidden": {
    "zh-CN": "全部 {candidates} 个候选结对都被排除",
    "zh-TW": "全部 {candidates} 個候選結對都被排除",
    en: "all {candidates} candidate pairs are forbidden",
  },
  "pairingRound.uncovered.helpers-full": {
    "zh-CN": "{candidates} 个候选帮扶方都已满额（可提高帮扶方的帮扶数量）",
    "zh-TW": "{candidates} 個候選幫扶方都已滿額（可提高幫扶方的幫扶數量）",
    en: "all {candidates} candidate helpers are full (raise their capacity)",
  },
  "notification.pairing.published": {
    "zh-CN": "{round}：与“{partner}”结对，请查看结对协议",
    "zh-TW": "{round}：與「{partner}」結對，請查看結對協議",
    en: "{round}: paired with “{partner}”; see the agreement",
  },
  "notification.pairing.created": {
    "zh-CN": "已与“{partner}”建立结对，请查看结对协议",
    "zh-TW": "已與「{partner}」建立結對，請查看結對協議",
    en: "Paired with “{partner}”; see the agreement",
  },
  "notification.job.succeeded": {
    "zh-CN": "“{job}”已完成",
    "zh-TW": "「{job}」已完成",
    en: "“{job}” is done",
  },
  "notification.job.failed": {
    "zh-CN": "“{job}”失败了",
    "zh-TW": "「{job}」失敗了",
    en: "“{job}” failed",
  },
  "notification.job.cancelled": {
    "zh-CN": "“{job}”已取消",
    "zh-TW": "「{job}」已取消",
    en: "“{job}” was cancelled",
  },
  "need.wrongSide": {
    "zh-CN": "这一步应由需求的另一方办理",
    "zh-TW": "這一步應由需求的另一方辦理",
    en: "This step belongs to the other side of the need",
  },
  "date.past": {
    "zh-CN": "不能早于今天",
    "zh-TW": "不能早於今天",
    en: "cannot be in the past",
  },
  "need.illegalTransition": {
    "zh-CN": "需求当前为“{status}”状态，不能执行此操作",
    "zh-TW": "需求目前為「{status}」狀態，不能執行此操作",
    en: "The need is {status}; this step is not possible now",
  },
  "need.ownNeed": {
    "zh-CN": "不能认领本组织管辖范围内的需求",
    "zh-TW": "不能認領本組織管轄範圍內的需求",
    en: "You cannot claim a need of your own jurisdiction",
  },
  "need.claimPending": {
    "zh-CN": "该组织已认领此需求，正等待答复",
    "zh-TW": "該組織已認領此需求，正等待答覆",
    en: "This organization's claim on the need is already waiting for an answer",
  },
  "need.alreadyHelping": {
    "zh-CN": "该组织已在帮扶此需求",
    "zh-TW": "該組織已在幫扶此需求",
    en: "This organization already helps with this need",
  },
  "claim.notPending": {
    "zh-CN": "该认领已处理",
    "zh-TW": "該認領已處理",
    en: "This claim has already been answered",
  },
  "claim.samePair": {
    "zh-CN": "帮扶方和受扶方不能是同一组织",
    "zh-TW": "幫扶方和受扶方不能是同一組織",
    en: "The helper and the recipient cannot be the same organization",
  },
  "resource.requestPending": {
    "zh-CN": "该组织已申请此资源，正等待答复",
    "zh-TW": "該組織已申請此資源，正等待答覆",
    en: "This organization's request for the resource is already waiting for an answer",
  },
  "resource.withdrawn": {
    "zh-CN": "该资源已撤回",
    "zh-TW": "該資源已撤回",
    en: "This resource has been withdrawn",
  },
  "resource.ownResource": {
    "zh-CN": "不能申请本组织管辖范围内的资源",
    "zh-TW": "不能申請本組織管轄範圍內的資源",
    en: "You cannot ask for a resource of your own jurisdiction",
  },
  "project.notActive": {
    "zh-CN": "帮扶项目已结束",
    "zh-TW": "幫扶項目已結束",
    en: "The help project is no longer active",
  },
  "project.endsWithNeed": {
    "zh-CN": "需求的帮扶项目随需求办结而结束，不能单独结束",
    "zh-TW": "需求的幫扶項目隨需求辦結而結束，不能單獨結束",
    en: "A need's project ends when its need is closed, not on its own",
  },
  "project.notParty": {
    "zh-CN": "该组织不是此项目的参与方",
    "zh-TW": "該組織不是此項目的參與方",
    en: "This organization is not a party to the project",
  },
  "contribution.sameSide": {
    "zh-CN": "投入方和受益方须分属项目两方",
    "zh-TW": "投入方和受益方須分屬項目兩方",
    en: "The giver and the receiver must be on different sides of the project",
  },
  "contribution.amountRequired": {
    "zh-CN": "请填写与投入类型相符的数额",
    "zh-TW": "請填寫與投入類型相符的數額",
    en: "Give the amount that goes with this kind of contribution",
  },
  "contribution.confirmed": {
    "zh-CN": "该投入已确认",
    "zh-TW": "該投入已確認",
    en: "This contribution is already confirmed",
  },
  "attachment.notPhoto": {
    "zh-CN": "只能附加照片（JPEG、PNG、WebP）",
    "zh-TW": "只能附加照片（JPEG、PNG、WebP）",
    en: "Only photos (JPEG, PNG, WebP) can be attached here",
  },
  "plan.invalidRule": {
    "zh-CN": "活动计划格式不正确（例如 FREQ=MONTHLY;INTERVAL=3）",
    "zh-TW": "活動計畫格式不正確（例如 FREQ=MONTHLY;INTERVAL=3）",
    en: "not a valid plan (e.g. FREQ=MONTHLY;INTERVAL=3)",
  },
  "hours.precision": {
    "zh-CN": "最多保留两位小数",
    "zh-TW": "最多保留兩位小數",
    en: "at most two decimals",
  },
  "date.beforeStart": {
    "zh-CN": "结束日期不能早于开始日期",
    "zh-TW": "結束日期不能早於開始日期",
    en: "the end cannot be before the start",
  },
  "notification.need.claimed": {
    "zh-CN": "“{org}”认领了需求“{title}”",
    "zh-TW": "「{org}」認領了需求「{title}」",
    en: "{org} offered to help with “{title}”",
  },
  "notification.resource.requested": {
    "zh-CN": "“{org}”申请了资源“{title}”",
    "zh-TW": "「{org}」申請了資源「{title}」",
    en: "{org} asked for “{title}”",
  },
  "notification.claim.accepted": {
    "zh-CN": "“{org}”同意了认领：“{title}”",
    "zh-TW": "「{org}」同意了認領：「{title}」",
    en: "{org} accepted the claim on “{title}”",
  },
  "notification.claim.declined": {
    "zh-CN": "“{org}”谢绝了认领：“{title}”",
    "zh-TW": "「{org}」謝絕了認領：「{title}」",
    en: "{org} declined the claim on “{title}”",
  },
  "notification.claim.withdrawn": {
    "zh-CN": "“{org}”撤回了认领：“{title}”",
    "zh-TW": "「{org}」撤回了認領：「{title}」",
    en: "{org} withdrew the claim on “{title}”",
  },
  "notification.need.assigned": {
    "zh-CN": "上级指派“{org}”帮扶需求“{title}”",
    "zh-TW": "上級指派「{org}」幫扶需求「{title}」",
    en: "The superior assigned {org} to help with “{title}”",
  },
  "notification.need.started": {
    "zh-CN": "需求“{title}”的帮扶已开始",
    "zh-TW": "需求「{title}」的幫扶已開始",
    en: "Work on “{title}” has started",
  },
  "notification.need.delivered": {
    "zh-CN": "需求“{title}”的帮扶已交付，请确认并评价",
    "zh-TW": "需求「{title}」的幫扶已交付，請確認並評價",
    en: "The help with “{title}” was delivered: please confirm and rate it",
  },
  "notification.need.confirmed": {
    "zh-CN": "“{org}”确认了需求“{title}”的帮扶成效",
    "zh-TW": "「{org}」確認了需求「{title}」的幫扶成效",
    en: "{org} confirmed the help with “{title}”",
  },
  "notification.need.expired": {
    "zh-CN": "需求“{title}”已过截止日期，无人接手，已标为逾期",
    "zh-TW": "需求「{title}」已過截止日期，無人接手，已標為逾期",
    en: "The need “{title}” passed its deadline with no helper and has expired",
  },
  "notification.need.withdrawn": {
    "zh-CN": "需求“{title}”已撤回",
    "zh-TW": "需求「{title}」已撤回",
    en: "The need “{title}” was withdrawn",
  },
  "notification.contribution.recorded": {
    "zh-CN": "“{org}”记录了一笔帮扶投入，请确认",
    "zh-TW": "「{org}」記錄了一筆幫扶投入，請確認",
    en: "{org} recorded a contribution: please confirm it",
  },
  "notification.contribution.confirmed": {
    "zh-CN": "“{org}”确认了帮扶投入",
    "zh-TW": "「{org}」確認了幫扶投入",
    en: "{org} confirmed a contribution",
  },
  "notification.project.cancelled": {
    "zh-CN": "帮扶项目“{title}”已取消",
    "zh-TW": "幫扶項目「{title}」已取消",
    en: "The help project “{title}” was cancelled",
  },
  "notification.project.completed": {
    "zh-CN": "帮扶项目“{title}”已结项",
    "zh-TW": "幫扶項目「{title}」已結項",
    en: "The help project “{title}” was concluded",
  },
  "notification.activity.recorded": {
    "zh-CN": "“{org}”记录了帮扶活动",
    "zh-TW": "「{org}」記錄了幫扶活動",
    en: "{org} recorded a help activity",
  },
  "validation.emptyUpdate": {
    "zh-CN": "没有要修改的内容",
    "zh-TW": "沒有要修改的內容",
    en: "nothing to change",
  },
  // Shared venues, bookings and courses (issue 10).
  "booking.conflict": {
    "zh-CN": "该时段已被预约：{org}，{time}（北京时间）",
    "zh-TW": "該時段已被預約：{org}，{time}（北京時間）",
    en: "That time is already booked: {org}, {time} (China time)",
  },
  "booking.notBookable": {
    "zh-CN": "该阵地未向此组织开放预约，或已停用",
    "zh-TW": "該陣地未向此組織開放預約，或已停用",
    en: "this venue is not open to that organization for booking, or is closed",
  },
  "booking.notPending": {
    "zh-CN": "预约已处理，不能再同意或谢绝",
    "zh-TW": "預約已處理，不能再同意或謝絕",
    en: "This booking was already decided",
  },
  "booking.notCancellable": {
    "zh-CN": "预约已结束、取消或谢绝，不能取消",
    "zh-TW": "預約已結束、取消或謝絕，不能取消",
    en: "This booking can no longer be cancelled",
  },
  "booking.notOwnPeople": {
    "zh-CN": "只有预约组织的人员才能签到",
    "zh-TW": "只有預約組織的人員才能簽到",
    en: "Only the booking organization's people can check in",
  },
  "booking.notConfirmed": {
    "zh-CN": "预约尚未确认或已签到，不能签到",
    "zh-TW": "預約尚未確認或已簽到，不能簽到",
    en: "Only a confirmed booking can be checked in",
  },
  "booking.checkInWindow": {
    "zh-CN": "不在签到时段：可在开始前 1 小时至结束前签到（{time}）",
    "zh-TW": "不在簽到時段：可在開始前 1 小時至結束前簽到（{time}）",
    en: "Check-in is open from an hour before the start to the end ({time})",
  },
  "booking.badToken": {
    "zh-CN": "签到码无效",
    "zh-TW": "簽到碼無效",
    en: "invalid check-in code",
  },
  "booking.endBeforeStart": {
    "zh-CN": "结束时间须晚于开始时间",
    "zh-TW": "結束時間須晚於開始時間",
    en: "must be after the start",
  },
  "booking.past": {
    "zh-CN": "不能预约已过去的时段",
    "zh-TW": "不能預約已過去的時段",
    en: "cannot book a time that has passed",
  },
  "booking.tooLong": {
    "zh-CN": "一次预约不能超过 31 天",
    "zh-TW": "一次預約不能超過 31 天",
    en: "a booking cannot last more than 31 days",
  },
  "booking.outsideHours": {
    "zh-CN": "不在开放时间内",
    "zh-TW": "不在開放時間內",
    en: "outside the opening hours",
  },
  "booking.blackout": {
    "zh-CN": "{date} 不开放预约",
    "zh-TW": "{date} 不開放預約",
    en: "{date} is closed for booking",
  },
  "booking.overCapacity": {
    "zh-CN": "超过容纳人数（{capacity} 人）",
    "zh-TW": "超過容納人數（{capacity} 人）",
    en: "more than the capacity ({capacity})",
  },
  "booking.ended": {
    "zh-CN": "预约时段已结束",
    "zh-TW": "預約時段已結束",
    en: "This booking has ended",
  },
  "venue.duplicateDates": {
    "zh-CN": "日期重复",
    "zh-TW": "日期重複",
    en: "a date is listed twice",
  },
  "venue.openingWindowOrder": {
    "zh-CN": "结束时间须晚于开始时间",
    "zh-TW": "結束時間須晚於開始時間",
    en: "must be after the opening time",
  },
  "time.format": {
    "zh-CN": "时间格式应为 HH:MM",
    "zh-TW": "時間格式應為 HH:MM",
    en: "time must be HH:MM",
  },
  "dateTime.format": {
    "zh-CN": "应为带时区的日期时间，如 2026-12-01T09:00:00+08:00",
    "zh-TW": "應為帶時區的日期時間，如 2026-12-01T09:00:00+08:00",
    en: "must be a date-time with offset, e.g. 2026-12-01T09:00:00+08:00",
  },
  "usage.fromAfterTo": {
    "zh-CN": "开始日期晚于结束日期",
    "zh-TW": "開始日期晚於結束日期",
    en: "is after the end date",
  },
  "course.urlRequired": {
    "zh-CN": "视频和链接课程须填写网址",
    "zh-TW": "影片和連結課程須填寫網址",
    en: "a video or link course needs its address",
  },
  "course.assignNobody": {
    "zh-CN": "请至少选择一个组织或党员",
    "zh-TW": "請至少選擇一個組織或黨員",
    en: "choose at least one organization or member",
  },
  "notification.booking.requested": {
    "zh-CN": "“{org}”申请预约“{venue}”（{time}），请审批",
    "zh-TW": "「{org}」申請預約「{venue}」（{time}），請審批",
    en: "{org} asks to book {venue} ({time}): please approve or decline",
  },
  "notification.booking.booked": {
    "zh-CN": "“{org}”预约了“{venue}”（{time}）",
    "zh-TW": "「{org}」預約了「{venue}」（{time}）",
    en: "{org} booked {venue} ({time})",
  },
  "notification.booking.reminder": {
    "zh-CN": "预约提醒：“{venue}”（{time}）",
    "zh-TW": "預約提醒：「{venue}」（{time}）",
    en: "Reminder: your booking of {venue} ({time})",
  },
  "notification.booking.approved": {
    "zh-CN": "“{venue}”的预约已同意（{time}）",
    "zh-TW": "「{venue}」的預約已同意（{time}）",
    en: "Your booking of {venue} was approved ({time})",
  },
  "notification.booking.declined": {
    "zh-CN": "“{venue}”的预约被谢绝（{time}）",
    "zh-TW": "「{venue}」的預約被謝絕（{time}）",
    en: "Your booking of {venue} was declined ({time})",
  },
  "notification.booking.cancelled": {
    "zh-CN": "“{venue}”的预约已取消（{org}，{time}）",
    "zh-TW": "「{venue}」的預約已取消（{org}，{time}）",
    en: "The booking of {venue} was cancelled ({org}, {time})",
  },
  "notification.booking.checkedIn": {
    "zh-CN": "“{org}”已在“{venue}”签到（{time}）",
    "zh-TW": "「{org}」已在「{venue}」簽到（{time}）",
    en: "{org} checked in at {venue} ({time})",
  },
  "notification.course.assigned": {
    "zh-CN": "请学习课程“{title}”",
    "zh-TW": "請學習課程「{title}」",
    en: "Please study the course “{title}”",
  },
};

/**
 * Human names of request fields, used in "<label>: <problem>" messages, keyed per schema field:
 * `member.status` is the status of a member, `job.status` that of a job. The keys come from the
 * schema a request was validated against (contracts' `labelFields` / `labelField`, field-labels.ts);
 * `input.*` names inputs read without a schema (a multipart upload's file part).
 */
const fieldLabels: Catalog = {
  // paging and record ids, shared by every list and every /:id route
  "list.page": { "zh-CN": "页码", "zh-TW": "頁碼", en: "page" },
  "list.pageSize": { "zh-CN": "每页条数", "zh-TW": "每頁筆數", en: "page size" },
  "record.id": { "zh-CN": "编号", "zh-TW": "編號", en: "id" },
  "input.file": { "zh-CN": "文件", "zh-TW": "檔案", en: "file" },
  "input.kind": { "zh-CN": "导入类型", "zh-TW": "匯入類型", en: "import kind" },
  // imports (issue 13)
  "import.kind": { "zh-CN": "模板类型", "zh-TW": "範本類型", en: "template kind" },
  "import.status": { "zh-CN": "导入状态", "zh-TW": "匯入狀態", en: "import status" },
  "import.only": { "zh-CN": "筛选", "zh-TW": "篩選", en: "filter" },
  // sign-in and one's own password and second factor
  "auth.username": { "zh-CN": "用户名", "zh-TW": "使用者名稱", en: "username" },
  "auth.password": { "zh-CN": "密码", "zh-TW": "密碼", en: "password" },
  "auth.currentPassword": { "zh-CN": "当前密码", "zh-TW": "目前密碼", en: "current password" },
  "auth.newPassword": { "zh-CN": "新密码", "zh-TW": "新密碼", en: "new password" },
  "auth.code": { "zh-CN": "验证码", "zh-TW": "驗證碼", en: "code" },
  // members: the record, and the roster's filters
  "member.name": { "zh-CN": "姓名", "zh-TW": "姓名", en: "name" },
  "member.gender": { "zh-CN": "性别", "zh-TW": "性別", en: "gender" },
  "member.ethnicity": { "zh-CN": "民族", "zh-TW": "民族", en: "ethnicity" },
  "member.birthDate": { "zh-CN": "出生日期", "zh-TW": "出生日期", en: "birth date" },
  "member.idNumber": { "zh-CN": "身份证号", "zh-TW": "身分證號", en: "ID number" },
  "member.phone": { "zh-CN": "手机号", "zh-TW": "手機號碼", en: "phone" },
  "member.education": { "zh-CN": "学历", "zh-TW": "學歷", en: "education" },
  "member.joinDate": { "zh-CN": "入党日期", "zh-TW": "入黨日期", en: "join date" },
  "member.status": { "zh-CN": "党员状态", "zh-TW": "黨員狀態", en: "member status" },
  "member.primaryOrgId": { "zh-CN": "所在组织", "zh-TW": "所在組織", en: "primary organization" },
  "member.coOrgId": { "zh-CN": "共管组织", "zh-TW": "共管組織", en: "co-managing organization" },
  "member.q": { "zh-CN": "姓名或身份证号", "zh-TW": "姓名或身分證號", en: "name or ID number" },
  "member.orgId": { "zh-CN": "组织", "zh-TW": "組織", en: "organization" },
  "member.joinedFrom": { "zh-CN": "入党日期起", "zh-TW": "入黨日期起", en: "joined from" },
  "member.joinedTo": { "zh-CN": "入党日期止", "zh-TW": "入黨日期迄", en: "joined until" },
  "member.ageFrom": { "zh-CN": "最小年龄", "zh-TW": "最小年齡", en: "minimum age" },
  "member.ageTo": { "zh-CN": "最大年龄", "zh-TW": "最大年齡", en: "maximum age" },
  "reveal.field": { "zh-CN": "查看项", "zh-TW": "查看項目", en: "field to reveal" },
  "reveal.reason": { "zh-CN": "查看事由", "zh-TW": "查看事由", en: "reason" },
  // organizations
  "org.parentId": { "zh-CN": "上级组织", "zh-TW": "上級組織", en: "parent organization" },
  "org.name": { "zh-CN": "组织名称", "zh-TW": "組織名稱", en: "organization name" },
  "org.kind": { "zh-CN": "组织类型", "zh-TW": "組織類型", en: "kind" },
  "org.category": { "zh-CN": "组织类别", "zh-TW": "組織類別", en: "category" },
  "org.area": { "zh-CN": "城乡属性", "zh-TW": "城鄉屬性", en: "urban/rural" },
  "org.divisionCode": { "zh-CN": "行政区划代码", "zh-TW": "行政區劃代碼", en: "division code" },
  "org.secretaryName": { "zh-CN": "书记", "zh-TW": "書記", en: "secretary" },
  "org.units": { "zh-CN": "联建单位", "zh-TW": "聯建單位", en: "units" },
  "org.reason": { "zh-CN": "撤销原因", "zh-TW": "撤銷原因", en: "reason for dissolving" },
  "org.q": { "zh-CN": "组织名称", "zh-TW": "組織名稱", en: "organization name" },
  "org.within": { "zh-CN": "搜索范围", "zh-TW": "搜尋範圍", en: "search within" },
  "org.flags": { "zh-CN": "软弱涣散/经济薄弱", "zh-TW": "軟弱渙散/經濟薄弱", en: "weak/poor flags" },
  "org.includeDissolved": { "zh-CN": "含已撤销组织", "zh-TW": "含已撤銷組織", en: "include dissolved" },
  // accounts and roles
  "user.username": { "zh-CN": "用户名", "zh-TW": "使用者名稱", en: "username" },
  "user.displayName": { "zh-CN": "显示名称", "zh-TW": "顯示名稱", en: "display name" },
  "user.password": { "zh-CN": "密码", "zh-TW": "密碼", en: "password" },
  "user.memberId": { "zh-CN": "关联党员", "zh-TW": "關聯黨員", en: "member" },
  "user.disabled": { "zh-CN": "停用", "zh-TW": "停用", en: "disabled" },
  "user.resetSecondFactor": { "zh-CN": "重置双因素登录", "zh-TW": "重設雙因素登入", en: "second-factor reset" },
  "user.q": { "zh-CN": "用户名或显示名称", "zh-TW": "使用者名稱或顯示名稱", en: "username or display name" },
  "user.role": { "zh-CN": "角色", "zh-TW": "角色", en: "role" },
  "role.role": { "zh-CN": "角色", "zh-TW": "角色", en: "role" },
  "role.orgId": { "zh-CN": "任职组织", "zh-TW": "任職組織", en: "organization" },
  "passwordReset.status": { "zh-CN": "申请状态", "zh-TW": "申請狀態", en: "request status" },
  // the audit log, jobs, notifications, security alerts, pairing
  "audit.action": { "zh-CN": "操作", "zh-TW": "操作", en: "action" },
  "audit.actor": { "zh-CN": "操作人", "zh-TW": "操作人", en: "actor" },
  "audit.result": { "zh-CN": "结果", "zh-TW": "結果", en: "result" },
  "audit.targetType": { "zh-CN": "对象类型", "zh-TW": "對象類型", en: "target type" },
  "audit.targetId": { "zh-CN": "对象编号", "zh-TW": "對象編號", en: "target id" },
  "audit.from": { "zh-CN": "开始日期", "zh-TW": "開始日期", en: "from" },
  "audit.to": { "zh-CN": "结束日期", "zh-TW": "結束日期", en: "to" },
  "job.status": { "zh-CN": "任务状态", "zh-TW": "任務狀態", en: "job status" },
  "notification.unread": { "zh-CN": "未读", "zh-TW": "未讀", en: "unread" },
  "notification.after": { "zh-CN": "起始通知", "zh-TW": "起始通知", en: "after" },
  "alert.open": { "zh-CN": "未确认", "zh-TW": "未確認", en: "open" },
  "pairing.explain": { "zh-CN": "附带说明", "zh-TW": "附帶說明", en: "explain" },
  "pairingRound.orgId": { "zh-CN": "统筹组织", "zh-TW": "統籌組織", en: "coordinating organization" },
  "pairingRound.name": { "zh-CN": "轮次名称", "zh-TW": "輪次名稱", en: "round name" },
  "pairingRound.status": { "zh-CN": "轮次状态", "zh-TW": "輪次狀態", en: "round status" },
  "pairingRound.forms": { "zh-CN": "结对形式", "zh-TW": "結對形式", en: "pairing forms" },
  "pairingRound.weights": { "zh-CN": "评分权重", "zh-TW": "評分權重", en: "weights" },
  "pairingRound.weights.fit": { "zh-CN": "需求对口权重", "zh-TW": "需求對口權重", en: "weight of fit" },
  "pairingRound.weights.proximity": { "zh-CN": "距离权重", "zh-TW": "距離權重", en: "weight of closeness" },
  "pairingRound.weights.priority": { "zh-CN": "受扶优先权重", "zh-TW": "受扶優先權重", en: "weight of priority" },
  "pairingRound.weights.effectiveness": {
    "zh-CN": "以往成效权重",
    "zh-TW": "以往成效權重",
    en: "weight of past effectiveness",
  },
  "pairingRound.weights.continuity": { "zh-CN": "延续结对权重", "zh-TW": "延續結對權重", en: "weight of continuity" },
  "pairingRound.weights.strength": { "zh-CN": "帮扶力量权重", "zh-TW": "幫扶力量權重", en: "weight of strength" },
  "pairingRound.recipients": { "zh-CN": "受扶方", "zh-TW": "受扶方", en: "recipients" },
  "pairingRound.recipients.criteria": { "zh-CN": "受扶方条件", "zh-TW": "受扶方條件", en: "recipient criteria" },
  "pairingRound.recipients.include": { "zh-CN": "增加的受扶方", "zh-TW": "增加的受扶方", en: "added recipients" },
  "pairingRound.recipients.exclude": { "zh-CN": "排除的受扶方", "zh-TW": "排除的受扶方", en: "left-out recipients" },
  "pairingRound.helpers": { "zh-CN": "帮扶方", "zh-TW": "幫扶方", en: "helpers" },
  "pairingRound.helpers.categories": { "zh-CN": "帮扶方类别", "zh-TW": "幫扶方類別", en: "helper categories" },
  "pairingRound.helpers.include": { "zh-CN": "增加的帮扶方", "zh-TW": "增加的幫扶方", en: "added helpers" },
  "pairingRound.helpers.exclude": { "zh-CN": "排除的帮扶方", "zh-TW": "排除的幫扶方", en: "left-out helpers" },
  "pairingRound.capacities": { "zh-CN": "帮扶数量", "zh-TW": "幫扶數量", en: "capacities" },
  "pairingRound.capacities.orgId": { "zh-CN": "帮扶方", "zh-TW": "幫扶方", en: "helper" },
  "pairingRound.capacities.capacity": { "zh-CN": "帮扶数量", "zh-TW": "幫扶數量", en: "capacity" },
  "pairingRound.demands": { "zh-CN": "需帮扶数", "zh-TW": "需幫扶數", en: "demands" },
  "pairingRound.demands.orgId": { "zh-CN": "受扶方", "zh-TW": "受扶方", en: "recipient" },
  "pairingRound.demands.demand": { "zh-CN": "需帮扶数", "zh-TW": "需幫扶數", en: "demand" },
  "pairingRound.limits": { "zh-CN": "限制条件", "zh-TW": "限制條件", en: "limits" },
  "pairingRound.limits.maxHops": { "zh-CN": "最大组织距离", "zh-TW": "最大組織距離", en: "most steps apart" },
  "pairingRound.limits.maxCandidatesPerRecipient": {
    "zh-CN": "每个受扶方的候选数",
    "zh-TW": "每個受扶方的候選數",
    en: "candidates per recipient",
  },
  "pairingRound.limits.minScore": { "zh-CN": "最低得分", "zh-TW": "最低得分", en: "lowest score" },
  "pairingRound.limits.maxCapacity": { "zh-CN": "最多帮扶数量", "zh-TW": "最多幫扶數量", en: "largest capacity" },
  "pairingRound.years": { "zh-CN": "结对年限", "zh-TW": "結對年限", en: "years" },
  "pairingRound.goals": { "zh-CN": "帮扶目标", "zh-TW": "幫扶目標", en: "goals" },
  "pairingRound.helperOrgId": { "zh-CN": "帮扶方", "zh-TW": "幫扶方", en: "helper" },
  "pairingRound.recipientOrgId": { "zh-CN": "受扶方", "zh-TW": "受扶方", en: "recipient" },
  "pairingRound.capacity": { "zh-CN": "帮扶数量", "zh-TW": "幫扶數量", en: "capacity" },
  "pairingRound.demand": { "zh-CN": "需帮扶数", "zh-TW": "需幫扶數", en: "demand" },
  "pairingRound.startsOn": { "zh-CN": "结对开始日期", "zh-TW": "結對開始日期", en: "start date" },
  "pairing.orgId": { "zh-CN": "结对组织", "zh-TW": "結對組織", en: "organization" },
  "pairing.status": { "zh-CN": "结对状态", "zh-TW": "結對狀態", en: "pairing status" },
  "pairing.roundId": { "zh-CN": "结对轮次", "zh-TW": "結對輪次", en: "pairing round" },
  "pairing.helperOrgId": { "zh-CN": "帮扶方", "zh-TW": "幫扶方", en: "helper" },
  "pairing.recipientOrgId": { "zh-CN": "受扶方", "zh-TW": "受扶方", en: "recipient" },
  "pairing.form": { "zh-CN": "结对形式", "zh-TW": "結對形式", en: "form" },
  "pairing.startsOn": { "zh-CN": "开始日期", "zh-TW": "開始日期", en: "start date" },
  "pairing.endsOn": { "zh-CN": "结束日期", "zh-TW": "結束日期", en: "end date" },
  "pairing.goals": { "zh-CN": "帮扶目标", "zh-TW": "幫扶目標", en: "goals" },
  "pairing.reason": { "zh-CN": "原因", "zh-TW": "原因", en: "reason" },
  "jointBranch.name": { "zh-CN": "名称", "zh-TW": "名稱", en: "name" },
  "jointBranch.kind": { "zh-CN": "联建类型", "zh-TW": "聯建類型", en: "kind" },
  "jointBranch.memberIds": { "zh-CN": "党员", "zh-TW": "黨員", en: "members" },
  "hardship.memberId": { "zh-CN": "党员", "zh-TW": "黨員", en: "member" },
  "hardship.category": { "zh-CN": "困难类别", "zh-TW": "困難類別", en: "category" },
  "hardship.details": { "zh-CN": "困难情况", "zh-TW": "困難情況", en: "details" },
  "hardship.kind": { "zh-CN": "记录类型", "zh-TW": "記錄類型", en: "kind" },
  "hardship.occurredOn": { "zh-CN": "日期", "zh-TW": "日期", en: "date" },
  "hardship.note": { "zh-CN": "情况说明", "zh-TW": "情況說明", en: "note" },
  "hardship.givenBy": { "zh-CN": "帮扶人", "zh-TW": "幫扶人", en: "given by" },
  "hardship.valueFen": { "zh-CN": "价值（分）", "zh-TW": "價值（分）", en: "value (fen)" },
  "hardship.status": { "zh-CN": "状态", "zh-TW": "狀態", en: "status" },
  "volunteerTeam.orgId": { "zh-CN": "所属党组织", "zh-TW": "所屬黨組織", en: "organization" },
  "volunteerTeam.name": { "zh-CN": "服务队名称", "zh-TW": "服務隊名稱", en: "name" },
  "volunteerTeam.description": { "zh-CN": "简介", "zh-TW": "簡介", en: "description" },
  "volunteerTeam.members": { "zh-CN": "队员", "zh-TW": "隊員", en: "members" },
  "volunteerTeam.members.memberId": { "zh-CN": "队员", "zh-TW": "隊員", en: "member" },
  "volunteerTeam.members.skills": { "zh-CN": "特长", "zh-TW": "特長", en: "skills" },
  "serviceRequest.orgId": { "zh-CN": "提出需求的党组织", "zh-TW": "提出需求的黨組織", en: "requesting organization" },
  "serviceRequest.memberId": { "zh-CN": "服务对象", "zh-TW": "服務對象", en: "person to help" },
  "serviceRequest.title": { "zh-CN": "需求标题", "zh-TW": "需求標題", en: "title" },
  "serviceRequest.description": { "zh-CN": "需求说明", "zh-TW": "需求說明", en: "description" },
  "serviceRequest.status": { "zh-CN": "状态", "zh-TW": "狀態", en: "status" },
  "serviceRequest.mine": { "zh-CN": "我提出的", "zh-TW": "我提出的", en: "mine" },
  "serviceRequest.teamId": { "zh-CN": "服务队", "zh-TW": "服務隊", en: "team" },
  "serviceRequest.servedOn": { "zh-CN": "服务日期", "zh-TW": "服務日期", en: "date served" },
  "serviceRequest.hours": { "zh-CN": "服务时长", "zh-TW": "服務時長", en: "hours" },
  "serviceRequest.hours.memberId": { "zh-CN": "志愿者", "zh-TW": "志願者", en: "volunteer" },
  "serviceRequest.hours.hours": { "zh-CN": "时长（小时）", "zh-TW": "時長（小時）", en: "hours" },
  "serviceRequest.rating": { "zh-CN": "评分", "zh-TW": "評分", en: "rating" },
  "serviceRequest.comment": { "zh-CN": "评价", "zh-TW": "評價", en: "comment" },
  "secondment.memberId": { "zh-CN": "交流干部", "zh-TW": "交流幹部", en: "cadre" },
  "secondment.hostOrgId": { "zh-CN": "接收单位", "zh-TW": "接收單位", en: "host organization" },
  "secondment.kind": { "zh-CN": "交流方式", "zh-TW": "交流方式", en: "kind" },
  "secondment.startsOn": { "zh-CN": "开始日期", "zh-TW": "開始日期", en: "start" },
  "secondment.endsOn": { "zh-CN": "结束日期", "zh-TW": "結束日期", en: "end" },
  "secondment.plan": { "zh-CN": "工作计划", "zh-TW": "工作計劃", en: "plan" },
  "secondment.loggedOn": { "zh-CN": "日期", "zh-TW": "日期", en: "date" },
  "secondment.content": { "zh-CN": "工作内容", "zh-TW": "工作內容", en: "work done" },
  "secondment.side": { "zh-CN": "评价方", "zh-TW": "評價方", en: "side" },
  "secondment.rating": { "zh-CN": "评分", "zh-TW": "評分", en: "rating" },
  "secondment.comment": { "zh-CN": "评价", "zh-TW": "評價", en: "evaluation" },
  "transfer.memberId": { "zh-CN": "党员", "zh-TW": "黨員", en: "member" },
  "transfer.toOrgId": { "zh-CN": "转入党组织", "zh-TW": "轉入黨組織", en: "receiving organization" },
  "transfer.toOutside": {
    "zh-CN": "平台外转入单位",
    "zh-TW": "平台外轉入單位",
    en: "destination outside the platform",
  },
  "transfer.reason": { "zh-CN": "原因", "zh-TW": "原因", en: "reason" },
  "transfer.q": { "zh-CN": "组织名称", "zh-TW": "組織名稱", en: "organization name" },
  "transfer.status": { "zh-CN": "状态", "zh-TW": "狀態", en: "status" },
  "transfer.direction": { "zh-CN": "方向", "zh-TW": "方向", en: "direction" },
  "mobileMember.memberId": { "zh-CN": "党员", "zh-TW": "黨員", en: "member" },
  "mobileMember.destOrgId": { "zh-CN": "流入地党组织", "zh-TW": "流入地黨組織", en: "destination organization" },
  "mobileMember.destPlace": { "zh-CN": "流入地点", "zh-TW": "流入地點", en: "destination" },
  "mobileMember.reason": { "zh-CN": "外出原因", "zh-TW": "外出原因", en: "reason" },
  "mobileMember.contact": { "zh-CN": "联系方式", "zh-TW": "聯繫方式", en: "contact" },
  "mobileMember.leftOn": { "zh-CN": "外出日期", "zh-TW": "外出日期", en: "left on" },
  "mobileMember.expectedReturn": { "zh-CN": "预计返回日期", "zh-TW": "預計返回日期", en: "expected return" },
  "mobileMember.status": { "zh-CN": "状态", "zh-TW": "狀態", en: "status" },
  "mobileMember.outOfContact": { "zh-CN": "失联", "zh-TW": "失聯", en: "out of contact" },
  "mobileMember.contactedOn": { "zh-CN": "联系日期", "zh-TW": "聯繫日期", en: "date of contact" },
  "mobileMember.occurredOn": { "zh-CN": "活动日期", "zh-TW": "活動日期", en: "date" },
  "mobileMember.description": { "zh-CN": "活动内容", "zh-TW": "活動內容", en: "description" },
  "mobileMember.parentId": { "zh-CN": "上级党组织", "zh-TW": "上級黨組織", en: "parent organization" },
  "registration.memberId": { "zh-CN": "党员", "zh-TW": "黨員", en: "member" },
  "registration.communityOrgId": { "zh-CN": "报到社区", "zh-TW": "報到社區", en: "community" },
  "registration.orgId": { "zh-CN": "社区党组织", "zh-TW": "社區黨組織", en: "community organization" },
  "registration.title": { "zh-CN": "岗位名称", "zh-TW": "崗位名稱", en: "post title" },
  "registration.description": { "zh-CN": "岗位说明", "zh-TW": "崗位說明", en: "description" },
  "registration.postId": { "zh-CN": "服务岗位", "zh-TW": "服務崗位", en: "service post" },
  "registration.servedOn": { "zh-CN": "服务日期", "zh-TW": "服務日期", en: "date served" },
  "registration.hours": { "zh-CN": "服务时长（小时）", "zh-TW": "服務時長（小時）", en: "hours" },
  "mobileMember.name": { "zh-CN": "名称", "zh-TW": "名稱", en: "name" },
  "mobileMember.mobileMemberIds": { "zh-CN": "流动党员", "zh-TW": "流動黨員", en: "mobile members" },
  "pairing.helperMemberId": { "zh-CN": "帮扶党员", "zh-TW": "幫扶黨員", en: "helping member" },
  "pairing.recipientMemberId": { "zh-CN": "受扶党员", "zh-TW": "受扶黨員", en: "member helped" },
  "pairing.kind": { "zh-CN": "类型", "zh-TW": "類型", en: "kind" },
  "pairing.leaderMemberId": { "zh-CN": "联点领导", "zh-TW": "聯點領導", en: "leader" },
  "pairing.demonstration": { "zh-CN": "示范点", "zh-TW": "示範點", en: "demonstration site" },
  "pairing.visitedOn": { "zh-CN": "走访日期", "zh-TW": "走訪日期", en: "date of the visit" },
  "pairing.notes": { "zh-CN": "走访情况", "zh-TW": "走訪情況", en: "notes" },
  // mutual help: needs, claims, resources, projects, activities, contributions
  "need.orgId": { "zh-CN": "需求组织", "zh-TW": "需求組織", en: "organization in need" },
  "need.category": { "zh-CN": "需求类别", "zh-TW": "需求類別", en: "need category" },
  "need.title": { "zh-CN": "需求标题", "zh-TW": "需求標題", en: "title" },
  "need.description": { "zh-CN": "需求描述", "zh-TW": "需求描述", en: "description" },
  "need.expectedOutcome": { "zh-CN": "预期成效", "zh-TW": "預期成效", en: "expected outcome" },
  "need.budgetFen": { "zh-CN": "预算（分）", "zh-TW": "預算（分）", en: "budget (fen)" },
  "need.deadline": { "zh-CN": "截止日期", "zh-TW": "截止日期", en: "deadline" },
  "need.urgency": { "zh-CN": "紧急程度", "zh-TW": "緊急程度", en: "urgency" },
  "need.visibility": { "zh-CN": "公开范围", "zh-TW": "公開範圍", en: "visibility" },
  "need.attachmentIds": { "zh-CN": "照片和附件", "zh-TW": "照片和附件", en: "photos and attachments" },
  "need.draft": { "zh-CN": "存为草稿", "zh-TW": "存為草稿", en: "save as draft" },
  "need.rating": { "zh-CN": "评分", "zh-TW": "評分", en: "rating" },
  "need.comment": { "zh-CN": "评价", "zh-TW": "評價", en: "comment" },
  "need.q": { "zh-CN": "关键词", "zh-TW": "關鍵詞", en: "keyword" },
  "need.within": { "zh-CN": "所属范围", "zh-TW": "所屬範圍", en: "within" },
  "need.status": { "zh-CN": "需求状态", "zh-TW": "需求狀態", en: "need status" },
  "need.sort": { "zh-CN": "排序", "zh-TW": "排序", en: "order" },
  "need.totalUpTo": { "zh-CN": "计数上限", "zh-TW": "計數上限", en: "count up to" },
  "claim.orgId": { "zh-CN": "认领组织", "zh-TW": "認領組織", en: "organization" },
  "claim.message": { "zh-CN": "留言", "zh-TW": "留言", en: "message" },
  "claim.reason": { "zh-CN": "谢绝原因", "zh-TW": "謝絕原因", en: "reason for declining" },
  "claim.needId": { "zh-CN": "需求", "zh-TW": "需求", en: "need" },
  "claim.resourceId": { "zh-CN": "资源", "zh-TW": "資源", en: "resource" },
  "claim.status": { "zh-CN": "认领状态", "zh-TW": "認領狀態", en: "claim status" },
  "resource.orgId": { "zh-CN": "资源组织", "zh-TW": "資源組織", en: "organization" },
  "resource.category": { "zh-CN": "资源类别", "zh-TW": "資源類別", en: "resource category" },
  "resource.title": { "zh-CN": "资源名称", "zh-TW": "資源名稱", en: "title" },
  "resource.description": { "zh-CN": "资源描述", "zh-TW": "資源描述", en: "description" },
  "resource.capacity": { "zh-CN": "容量", "zh-TW": "容量", en: "capacity" },
  "resource.availableFrom": { "zh-CN": "可用日期起", "zh-TW": "可用日期起", en: "available from" },
  "resource.availableTo": { "zh-CN": "可用日期止", "zh-TW": "可用日期迄", en: "available until" },
  "resource.conditions": { "zh-CN": "使用条件", "zh-TW": "使用條件", en: "conditions" },
  "resource.visibility": { "zh-CN": "公开范围", "zh-TW": "公開範圍", en: "visibility" },
  "resource.q": { "zh-CN": "关键词", "zh-TW": "關鍵詞", en: "keyword" },
  "resource.within": { "zh-CN": "所属范围", "zh-TW": "所屬範圍", en: "within" },
  "resource.status": { "zh-CN": "资源状态", "zh-TW": "資源狀態", en: "resource status" },
  "project.q": { "zh-CN": "关键词", "zh-TW": "關鍵詞", en: "keyword" },
  "project.orgId": { "zh-CN": "参与组织", "zh-TW": "參與組織", en: "organization" },
  "project.status": { "zh-CN": "项目状态", "zh-TW": "項目狀態", en: "project status" },
  "project.title": { "zh-CN": "项目名称", "zh-TW": "項目名稱", en: "project title" },
  "project.goals": { "zh-CN": "目标", "zh-TW": "目標", en: "goals" },
  "project.planRule": { "zh-CN": "活动计划", "zh-TW": "活動計畫", en: "activity plan" },
  "project.reason": { "zh-CN": "原因", "zh-TW": "原因", en: "reason" },
  "project.outcome": { "zh-CN": "结束方式", "zh-TW": "結束方式", en: "how it ends" },
  "activity.occurredOn": { "zh-CN": "活动日期", "zh-TW": "活動日期", en: "date" },
  "activity.type": { "zh-CN": "活动类型", "zh-TW": "活動類型", en: "activity type" },
  "activity.description": { "zh-CN": "活动内容", "zh-TW": "活動內容", en: "description" },
  "activity.participants": { "zh-CN": "参加人数", "zh-TW": "參加人數", en: "participants" },
  "activity.hours": { "zh-CN": "时长（小时）", "zh-TW": "時長（小時）", en: "hours" },
  "activity.orgId": { "zh-CN": "记录组织", "zh-TW": "記錄組織", en: "recording organization" },
  "activity.photoIds": { "zh-CN": "活动照片", "zh-TW": "活動照片", en: "photos" },
  "contribution.giverOrgId": { "zh-CN": "投入方", "zh-TW": "投入方", en: "giver" },
  "contribution.receiverOrgId": { "zh-CN": "受益方", "zh-TW": "受益方", en: "receiver" },
  "contribution.kind": { "zh-CN": "投入类型", "zh-TW": "投入類型", en: "kind" },
  "contribution.amountFen": { "zh-CN": "金额（分）", "zh-TW": "金額（分）", en: "amount (fen)" },
  "contribution.valueFen": { "zh-CN": "物资价值（分）", "zh-TW": "物資價值（分）", en: "value of goods (fen)" },
  "contribution.hours": { "zh-CN": "时长（小时）", "zh-TW": "時長（小時）", en: "hours" },
  "contribution.description": { "zh-CN": "说明", "zh-TW": "說明", en: "description" },
  // venues, bookings and courses (issue 10)
  "venue.orgId": { "zh-CN": "所属组织", "zh-TW": "所屬組織", en: "owning organization" },
  "venue.kind": { "zh-CN": "阵地类型", "zh-TW": "陣地類型", en: "kind" },
  "venue.name": { "zh-CN": "阵地名称", "zh-TW": "陣地名稱", en: "name" },
  "venue.description": { "zh-CN": "简介", "zh-TW": "簡介", en: "description" },
  "venue.address": { "zh-CN": "地址", "zh-TW": "地址", en: "address" },
  "venue.capacity": { "zh-CN": "容纳人数", "zh-TW": "容納人數", en: "capacity" },
  "venue.openTo": { "zh-CN": "开放范围", "zh-TW": "開放範圍", en: "open to" },
  "venue.openingHours": { "zh-CN": "开放时间", "zh-TW": "開放時間", en: "opening hours" },
  "venue.openingHours.weekday": { "zh-CN": "星期", "zh-TW": "星期", en: "weekday" },
  "venue.openingHours.from": { "zh-CN": "开始时间", "zh-TW": "開始時間", en: "from" },
  "venue.openingHours.to": { "zh-CN": "结束时间", "zh-TW": "結束時間", en: "to" },
  "venue.blackoutDates": { "zh-CN": "不开放日期", "zh-TW": "不開放日期", en: "blackout dates" },
  "venue.requiresApproval": { "zh-CN": "需要审批", "zh-TW": "需要審批", en: "requires approval" },
  "venue.photoIds": { "zh-CN": "照片", "zh-TW": "照片", en: "photos" },
  "venue.status": { "zh-CN": "阵地状态", "zh-TW": "陣地狀態", en: "venue status" },
  "venue.q": { "zh-CN": "关键词", "zh-TW": "關鍵詞", en: "keyword" },
  "venue.within": { "zh-CN": "所属范围", "zh-TW": "所屬範圍", en: "within" },
  "venue.bookable": { "zh-CN": "仅可预约的", "zh-TW": "僅可預約的", en: "bookable only" },
  "venue.from": { "zh-CN": "开始日期", "zh-TW": "開始日期", en: "from" },
  "venue.to": { "zh-CN": "结束日期", "zh-TW": "結束日期", en: "to" },
  "booking.venueId": { "zh-CN": "阵地", "zh-TW": "陣地", en: "venue" },
  "booking.orgId": { "zh-CN": "预约组织", "zh-TW": "預約組織", en: "booking organization" },
  "booking.start": { "zh-CN": "开始时间", "zh-TW": "開始時間", en: "start" },
  "booking.end": { "zh-CN": "结束时间", "zh-TW": "結束時間", en: "end" },
  "booking.purpose": { "zh-CN": "用途", "zh-TW": "用途", en: "purpose" },
  "booking.attendees": { "zh-CN": "人数", "zh-TW": "人數", en: "attendees" },
  "booking.reason": { "zh-CN": "原因", "zh-TW": "原因", en: "reason" },
  "booking.token": { "zh-CN": "签到码", "zh-TW": "簽到碼", en: "check-in code" },
  "booking.from": { "zh-CN": "开始时间", "zh-TW": "開始時間", en: "from" },
  "booking.totalUpTo": { "zh-CN": "计数上限", "zh-TW": "計數上限", en: "count up to" },
  "booking.to": { "zh-CN": "结束时间", "zh-TW": "結束時間", en: "to" },
  "booking.status": { "zh-CN": "预约状态", "zh-TW": "預約狀態", en: "booking status" },
  "course.orgId": { "zh-CN": "所属组织", "zh-TW": "所屬組織", en: "organization" },
  "course.kind": { "zh-CN": "课程类型", "zh-TW": "課程類型", en: "kind" },
  "course.title": { "zh-CN": "课程名称", "zh-TW": "課程名稱", en: "title" },
  "course.summary": { "zh-CN": "简介", "zh-TW": "簡介", en: "summary" },
  "course.body": { "zh-CN": "正文", "zh-TW": "正文", en: "text" },
  "course.url": { "zh-CN": "网址", "zh-TW": "網址", en: "address" },
  "course.minutes": { "zh-CN": "学时（分钟）", "zh-TW": "學時（分鐘）", en: "study time (minutes)" },
  "course.openTo": { "zh-CN": "开放范围", "zh-TW": "開放範圍", en: "open to" },
  "course.attachmentIds": { "zh-CN": "附件", "zh-TW": "附件", en: "attachments" },
  "course.q": { "zh-CN": "关键词", "zh-TW": "關鍵詞", en: "keyword" },
  "course.assigned": { "zh-CN": "仅指派的", "zh-TW": "僅指派的", en: "assigned only" },
  "course.orgIds": { "zh-CN": "组织", "zh-TW": "組織", en: "organizations" },
  "course.memberIds": { "zh-CN": "党员", "zh-TW": "黨員", en: "members" },
  "course.dueOn": { "zh-CN": "完成期限", "zh-TW": "完成期限", en: "due date" },
};

/** The label of a field whose schema gives it none (a test lists those, so it stays rare). */
const genericFieldLabel: Record<Locale, string> = { "zh-CN": "此项", "zh-TW": "此項", en: "this field" };

const nouns: Catalog = {
  organization: { "zh-CN": "组织", "zh-TW": "組織", en: "Organization" },
  member: { "zh-CN": "党员", "zh-TW": "黨員", en: "Member" },
  import: { "zh-CN": "导入记录", "zh-TW": "匯入記錄", en: "Import" },
  user: { "zh-CN": "账号", "zh-TW": "帳號", en: "Account" },
  role: { "zh-CN": "角色", "zh-TW": "角色", en: "Role assignment" },
  job: { "zh-CN": "任务", "zh-TW": "任務", en: "Job" },
  notification: { "zh-CN": "通知", "zh-TW": "通知", en: "Notification" },
  attachment: { "zh-CN": "附件", "zh-TW": "附件", en: "Attachment" },
  alert: { "zh-CN": "安全告警", "zh-TW": "安全告警", en: "Security alert" },
  pairing: { "zh-CN": "结对", "zh-TW": "結對", en: "Pairing" },
  pairing_round: { "zh-CN": "结对轮次", "zh-TW": "結對輪次", en: "Pairing round" },
  need: { "zh-CN": "需求", "zh-TW": "需求", en: "Need" },
  resource: { "zh-CN": "资源", "zh-TW": "資源", en: "Resource" },
  claim: { "zh-CN": "认领", "zh-TW": "認領", en: "Claim" },
  project: { "zh-CN": "帮扶项目", "zh-TW": "幫扶項目", en: "Help project" },
  contribution: { "zh-CN": "帮扶投入", "zh-TW": "幫扶投入", en: "Contribution" },
  venue: { "zh-CN": "阵地", "zh-TW": "陣地", en: "Venue" },
  booking: { "zh-CN": "预约", "zh-TW": "預約", en: "Booking" },
  course: { "zh-CN": "课程", "zh-TW": "課程", en: "Course" },
  record: { "zh-CN": "记录", "zh-TW": "記錄", en: "Record" },
};

/** zh-TW for Traditional-Chinese requests, en for English, otherwise Simplified Chinese. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return "zh-CN";
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1, index };
    })
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh-tw" || tag === "zh-hk" || tag === "zh-mo" || tag.startsWith("zh-hant")) return "zh-TW";
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return "zh-CN";
}

export function translate(locale: Locale, code: string, params: Record<string, string | number> = {}): string {
  const entry = messages[code];
  const template = entry ? entry[locale] : code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) return `{${key}}`;
    if (key === "what" && typeof value === "string") return nouns[value]?.[locale] ?? value;
    return String(value);
  });
}

export function hasMessage(code: string): boolean {
  return code in messages;
}

/** The text of a field label key in a language, or undefined when the catalog has none. */
export function labelText(locale: Locale, key: string): string | undefined {
  return fieldLabels[key]?.[locale];
}

export function hasLabel(key: string): boolean {
  return key in fieldLabels;
}

export function genericLabel(locale: Locale): string {
  return genericFieldLabel[locale];
}
