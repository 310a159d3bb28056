import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { DB } from "../db/schema.ts";
import type { DivisionDirectory } from "../modules/divisions/divisions.ts";
import { personalDataColumns } from "../modules/members/members.import.ts";
import { recordAudit } from "../platform/audit.ts";
import { chinaDate } from "../platform/china-time.ts";
import type { PersonalDataCipher } from "../platform/crypto.ts";
import { hashPassword } from "../platform/passwords.ts";
import { insertDemoCare } from "./care.ts";
import { demoOrgFlags } from "./flags.ts";
import { type DemoAccount, type DemoCounty, type DemoMember, type DemoOrg, generateDemoCounty } from "./generate.ts";
import { type DemoHelp, type DemoHelpCounts, generateDemoHelp, insertDemoHelp } from "./help.ts";
import { insertDemoMotion } from "./motion.ts";
import { type DemoVenues, generateDemoVenues, insertDemoVenues } from "./venues.ts";

/**
 * Loads the demo county (武平县) into an empty database, in one transaction: either the whole
 * county is there or nothing is. Runs on first start of the embedded database.
 */
export async function loadDemoIfEmpty(deps: {
  database: Database;
  cipher: PersonalDataCipher;
  divisions: DivisionDirectory;
  config: Pick<Config, "dataDir" | "demoPassword">;
  today?: string;
  log?: (line: string) => void;
}): Promise<boolean> {
  const { db } = deps.database;
  const log = deps.log ?? ((line: string) => console.log(line));
  const existing = await db
    .selectFrom("organizations")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  if (existing.n > 0) return false;

  const started = Date.now();
  const today = deps.today ?? chinaDate(new Date());
  const county = await generateDemoCounty({ seed: 350824, today });
  // Two years of mutual help in the county: needs, resources, claims, projects (issue 8).
  const help = generateDemoHelp(county, { seed: 350824, today });
  // Shared venues with a year of bookings and the next month's, courses with progress (issue 10).
  const venues = generateDemoVenues(county, { seed: 350824, today });
  const generatedPassword = !deps.config.demoPassword;
  const password = deps.config.demoPassword ?? crypto.randomBytes(9).toString("base64url");
  const divisionNames = new Map<string, string | null>();
  for (const org of county.orgs) {
    if (org.divisionCode) divisionNames.set(org.divisionCode, await deps.divisions.nameOf(org.divisionCode));
  }
  const helped = await db
    .transaction()
    .execute((trx) => insertDemoCounty(trx, county, divisionNames, deps.cipher, password, help, venues));
  // Membership transfers and mobile members around the demo village (issue 11).
  await db.transaction().execute((trx) => insertDemoMotion(trx, deps.cipher, today));
  // Members in difficulty, volunteer teams and service requests around the demo village (issue 11).
  await db.transaction().execute((trx) => insertDemoCare(trx, deps.cipher, today));
  await refreshPlannerStatistics(db);

  if (generatedPassword) {
    fs.mkdirSync(deps.config.dataDir, { recursive: true });
    const file = path.join(deps.config.dataDir, "demo-accounts.txt");
    const names = county.accounts.slice(0, 8).map((a) => a.username);
    fs.writeFileSync(
      file,
      `Huzhu demo accounts (武平县 350824)\npassword for every account: ${password}\n` +
        `accounts: ${names.join(", ")}, and s<12-digit division code> for each village/community secretary\n` +
        "\nTwo-factor sign-in (TOTP) is optional in the embedded demo. To require it of coordinators and the\n" +
        "three administrators, as it is by default with DATABASE_URL, start with HUZHU_REQUIRE_2FA=true:\n" +
        "they are then asked to set up an authenticator app (scan the QR code) at their next sign-in.\n" +
        "Any user can set it up under the user menu, 双因素登录.\n",
      { mode: 0o600 },
    );
    // `mode` applies only when the file is created; an older file keeps its permissions otherwise.
    fs.chmodSync(file, 0o600);
    log(`huzhu: demo password for every demo account (${names.join(", ")}, s<code>…): ${password}`);
    log(`huzhu: (also saved to ${file}; it is shown only this once)`);
  }
  log(
    `huzhu: loaded demo county 武平县: ${county.orgs.length} organizations, ${county.members.length} members, ` +
      `${county.accounts.length} accounts, ${helped ? helpSummary(helped) : "no mutual help"} ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return true;
}

/** The seed of the villages' weak/poor flags (demo/flags.ts): the county's code, like the rest of the demo. */
const DEMO_FLAG_SEED = 350824;

export async function insertDemoCounty(
  db: Kysely<DB>,
  county: DemoCounty,
  divisionNames: Map<string, string | null>,
  cipher: PersonalDataCipher,
  password: string,
  help?: DemoHelp,
  venues?: DemoVenues,
): Promise<DemoHelpCounts | null> {
  const orgByKey = await insertDemoOrgs(db, county.orgs, divisionNames, DEMO_FLAG_SEED);
  const orgOf = demoOrgLookup(orgByKey);
  const memberIds = await insertDemoMembers(db, county.members, orgOf, cipher, 1000);
  await insertDemoAccounts(db, county.accounts, orgOf, memberIds, password);
  const helped = help ? await insertDemoHelp(db, help, (key) => orgOf(key).id) : null;
  if (venues) {
    await insertDemoVenues(
      db,
      venues,
      (key) => orgOf(key).id,
      (index) => memberIds[index],
    );
  }
  await recordAudit(
    db,
    { userId: null, username: "system", ip: null },
    {
      action: "demo.load",
      result: "success",
      detail: { orgs: county.orgs.length, members: county.members.length, accounts: county.accounts.length },
    },
  );
  return helped;
}

/** Where an inserted demo organization is: its id, and the path and depth its children extend. */
export interface InsertedOrg {
  id: number;
  path: string;
  depth: number;
}

/**
 * Inserts demo organizations, parents before children. Ids are drawn from the sequence up front
 * so that each path is known before its row is written; division names are the official ones
 * at load time (`divisionNames`, by code); `flagSeed` decides which villages are weak or poor.
 */
export async function insertDemoOrgs(
  db: Kysely<DB>,
  orgs: readonly DemoOrg[],
  divisionNames: Map<string, string | null>,
  flagSeed: number,
  onBatch?: (done: number) => void,
): Promise<Map<string, InsertedOrg>> {
  const ids = await sql<{ id: number }>`
    SELECT nextval(pg_get_serial_sequence('organizations', 'id'))::int AS id
      FROM generate_series(1, ${orgs.length})`.execute(db);
  const orgByKey = new Map<string, InsertedOrg>();
  const orgRows = orgs.map((org, i) => {
    const id = (ids.rows[i] as { id: number }).id;
    const parent = org.parentKey === null ? null : orgByKey.get(org.parentKey);
    if (org.parentKey !== null && !parent) throw new Error(`demo: parent ${org.parentKey} must come before ${org.key}`);
    const entry = { id, path: `${parent?.path ?? "/"}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    orgByKey.set(org.key, entry);
    return { org, parentId: parent?.id ?? null, ...entry };
  });
  let done = 0;
  for (const chunk of chunks(orgRows, 500)) {
    await sql`
      INSERT INTO organizations (id, parent_id, path, depth, name, kind, category, area, division_code, division_name,
                                 secretary_name, units, flags)
      OVERRIDING SYSTEM VALUE
      VALUES ${sql.join(
        chunk.map(
          (r) => sql`(${r.id}, ${r.parentId}, ${r.path}, ${r.depth}, ${r.org.name}, ${r.org.kind}, ${r.org.category},
                      ${r.org.area}, ${r.org.divisionCode}, ${r.org.divisionCode ? (divisionNames.get(r.org.divisionCode) ?? null) : null}, ${r.org.secretaryName},
                      ${r.org.units}, ${demoOrgFlags(r.org, flagSeed)})`,
        ),
      )}`.execute(db);
    done += chunk.length;
    onBatch?.(done);
  }
  return orgByKey;
}

