import type { ColumnType, Generated } from "kysely";

/** Kysely table types; they mirror migrations/ and nothing else may declare columns. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganizationTable {
  id: Generated<number>;
  parent_id: number | null;
  /** Materialized path of ids from the root, e.g. "/1/5/23/": a subtree is one index range scan. */
  path: string;
  depth: number;
  name: string;
  kind: string;
  category: string;
  area: string;
  division_code: string | null;
  division_name: string | null;
  secretary_name: string | null;
  units: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<string, string | undefined, string>;
  dissolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  dissolve_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberTable {
  id: Generated<number>;
  name: string;
  gender: string;
  ethnicity: string;
  birth_date: string;
  /** AES-256-GCM ciphertext (platform/crypto.ts); never the plain value. */
  id_number_enc: Uint8Array;
  /** Keyed HMAC of the ID number: exact search and uniqueness without decrypting. */
  id_number_hash: Uint8Array;
  id_number_masked: string;
  phone_enc: Uint8Array | null;
  phone_masked: string | null;
  education: string;
  join_date: string;
  status: string;
  primary_org_id: number;
  co_org_id: number | null;
  /** Copies of the organizations' paths, kept in step on move, so a subtree filter needs no join. */
  primary_org_path: string;
  co_org_path: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  member_id: number | null;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  org_id: number | null;
  created_at: Timestamp;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen table does not yield usable cookies. */
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface LoginThrottleTable {
  username: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  detail: ColumnType<Record<string, unknown>, string, never>;
}

export interface DB {
  organizations: OrganizationTable;
  members: MemberTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
}
