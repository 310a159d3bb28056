/**
 * Issue 13's benchmark: 100,000 members imported on PostgreSQL through the imports module itself —
 * the validation (exceljs's streaming reader, every row's checks, the organizations and the roster
 * looked up by blind index) and the commit (the same checks again inside one transaction, then
 * batched INSERTs of rows encrypted by the members module, the audit record) — next to a raw
 * `COPY` of the very rows the commit wrote (already encrypted: the database's floor), in the same
 * run. Peak memory (RSS and heap, sampled every 20 ms) per phase.
 *
 *   node --import tsx bench/import/run.ts [--rows 100000] [--keep-schema]
 *
 * A throw-away schema of the PostgreSQL at TEST_DATABASE_URL (or postgres://postgres@127.0.0.1:5432/test)
 * with the demo county (武平县: 17 towns, 225 villages and communities, ~11,000 members) loaded;
 * the file names the county's villages and communities by their 12-digit codes, and the importer
 * keeps the county's roster. --keep-schema leaves it (printed) for trying `huzhu import members`.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { idNumberCheckChar } from "@huzhu/domain";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { type Database, openDatabase } from "../../apps/server/src/db/client.ts";
import { migrate } from "../../apps/server/src/db/migrate.ts";
import { loadDemoIfEmpty } from "../../apps/server/src/demo/load.ts";
import { createDivisionDirectory } from "../../apps/server/src/modules/divisions/divisions.ts";
import { importsService } from "../../apps/server/src/modules/imports/imports.service.ts";
import { memberWrite } from "../../apps/server/src/modules/members/members.import.ts";
import type { Actor } from "../../apps/server/src/platform/access.ts";
import { useAuditKey } from "../../apps/server/src/platform/audit.ts";
import { createCipher } from "../../apps/server/src/platform/crypto.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rowCount = arg("--rows", 100_000);
const keepSchema = process.argv.includes("--keep-schema");

/** Peak RSS and heap while `work` runs (sampled), and its duration. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; rssMb: number; heapMb: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const value = await work();
    const m = process.memoryUsage();
    return {
      value,
      ms: performance.now() - started,
      rssMb: Math.max(rss, m.rss) / 2 ** 20,
      heapMb: Math.max(heap, m.heapUsed) / 2 ** 20,
    };
  } finally {
    clearInterval(timer);
  }
}

const EDUCATIONS = ["小学", "初中", "高中", "中专", "大专", "大学本科", "硕士研究生"];
const ETHNICITIES = ["汉族", "汉族", "汉族", "畲族", "客家"];

/** The members file: rowCount valid rows over the county's villages, written with the streaming writer. */
async function writeMembersFile(orgCodes: readonly string[]): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => output.on("end", resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: true, useStyles: true });
  const sheet = wb.addWorksheet("党员信息");
  sheet
    .addRow([
      "姓名",
      "性别",
      "民族",
      "出生日期",
      "公民身份号码",
      "手机号码",
      "学历",
      "入党日期",
      "党员类别",
      "所在党组织",
      "共管党组织",
    ])
    .commit();
  for (let i = 0; i < rowCount; i++) {
    const male = i % 2 === 0;
    const year = 1950 + (i % 50);
    const birth = `${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    // 6-digit area + birth date + a 3-digit sequence (odd for men) + check: unique per row
    // (the area varies with i / 500 so the sequence space never repeats).
    const area = String(110000 + Math.floor(i / 500));
    const seq = String(((i % 500) * 2 + (male ? 1 : 2)) % 1000).padStart(3, "0");
    const first17 = `${area}${birth.replaceAll("-", "")}${seq}`;
    const join = `${year + 25}-07-01`;
    sheet
      .addRow([
        `成员${i}`,
        male ? "男" : "女",
        ETHNICITIES[i % ETHNICITIES.length],
        birth,
        first17 + idNumberCheckChar(first17),
        `13${String(100_000_000 + i).slice(-9)}`,
        EDUCATIONS[i % EDUCATIONS.length],
        join,
        i % 10 === 0 ? "预备党员" : "正式党员",
        orgCodes[i % orgCodes.length],
        null,
      ])
      .commit();
  }
  sheet.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString("en-US");

async function main() {
  const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const schema = `bench_import_${crypto.randomBytes(4).toString("hex")}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await admin.execScript(`CREATE SCHEMA ${schema}`);
  const database: Database = await openDatabase({ url, schema, poolSize: 4 });
  const key = crypto.randomBytes(32);
  const cipher = createCipher(key);
  useAuditKey(crypto.randomBytes(32));
  try {
    await migrate(database);
    await loadDemoIfEmpty({
      database,
      cipher,
      divisions: createDivisionDirectory(),
      config: { dataDir: "/tmp", demoPassword: "bench-password-1" },
      log: () => {},
    });
    const db = database.db;
    const county = await db
      .selectFrom("organizations")
      .select(["id", "name", "path"])
      .where("division_code", "=", "350824")
      .executeTakeFirstOrThrow();
    const villages = await db
      .selectFrom("organizations")
      .select("division_code")
      .where(sql<boolean>`length(division_code) = 12`)
      .where("status", "=", "active")
      .execute();
    const codes = villages.map((v) => v.division_code as string);
    const before = Number(
      (await db.selectFrom("members").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n,
    );
    const actor: Actor = {
      userId: 0,
      username: "bench",
      displayName: "bench",
      memberId: null,
      roles: [{ id: 0, role: "secretary", orgId: county.id, orgName: county.name, orgPath: county.path }],
      sessionId: "bench",
      csrfToken: "",
      ip: null,
      gates: [],
      secondFactor: false,
    };
    const imports = importsService(db, cipher, () => new Date(), {
      actorOf: async () => actor,
      maxRows: Number.POSITIVE_INFINITY,
      progressInTransaction: true,
    });

    const file = await writeMembersFile(codes);
    console.log(
      `PostgreSQL ${(await sql<{ server_version: string }>`SHOW server_version`.execute(db)).rows[0]?.server_version}, node ${process.version}, ` +
        `${os.cpus().length} cores; ${rowCount.toLocaleString("en-US")} rows over ${codes.length} villages and ` +
        `communities, file ${(file.length / 2 ** 20).toFixed(1)} MB; roster before: ${before.toLocaleString("en-US")}`,
    );
    global.gc?.();
    const parse = await measure(() => imports.parseMembers(file));
    const parsed = parse.value;
    const check = await measure(() => imports.checkParsed(actor, parsed));
    if (check.value.counts.bad > 0) {
      const first = check.value.rows.find((r) => r.outcome === "bad");
      throw new Error(`bench file has bad rows: ${JSON.stringify(first?.problems)}`);
    }
    const commit = await measure(() => imports.commitRows(actor, parsed, { username: "bench" }));
    const after = Number(
      (await db.selectFrom("members").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n,
    );
    if (after !== before + rowCount) throw new Error(`expected ${before + rowCount} members, found ${after}`);

    // The raw COPY of the same rows, as the commit wrote them (encrypted), into a copy of the table.
    const rows = check.value.rows;
    const encrypt = await measure(async () => {
      const orgPaths = new Map(
        (await db.selectFrom("organizations").select(["id", "path"]).execute()).map((o) => [o.id, o.path]),
      );
      const hex = (b: Uint8Array | null) => (b === null ? "" : `\\x${Buffer.from(b).toString("hex")}`);
      const q = (s: string | null) => (s === null ? "" : `"${s.replaceAll('"', '""')}"`);
      const lines: string[] = [];
      for (const r of rows) {
        const fields = r.write?.fields;
        if (!fields) continue;
        const w = memberWrite(cipher, fields);
        lines.push(
          [
            q(w.name),
            q(w.gender),
            q(w.ethnicity),
            w.birth_year,
            hex(w.id_number_enc),
            hex(w.id_number_hash),
            q(w.id_number_masked),
            hex(w.phone_enc),
            q(w.phone_masked),
            q(w.education),
            w.join_date,
            q(w.status),
            w.primary_org_id,
            w.co_org_id ?? "",
            q(orgPaths.get(w.primary_org_id) ?? ""),
          ].join(","),
        );
      }
      const csv = path.join(os.tmpdir(), `${schema}.csv`);
      fs.writeFileSync(csv, `${lines.join("\n")}\n`, { mode: 0o644 });
      return csv;
    });
    await sql
      .raw(
        `CREATE TABLE members_copy (LIKE members INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS);
         ALTER TABLE members_copy ALTER COLUMN id SET DEFAULT nextval('members_id_seq')`,
      )
      .execute(db);
    const copy = await measure(async () => {
      await sql
        .raw(
          `COPY members_copy (name, gender, ethnicity, birth_year, id_number_enc, id_number_hash, id_number_masked,
             phone_enc, phone_masked, education, join_date, status, primary_org_id, co_org_id, primary_org_path)
           FROM '${encrypt.value}' (FORMAT csv)`,
        )
        .execute(db);
    });
    fs.rmSync(encrypt.value);

    const n = rowCount;
    const table = [
      "| phase | time | rows/s | peak RSS | peak heap |",
      "|---|---:|---:|---:|---:|",
      `| validation: streaming parse + each row's checks | ${(parse.ms / 1000).toFixed(1)} s | ${rate(n, parse.ms)} | ${parse.rssMb.toFixed(0)} MB | ${parse.heapMb.toFixed(0)} MB |`,
      `| validation: organizations, roster by blind index, duplicates | ${(check.ms / 1000).toFixed(1)} s | ${rate(n, check.ms)} | ${check.rssMb.toFixed(0)} MB | ${check.heapMb.toFixed(0)} MB |`,
      `| **validation, whole** | **${((parse.ms + check.ms) / 1000).toFixed(1)} s** | **${rate(n, parse.ms + check.ms)}** | | |`,
      `| **commit**: checks again + batched INSERTs (1,000/statement, encrypted) in one transaction | **${(commit.ms / 1000).toFixed(1)} s** | **${rate(n, commit.ms)}** | ${commit.rssMb.toFixed(0)} MB | ${commit.heapMb.toFixed(0)} MB |`,
      `| raw COPY of the same (already encrypted) rows | ${(copy.ms / 1000).toFixed(1)} s | ${rate(n, copy.ms)} | | |`,
      `| (encrypting the rows and writing the CSV for that COPY) | ${(encrypt.ms / 1000).toFixed(1)} s | ${rate(n, encrypt.ms)} | | |`,
    ];
    console.log(table.join("\n"));
    console.log(
      `commit: ${commit.value.created.toLocaleString("en-US")} added; roster after: ${after.toLocaleString("en-US")}`,
    );
    if (keepSchema) console.log(`kept schema ${schema} (data key ${key.toString("hex")})`);
  } finally {
    await database.close();
    if (!keepSchema) await admin.execScript(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
}

await main();
