import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/**
 * The only SQL of joint branches (issue 9): which pairing a joint branch came from and its kind. The
 * organization itself is the organizations module's (orgDirectory), its members the members
 * module's (memberDirectory); the name of the organization and of its parent are joined for reading.
 */
export interface JointBranchRow {
  org_id: number;
  name: string;
  parent_id: number;
  parent_name: string;
  pairing_id: number;
  kind: string;
  created_at: Date;
}

export function jointBranchesRepository(db: Kysely<DB>) {
  return {
    async insert(values: { org_id: number; pairing_id: number; kind: string; created_by: number }) {
      await db.insertInto("joint_branches").values(values).execute();
    },

    findByPairing(pairingId: number): Promise<JointBranchRow | undefined> {
      return db
        .selectFrom("joint_branches as j")
        .innerJoin("organizations as o", "o.id", "j.org_id")
        .innerJoin("organizations as p", "p.id", "o.parent_id")
        .select([
          "j.org_id",
          "o.name",
          "p.id as parent_id",
          "p.name as parent_name",
          "j.pairing_id",
          "j.kind",
          "j.created_at",
        ])
        .where("j.pairing_id", "=", pairingId)
        .executeTakeFirst();
    },
  };
}