/** A lookup of inserted organizations by demo key that fails loudly on a key the data does not hold. */
export function demoOrgLookup(orgByKey: Map<string, InsertedOrg>): (key: string) => InsertedOrg {
  return (key) => {
    const o = orgByKey.get(key);
    if (!o) throw new Error(`demo: unknown organization ${key}`);
    return o;
  };
}

/**
 * Inserts demo members `batchSize` rows per statement, personal data encrypted, blind-indexed and
 * masked exactly as an import writes it (members.import.ts `personalDataColumns`). Answers their ids.
 */
export async function insertDemoMembers(
  db: Kysely<DB>,
  members: readonly DemoMember[],
  orgOf: (key: string) => InsertedOrg,
  cipher: PersonalDataCipher,
  batchSize: number,
): Promise<number[]> {
  const memberIds: number[] = [];
  for (const chunk of chunks(members, batchSize)) {
    const rows = await db
      .insertInto("members")
      .values(
        chunk.map((m) => {
          const primary = orgOf(m.orgKey);
          const co = m.coOrgKey ? orgOf(m.coOrgKey) : null;
          return {
            name: m.name,
            gender: m.gender,
            ethnicity: m.ethnicity,
            // Only the year in the clear; the full date is the one inside the encrypted ID number.
            birth_year: Number(m.birthDate.slice(0, 4)),
            ...personalDataColumns(cipher, m.idNumber, m.phone || null),
            education: m.education,
            join_date: m.joinDate,
            status: m.status,
            // The path copies are filled by a trigger from these ids (migration 0008).
            primary_org_id: primary.id,
            co_org_id: co?.id ?? null,
          };
        }),
      )
      .returning("id")
      .execute();
    memberIds.push(...rows.map((r) => r.id));
  }
  return memberIds;
}

