import { idNumberBirthDate, idNumberGender, idNumberProblem, maskIdNumber, maskPhone } from "@huzhu/domain";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, reachSql } from "../../platform/access.ts";
import type { PersonalDataCipher } from "../../platform/crypto.ts";
import { type Ability, scopeOf } from "../../platform/policy.ts";
import { orgPolicy } from "../orgs/orgs.policy.ts";
import { orgDirectory } from "../orgs/orgs.service.ts";
import { memberPolicy } from "./members.policy.ts";
import type { MemberWrite } from "./members.repository.ts";
import { membersRepository } from "./members.repository.ts";

/**
 * What the imports module needs of the roster (issue 13), so that an imported row obeys exactly
 * the rules of a typed one: the same consistency checks as POST /api/members, the same policy
 * abilities (an organization one may add members to, a member one may update), the same
 * encryption and blind index. The imports module never touches the members table itself.
 */

/** The date 18 years after a birth date (29 Feb birthdays turn 18 on 1 Mar in common years). */
export function eighteenthBirthday(birthDate: string): string {
  const d = new Date(`${birthDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 18);
  return d.toISOString().slice(0, 10);
}

export interface MemberFacts {
  idNumber: string;
  birthDate: string;
  gender: string;
  joinDate: string;
}

/**
 * Every problem of a member's fields taken together (the ID number's check digit and its
 * agreement with the birth date and gender; dates not in the future; joined at 18 or older),
 * as message keys by field. The members service refuses the first; an import lists them all.
 */
export function memberProblems(m: MemberFacts, today: string): { field: keyof MemberFacts; code: string }[] {
  const problems: { field: keyof MemberFacts; code: string }[] = [];
  const idProblem = idNumberProblem(m.idNumber);
  if (idProblem) problems.push({ field: "idNumber", code: `idNumber.${idProblem}` });
  else {
    if (idNumberBirthDate(m.idNumber) !== m.birthDate)
      problems.push({ field: "idNumber", code: "idNumber.birthDateMismatch" });
    if (idNumberGender(m.idNumber) !== m.gender) problems.push({ field: "idNumber", code: "idNumber.genderMismatch" });
  }
  if (m.birthDate > today) problems.push({ field: "birthDate", code: "date.future" });
  if (m.joinDate > today) problems.push({ field: "joinDate", code: "date.future" });
  else if (m.joinDate < eighteenthBirthday(m.birthDate))
    problems.push({ field: "joinDate", code: "joinDate.tooYoung" });
  return problems;
}

/** A member's fields as an import compares and writes them (personal data in the clear, in memory only). */
export interface MemberImportFields {
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  education: string;
  joinDate: string;
  status: string;
  primaryOrgId: number;
  coOrgId: number | null;
}

/** A member already on the roster under an imported ID number. */
export interface ExistingMember {
  id: number;
  /** The importer may update this member (its primary organization is in their jurisdiction). */
  manageable: boolean;
  fields: Omit<MemberImportFields, "idNumber" | "birthDate"> & { birthYear: number };
}

const CHUNK = 2_000;
function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The ids among `ids` an ability allows the actor (its scope, reach and rule), in chunks; no error for the rest. */
export async function allowedIds<Row>(
  db: Kysely<DB>,
  actor: Actor,
  ability: Ability<Row>,
  ids: readonly number[],
  /** The resource's loader, or a lighter one returning what the ability's rule reads. */
  load: (where: ReturnType<typeof reachSql>, ids: readonly number[]) => Promise<Row[]> = (where, part) =>
    ability.resource.load(db, where, part),
): Promise<Set<number>> {
  const allowed = new Set<number>();
  if (ids.length === 0) return allowed;
  let scope: ReturnType<typeof scopeOf>;
  try {
    scope = scopeOf(actor, ability);
  } catch {
    return allowed;
  }
  const where = reachSql(scope, ability.reach);
  for (const part of chunks([...new Set(ids)], CHUNK)) {
    for (const row of await load(where, part)) {
      const verdict = ability.rule ? ability.rule(row, { scope, actor }) : true;
      if (verdict === true) allowed.add(ability.resource.id(row));
    }
  }
  return allowed;
}

export function memberImportDirectory(db: Kysely<DB>, cipher: PersonalDataCipher) {
  return {
    /**
     * The organizations named in a file (division codes or full names): what each name finds, and
     * whether the actor may add members to it (orgPolicy.addMembers) and see it (co-managing).
     */
    async resolveOrgs(actor: Actor, codes: readonly string[], names: readonly string[]) {
      const found = await orgDirectory(db).findByCodesOrNames(codes, names);
      const ids = found.map((o) => o.id);
      const load = orgDirectory(db).loadForRules;
      const [addable, readable] = await Promise.all([
        allowedIds(db, actor, orgPolicy.addMembers, ids, load),
        allowedIds(db, actor, orgPolicy.read, ids, load),
      ]);
      return found.map((o) => ({ ...o, addable: addable.has(o.id), readable: readable.has(o.id) }));
    },

    /**
     * The members stored under these ID numbers (under every blind index each may have), keyed
     * by the ID number as given, with their comparable fields (the phone decrypted in memory
     * only to compare) and whether the actor may update them (memberPolicy.update).
     */
    async findByIdNumbers(actor: Actor, idNumbers: readonly string[]): Promise<Map<string, ExistingMember>> {
      const byHash = new Map<string, string>();
      for (const idNumber of idNumbers) {
        for (const h of cipher.lookupIndexes(idNumber)) byHash.set(h.toString("hex"), idNumber);
      }
      const result = new Map<string, ExistingMember>();
      const hashes = [...byHash.keys()].map((h) => Buffer.from(h, "hex"));
      const rows: Awaited<ReturnType<ReturnType<typeof membersRepository>["findForImport"]>> = [];
      for (const part of chunks(hashes, CHUNK)) rows.push(...(await membersRepository(db).findForImport(part)));
      const manageable = await allowedIds(
        db,
        actor,
        memberPolicy.update,
        rows.map((r) => r.id),
      );
      for (const r of rows) {
        const idNumber = byHash.get(Buffer.from(r.id_number_hash).toString("hex"));
        if (idNumber === undefined) continue;
        result.set(idNumber, {
          id: r.id,
          manageable: manageable.has(r.id),
          fields: {
            name: r.name,
            gender: r.gender,
            ethnicity: r.ethnicity,
            birthYear: r.birth_year,
            phone: r.phone_enc === null ? null : cipher.decrypt(r.phone_enc),
            education: r.education,
            joinDate: r.join_date,
            status: r.status,
            primaryOrgId: r.primary_org_id,
            coOrgId: r.co_org_id,
          },
        });
      }
      return result;
    },

    /** Call first in the transaction that writes (the organizations' paths are copied into members). */
    lockForWrite: () => orgDirectory(db).lockForAttach(),

    /**
     * Adds and updates members in batches inside the caller's transaction (`db` is that
     * transaction): encrypted and indexed exactly as the members service does. `beforeBatch` hears of
     * each batch (progress; tests fail one on purpose).
     */
    async write(
      inserts: readonly MemberImportFields[],
      updates: readonly { id: number; fields: MemberImportFields }[],
      batchSize: number,
      beforeBatch: (done: number, total: number) => Promise<void>,
    ): Promise<void> {
      const repo = membersRepository(db);
      const total = inserts.length + updates.length;
      let done = 0;
      for (const part of chunks(inserts, batchSize)) {
        await beforeBatch(done, total);
        await repo.insertMany(part.map((m) => memberWrite(cipher, m)));
        done += part.length;
      }
      for (const part of chunks(updates, batchSize)) {
        await beforeBatch(done, total);
        for (const u of part) await repo.update(u.id, memberWrite(cipher, u.fields));
        done += part.length;
      }
    },
  };
}

/**
 * A member's ID number and phone as every writer stores them (the members service, imports, the
 * demo): encrypted, the ID number blind-indexed for exact search and uniqueness, both masked for screens.
 */
export function personalDataColumns(cipher: PersonalDataCipher, idNumber: string, phone: string | null) {
  return {
    id_number_enc: cipher.encrypt(idNumber),
    id_number_hash: cipher.blindIndex(idNumber),
    id_number_masked: maskIdNumber(idNumber),
    phone_enc: phone === null ? null : cipher.encrypt(phone),
    phone_masked: phone === null ? null : maskPhone(phone),
  };
}

/** A member's row as the members service writes it: personal data encrypted, blind-indexed and masked. */
export function memberWrite(cipher: PersonalDataCipher, m: MemberImportFields): MemberWrite {
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birth_year: Number(m.birthDate.slice(0, 4)),
    ...personalDataColumns(cipher, m.idNumber, m.phone),
    education: m.education,
    join_date: m.joinDate,
    status: m.status,
    primary_org_id: m.primaryOrgId,
    co_org_id: m.coOrgId,
  };
}
export type MemberImportDirectory = ReturnType<typeof memberImportDirectory>;
