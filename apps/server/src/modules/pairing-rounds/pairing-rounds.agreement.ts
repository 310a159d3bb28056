import fs from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

/**
 * A pairing's agreement (结对帮扶协议书) as a PDF in Chinese: the parties, the goals, the period
 * and a signature block. The font is Noto Sans SC from npm (@expo-google-fonts/noto-sans-sc),
 * embedded as a subset of the characters used (pdfkit's default), so the file shows the same
 * Chinese on any machine and stays small (~20 KB). The font file is read once; parsing and
 * subsetting it costs ~50–100 ms a document, so a round's agreements are made by a job.
 */
const require = createRequire(import.meta.url);
let font: Buffer | null = null;
/** One face (regular) only: each face a document uses is parsed from its 10 MB file and subset again. */
function loadFont() {
  font ??= fs.readFileSync(require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"));
  return font;
}

export interface AgreementInput {
  pairingId: number;
  helperName: string;
  recipientName: string;
  /** 城联乡 / 乡联乡 / 城联城 */
  formName: string;
  startsOn: string;
  endsOn: string;
  goals: string;
  /** The round and its coordinating organization, or null for a pairing made by hand. */
  roundName: string | null;
  coordinatorName: string;
}

const FORM_NAMES: Record<string, string> = { urban_rural: "城联乡", rural_rural: "乡联乡", urban_urban: "城联城" };
export const formName = (form: string) => FORM_NAMES[form] ?? form;

const dateText = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export const agreementFileName = (pairingId: number) => `结对帮扶协议书-${pairingId}.pdf`;

/** The default goals of a pairing, from the article's own words (F6, F7). */
export const DEFAULT_GOALS =
  "围绕受扶方的实际需求，找差距、理思路、定措施、筹资金、谋发展；协助建班子、建阵地、建制度；发展经济，改善民生。" +
  "双方定期开展组织共建、资源共享、党员共管活动，做到帮扶活动制度化、常态化。";

export function renderAgreement(input: AgreementInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 64,
    info: { Title: `结对帮扶协议书（${input.helperName} — ${input.recipientName}）`, Creator: "Huzhu 互助" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("regular", loadFont());
  doc.font("regular").fontSize(22).text("结对帮扶协议书", { align: "center" });
  doc.moveDown(0.4);
  doc
    .font("regular")
    .fontSize(10)
    .fillColor("#555555")
    .text(`协议编号：HZ-JD-${String(input.pairingId).padStart(6, "0")}`, {
      align: "center",
    });
  doc.fillColor("#000000").moveDown(1.2);
  doc.font("regular").fontSize(12);
  const line = (label: string, value: string) => {
    doc.fillColor("#555555").text(label, { continued: true }).fillColor("#000000").text(value);
    doc.moveDown(0.3);
  };
  line("甲方（帮扶方）：", input.helperName);
  line("乙方（受扶方）：", input.recipientName);
  line("结对形式：", input.formName);
  line("结对期限：", `${dateText(input.startsOn)}至${dateText(input.endsOn)}`);
  line("统筹单位：", input.coordinatorName + (input.roundName ? `（${input.roundName}）` : ""));
  doc.moveDown(0.8);
  doc.fontSize(14).text("一、帮扶目标").fontSize(12);
  doc.moveDown(0.3);
  doc.font("regular").text(input.goals, { align: "justify", lineGap: 3 });
  doc.moveDown(0.8);
  doc.fontSize(14).text("二、双方责任").fontSize(12);
  doc.moveDown(0.3);
  doc
    .font("regular")
    .text(
      "甲乙双方在上级党组织统筹协调下结成帮扶对子，坚持互帮互助、注重双赢，突破“节日帮扶”“钱物帮扶”，" +
        "在平台上如实记录需求、资源、活动和投入，由对方确认。双方每季度至少开展一次联合活动，" +
        "结对期满由上级党组织组织评价。",
      { align: "justify", lineGap: 3 },
    );
  doc.moveDown(2);
  const y = doc.y;
  doc.font("regular").text("甲方（盖章）：", 64, y);
  doc.text("乙方（盖章）：", 320, y);
  doc.moveDown(2);
  const y2 = doc.y;
  doc.text("书记签字：", 64, y2);
  doc.text("书记签字：", 320, y2);
  doc.moveDown(2);
  const y3 = doc.y;
  doc.text("日期：    年  月  日", 64, y3);
  doc.text("日期：    年  月  日", 320, y3);
  doc.end();
  return done;
}