/** Inserts demo accounts and their roles; every demo account shares one password. */
export async function insertDemoAccounts(
  db: Kysely<DB>,
  accounts: readonly DemoAccount[],
  orgOf: (key: string) => InsertedOrg,
  memberIds: readonly number[],
  password: string,
): Promise<void> {
  // Every demo account shares one password by design, so one scrypt hash serves them all.
  const passwordHash = await hashPassword(password);
  for (const chunk of chunks(accounts, 500)) {
    const users = await db
      .insertInto("users")
      .values(
        chunk.map((a) => ({
          username: a.username,
          display_name: a.displayName,
          password_hash: passwordHash,
          member_id: a.memberIndex === undefined ? null : (memberIds[a.memberIndex] ?? null),
        })),
      )
      .returning(["id", "username"])
      .execute();
    const userIds = new Map(users.map((u) => [u.username, u.id]));
    const roles = chunk.flatMap((a) =>
      a.roles.map((r) => ({
        user_id: userIds.get(a.username) as number,
        role: r.role,
        org_id: r.orgKey === null ? null : orgOf(r.orgKey).id,
      })),
    );
    if (roles.length) await db.insertInto("role_assignments").values(roles).execute();
  }
}

/**
 * Fresh statistics for the planner after a bulk load: until autovacuum's first pass (never, in
 * PGlite) it takes the new tables for empty and sorts a whole roster for each page of 20; and a
 * visibility map, without which the organizations' member counts are not index-only
 * (docs/performance.md). Outside any transaction: VACUUM cannot run inside one.
 */
export async function refreshPlannerStatistics(db: Kysely<DB>): Promise<void> {
  await sql`VACUUM ANALYZE`.execute(db);
}

function helpSummary(c: DemoHelpCounts): string {
  return (
    `${c.needs} needs, ${c.resources} resources, ${c.claims} claims, ${c.projects} projects ` +
    `(${c.activities} activities, ${c.contributions} contributions), ${c.pairings} pairings`
  );
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
