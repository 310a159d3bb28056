import crypto from "node:crypto";
import { idNumberCheckChar } from "@huzhu/domain";
import ExcelJS from "exceljs";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { buildApp } from "../src/app.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import type { DemoCounty, DemoMember } from "../src/demo/generate.ts";
import { insertDemoCounty } from "../src/demo/load.ts";
import { createDivisionDirectory } from "../src/modules/divisions/divisions.ts";
import type { PairingSolver, SolverPoolOptions } from "../src/modules/pairing/solve-in-worker.ts";
import { useAuditKey } from "../src/platform/audit.ts";
import type { AuditChainKeys } from "../src/platform/audit-chain.ts";
import { createCipher, type PersonalDataCipher } from "../src/platform/crypto.ts";

/**
 * One database per test file: PGlite in memory by default, or a fresh schema on the PostgreSQL
 * server named by TEST_DATABASE_URL (dropped at the end). `npm test` runs the API suite both ways.
 */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await admin.execScript(`CREATE SCHEMA ${schema}`);
  const database = await openDatabase({ url, schema, poolSize: 4 });
  await migrate(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.execScript(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

export const TEST_PASSWORD = "correct horse battery";

/** A valid ID number for a birth date and gender (sequence digit odd for men). */
export function makeIdNumber(birthDate: string, gender: "male" | "female", serial: number, area = "350824"): string {
  const seq = String((serial % 499) * 2 + (gender === "male" ? 1 : 2)).padStart(3, "0");
  const first17 = `${area}${birthDate.replaceAll("-", "")}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

let serial = 0;
export function person(
  name: string,
  gender: "male" | "female" = "male",
  birthDate = "1980-05-06",
): Omit<DemoMember, "orgKey" | "coOrgKey"> {
  serial += 1;
  return {
    name,
    gender,
    ethnicity: "汉族",
    birthDate,
    idNumber: makeIdNumber(birthDate, gender, serial),
    phone: `1380000${String(1000 + serial).slice(-4)}`,
    education: "senior_high",
    joinDate: "2005-07-01",
    status: "full",
  };
}

/**
 * A small county that exercises every scoping rule: two towns, three villages, one organ, and
 * an account for every role. Keys match the demo generator's so the same loader inserts it.
 */
export function fixtureCounty(): DemoCounty {
  const org = (key: string, parentKey: string | null, name: string, extra: Partial<DemoCounty["orgs"][number]>) => ({
    key,
    parentKey,
    name,
    kind: "branch" as const,
    category: "village" as const,
    area: "rural" as const,
    divisionCode: null,
    secretaryName: null,
    units: [],
    ...extra,
  });
  const orgs: DemoCounty["orgs"] = [
    org("county", null, "中共武平县委员会", {
      kind: "committee",
      category: "county",
      area: "urban",
      divisionCode: "350824",
    }),
    org("town:a", "county", "中共中山镇委员会", {
      kind: "committee",
      category: "town_street",
      divisionCode: "350824101",
    }),
    org("town:b", "county", "中共岩前镇委员会", {
      kind: "committee",
      category: "town_street",
      divisionCode: "350824102",
    }),
    org("village:a1", "town:a", "中共三联村支部委员会", { divisionCode: "350824101201" }),
    org("village:a2", "town:a", "中共龙济村支部委员会", { divisionCode: "350824101202" }),
    org("village:b1", "town:b", "中共灵岩村支部委员会", { divisionCode: "350824102201" }),
    org("unit:organ", "county", "中共武平县财政局支部委员会", { category: "government_organ", area: "urban" }),
  ];
  const members: DemoMember[] = [
    { ...person("钟一", "male", "1970-01-02"), orgKey: "village:a1", coOrgKey: null },
    { ...person("刘二", "female", "1985-03-04"), orgKey: "village:a1", coOrgKey: null },
    { ...person("李三"), orgKey: "village:a1", coOrgKey: "unit:organ" },
    { ...person("王四"), orgKey: "village:a2", coOrgKey: null },
    { ...person("林五", "female", "1990-09-09"), orgKey: "village:b1", coOrgKey: null },
    { ...person("陈六"), orgKey: "village:b1", coOrgKey: null },
    { ...person("练七"), orgKey: "unit:organ", coOrgKey: null },
  ];
  const account = (
    username: string,
    role: DemoCounty["accounts"][number]["roles"][number]["role"],
    orgKey: string | null,
    memberIndex?: number,
  ) => ({
    username,
    displayName: username,
    roles: [{ role, orgKey }],
    ...(memberIndex === undefined ? {} : { memberIndex }),
  });
  const accounts: DemoCounty["accounts"] = [
    account("coordinator", "coordinator", "county"),
    account("town", "coordinator", "town:a"),
    account("secretary", "secretary", "village:a1", 0),
    account("secb", "secretary", "village:b1", 4),
    account("member", "member", "village:a1", 1),
    account("leader", "leader", "county"),
    account("sysadmin", "system_admin", null),
    account("secadmin", "security_admin", null),
    account("auditor", "audit_admin", null),
    // The secretary of the organ branch that co-manages 李三 (F5): two scopes reach one member.
    account("organsec", "secretary", "unit:organ", 6),
  ];
  return { orgs, members, accounts };
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  cipher: PersonalDataCipher;
  /** The personal-data key of this context's cipher (a child process that must read the same data). */
  dataKey: Buffer;
  /** The audit chain's keys of this test file (a fresh secret per context). */
  auditKeys: AuditChainKeys;
  /** Ids of the fixture organizations by key. */
  orgId: (key: string) => Promise<number>;
  /** Id of the (only) member with this name. */
  memberId: (name: string) => Promise<number>;
  /** The decrypted ID number and phone of the (only) member with this name, to look for leaks. */
  personal: (name: string) => Promise<{ id: number; idNumber: string; phone: string | null }>;
  login: (username: string, password?: string) => Promise<Session>;
  close: () => Promise<void>;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** app.inject with this session's cookie and CSRF token. */
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
}

export async function createTestContext(
  options: {
    county?: DemoCounty;
    clock?: () => Date;
    exportMaxRows?: number;
    solverPool?: SolverPoolOptions;
    pairingSolver?: PairingSolver;
    requireSecondFactor?: boolean;
    jobs?: { autoStart?: boolean };
    auditExportMaxRows?: number;
  } = {},
): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  const dataKey = crypto.randomBytes(32);
  const cipher = createCipher(dataKey);
  const auditKeys = useAuditKey(crypto.randomBytes(32));
  const county = options.county ?? fixtureCounty();
  const names = new Map<string, string | null>();
  await database.db.transaction().execute((trx) => insertDemoCounty(trx, county, names, cipher, TEST_PASSWORD));
  const app = await buildApp({
    database,
    cipher,
    divisions: createDivisionDirectory(),
    sessionIdleMinutes: 30,
    secureCookies: false,
    logLevel: "silent",
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.exportMaxRows === undefined ? {} : { exportMaxRows: options.exportMaxRows }),
    ...(options.solverPool ? { solverPool: options.solverPool } : {}),
    ...(options.pairingSolver ? { pairingSolver: options.pairingSolver } : {}),
    ...(options.requireSecondFactor ? { requireSecondFactor: true } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.auditExportMaxRows === undefined ? {} : { auditExportMaxRows: options.auditExportMaxRows }),
  });
  const orgIds = new Map<string, number>();
  return {
    app,
    database,
    cipher,
    dataKey,
    auditKeys,
    async orgId(key) {
      if (!orgIds.size) {
        const rows = await database.db.selectFrom("organizations").select(["id", "name"]).orderBy("id").execute();
        county.orgs.forEach((o, i) => {
          orgIds.set(o.key, (rows[i] as { id: number }).id);
        });
      }
      const id = orgIds.get(key);
      if (id === undefined) throw new Error(`no fixture org ${key}`);
      return id;
    },
    async memberId(name) {
      const rows = await database.db.selectFrom("members").select("id").where("name", "=", name).execute();
      if (rows.length !== 1) throw new Error(`expected one member named ${name}, found ${rows.length}`);
      return (rows[0] as { id: number }).id;
    },
    async personal(name) {
      const row = await database.db
        .selectFrom("members")
        .select(["id", "id_number_enc", "phone_enc"])
        .where("name", "=", name)
        .executeTakeFirstOrThrow();
      return {
        id: row.id,
        idNumber: cipher.decrypt(row.id_number_enc),
        phone: row.phone_enc === null ? null : cipher.decrypt(row.phone_enc),
      };
    },
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === "huzhu_session");
      if (!cookie) throw new Error("no session cookie");
      const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
      return {
        cookie: cookie.value,
        csrfToken,
        request: (opts) =>
          app.inject({
            ...opts,
            cookies: { huzhu_session: cookie.value },
            headers: { "x-csrf-token": csrfToken, ...(opts.headers ?? {}) },
          }),
      };
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/**
 * Asserts a response is the API's error shape with this status (and code/field when given),
 * and nothing else in the body; returns the error for further checks.
 */
export function expectError(
  res: LightMyRequestResponse,
  status: number,
  expected: { code?: string; field?: string | undefined } = {},
): ErrorBody["error"] {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = res.json() as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.code).toBe("string");
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) expect(["code", "message", "field"]).toContain(key);
  if (expected.code !== undefined) expect(body.error.code).toBe(expected.code);
  if ("field" in expected) expect(body.error.field).toBe(expected.field);
  return body.error;
}

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A downloaded workbook's first sheet as rows of text (header first). Every cell the server writes
 * must be plain text, never a formula (issue 6, hole 8), so a formula cell fails the test here.
 */
export async function readSheet(res: LightMyRequestResponse): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings name an older Buffer; the bytes are the same.
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no worksheet");
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      expect(cell.formula).toBeUndefined();
      values.push(cell.text);
    });
    rows.push(values);
  });
  return rows;
}
