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
  /** 软弱涣散 (weak) and 经济薄弱 (poor), the default recipients of a pairing round (migration 0013). */
  flags: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A registered copy of an organization's path: selectable, never inserted or updated by code. */
type OrgPathCopy<T> = ColumnType<T, never, never>;

/** The one list of copied organization paths (migration 0008); read by moves, filled by triggers. */
export interface OrgPathCopiesTable {
  table_name: string;
  path_column: string;
  org_id_column: string;
}

export interface MemberTable {
  id: Generated<number>;
  name: string;
  gender: string;
  ethnicity: string;
  /** Only the year is kept in the clear; the full birth date is the one inside the encrypted ID number. */
  birth_year: number;
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
  /**
   * Copies of the organizations' paths, so a subtree filter needs no join. Registered copies
   * (migration 0008, platform/org-path-copies.ts): a trigger fills them and moves rewrite them,
   * so code reads them and never writes them.
   */
  primary_org_path: OrgPathCopy<string>;
  co_org_path: OrgPathCopy<string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set when the member was transferred out of the platform (0022): off the active roster, the record kept. */
  transferred_out_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  member_id: number | null;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  /** Set when an administrator chose the password: its owner must choose a new one before anything else. */
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  password_changed_at: Timestamp;
  /** TOTP secret, encrypted with the personal-data cipher. */
  totp_secret_enc: Uint8Array | null;
  /** When two-factor sign-in was confirmed; NULL while not (yet) enrolled. */
  totp_enabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The last accepted 30-second step, so that a code cannot be replayed. */
  totp_last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>;
}

export interface RecoveryCodeTable {
  user_id: number;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export interface SecurityAlertTable {
  id: Generated<number>;
  at: Timestamp;
  kind: string;
  user_id: number | null;
  /** Ids and counts only. */
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
  acknowledged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  acknowledged_by: number | null;
}

export interface PasswordResetRequestTable {
  id: Generated<number>;
  user_id: number;
  requested_by: number;
  password_hash: string | null;
  reset_second_factor: boolean;
  status: ColumnType<string, string | undefined, string>;
  decided_by: number | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  /** Password accepted, TOTP code not yet: only the second-factor step and sign-out are open. */
  second_factor_pending: ColumnType<boolean, boolean | undefined, boolean>;
  second_factor_failures: ColumnType<number, number | undefined, number>;
}

export interface LoginThrottleTable {
  /** "pair" (account and address), "address" or "account". */
  kind: string;
  key: string;
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
  /** HMAC chained to the previous record (platform/audit-chain.ts); null only before the chain (0005). */
  mac: ColumnType<Uint8Array | null, Uint8Array, never>;
}

/** The last link of the audit chain: one row, locked by every writer of the audit log. */
export interface AuditChainHeadTable {
  one: ColumnType<boolean, never, never>;
  legacy_until: ColumnType<string, never, never>;
  last_id: ColumnType<string | null, never, string>;
  last_mac: ColumnType<Uint8Array | null, never, Uint8Array>;
  head_mac: ColumnType<Uint8Array | null, never, Uint8Array>;
}

/** Progress of `huzhu keys rotate` (platform/key-rotation.ts): one row per target key and table. */
export interface KeyRotationTable {
  /** Header of the values the rotation writes: layout version and key id (platform/crypto.ts). */
  target: Uint8Array;
  table_name: string;
  /** The last id re-encrypted in a committed batch (bigint: read it as text). */
  last_id: ColumnType<string, number | string | undefined, number | string>;
  values_rotated: ColumnType<string, number | string | undefined, number | string>;
  started_at: Timestamp;
  updated_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Per-user attempts that a limit counts across restarts and processes (platform/rate-limit.ts). */
export interface RateEventTable {
  id: Generated<string>;
  user_id: number;
  kind: string;
  at: Timestamp;
}

type Json = ColumnType<Record<string, unknown>, string | undefined, string>;
type MaybeTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface JobTable {
  id: Generated<string>;
  kind: string;
  owner_id: number;
  heavy: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<string, string | undefined, string>;
  progress: ColumnType<number, number | undefined, number>;
  message: string | null;
  message_params: Json;
  params: Json;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  locale: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  started_at: MaybeTimestamp;
  heartbeat_at: MaybeTimestamp;
  finished_at: MaybeTimestamp;
}

export interface JobFileTable {
  job_id: string;
  file_name: string;
  content_type: string;
  content: Uint8Array;
  created_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  params: Json;
  link: string | null;
  read_at: MaybeTimestamp;
  created_at: Timestamp;
}

export interface AttachmentTable {
  id: Generated<string>;
  uploader_id: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  target_type: string | null;
  target_id: string | null;
  created_at: Timestamp;
  linked_at: MaybeTimestamp;
}

/** A joint branch (联建) formed from a pairing (migration 0021); the organization is in organizations. */
export interface JointBranchTable {
  org_id: number;
  pairing_id: number;
  kind: string;
  created_by: number;
  created_at: Timestamp;
}

/** Membership transfers (组织关系转接, 0022): at most one pending per member (partial unique index). */
export interface MembershipTransferTable {
  id: Generated<number>;
  member_id: number;
  from_org_id: number;
  to_org_id: number | null;
  to_outside: string | null;
  reason: string;
  letter_no: Generated<string>;
  status: Generated<string>;
  reject_reason: string | null;
  requested_by: number;
  created_at: Timestamp;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MembershipTransferStepTable {
  id: Generated<number>;
  transfer_id: number;
  action: string;
  actor_id: number;
  note: string | null;
  at: Timestamp;
}

/** Mobile members (流动党员, 0022): at most one open registration per member. */
export interface MobileMemberTable {
  id: Generated<number>;
  member_id: number;
  origin_org_id: number;
  dest_org_id: number | null;
  dest_place: string | null;
  reason: string;
  contact_enc: Uint8Array;
  contact_masked: string;
  left_on: string;
  expected_return: string | null;
  last_contact_on: string;
  status: Generated<string>;
  received_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: number;
  created_at: Timestamp;
}

/** In-service members registered with their residential community (双报到, 0022). */
export interface CommunityRegistrationTable {
  id: Generated<number>;
  member_id: number;
  origin_org_id: number;
  community_org_id: number;
  registered_on: string;
  status: Generated<string>;
  created_by: number;
  created_at: Timestamp;
}

export interface ServicePostTable {
  id: Generated<number>;
  org_id: number;
  title: string;
  description: string | null;
  status: Generated<string>;
  created_by: number;
  created_at: Timestamp;
}

export interface ServicePostTakingTable {
  registration_id: number;
  post_id: number;
  taken_on: string;
}

export interface ServiceHoursTable {
  id: Generated<number>;
  registration_id: number;
  post_id: number;
  served_on: string;
  hours: ColumnType<string, number | string, number | string>;
  created_by: number;
  created_at: Timestamp;
}

export interface MobileMemberActivityTable {
  id: Generated<number>;
  mobile_member_id: number;
  org_id: number;
  occurred_on: string;
  description: string;
  created_by: number;
  created_at: Timestamp;
}

export interface PairingTable {
  id: Generated<number>;
  /** Organization–organization pairings name the organizations; member–member ones the members (0013). */
  helper_org_id: number | null;
  recipient_org_id: number | null;
  helper_member_id: ColumnType<number | null, number | null | undefined, number | null>;
  recipient_member_id: ColumnType<number | null, number | null | undefined, number | null>;
  form: string;
  status: Generated<string>;
  starts_on: string | null;
  ends_on: string | null;
  goals: ColumnType<string | null, string | null | undefined, string | null>;
  /** "round" (with round_id) or "manual". */
  origin: Generated<string>;
  round_id: ColumnType<number | null, number | null | undefined, number | null>;
  end_reason: ColumnType<string | null, string | null | undefined, string | null>;
  ended_at: MaybeTimestamp;
  /** pairing, contact_point (领导联点: a leader's member record → a village), unit_village (单位包村) (0015). */
  kind: Generated<string>;
  /** A demonstration site (示范点) (0015). */
  demonstration: Generated<boolean>;
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A pairing's history over the years (0013). */
export interface PairingEventTable {
  id: Generated<number>;
  pairing_id: number;
  event: string;
  status: string;
  reason: string | null;
  round_id: number | null;
  actor_id: number | null;
  at: Generated<Date>;
}

/** A visit to a contact point or a pairing's village (0015). */
export interface PairingVisitTable {
  id: Generated<number>;
  pairing_id: number;
  visited_on: string;
  notes: string;
  created_by: number;
  created_at: Generated<Date>;
}

/** The agreement PDF made when a pairing is published or created (0013). */
export interface PairingAgreementTable {
  pairing_id: number;
  file_name: string;
  content: Uint8Array;
  created_at: Generated<Date>;
}

type JsonValue = ColumnType<unknown, string, string>;
type MaybeJson = ColumnType<unknown, string | null | undefined, string | null>;

/** A coordinator's pairing round (0013): parameters, what-if edits and the last run's problem and result. */
export interface PairingRoundTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  status: Generated<string>;
  parameters: JsonValue;
  locks: ColumnType<unknown, string | undefined, string>;
  forbids: ColumnType<unknown, string | undefined, string>;
  problem: MaybeJson;
  result: MaybeJson;
  details: MaybeJson;
  solve_ms: number | null;
  incremental: ColumnType<boolean, boolean | undefined, boolean>;
  last_job_id: string | null;
  solved_at: MaybeTimestamp;
  published_at: MaybeTimestamp;
  published_by: number | null;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** bigint columns (money in fen): pg answers text, PGlite a bigint or number; read with Number(). */
type Fen = ColumnType<string | number | bigint | null, number | null | undefined, number | null>;
/** numeric columns (hours): answered as text by both drivers. */
type Numeric = ColumnType<string | number | null, number | null | undefined, number | null>;
type Day = ColumnType<string, string, string>;
/** A tsvector column: written with searchVector(...) (an expression), read rarely. */
type SearchVector = ColumnType<string, string | undefined, string>;

export interface NeedTable {
  id: Generated<number>;
  org_id: number;
  category: string;
  title: string;
  description: string;
  expected_outcome: string | null;
  budget_fen: Fen;
  deadline: string | null;
  urgency: Generated<string>;
  visibility: string;
  /** The county or city organization it is published to (region visibility, not a draft); the service sets it. */
  published_org_id: number | null;
  /** Registered copy of published_org_id's path (migration 0010): a trigger fills it. */
  published_path: OrgPathCopy<string | null>;
  /** Registered copy of org_id's path (migration 0011), for the owner side's subtree reach. */
  org_path: OrgPathCopy<string>;
  status: string;
  rating: number | null;
  rating_comment: string | null;
  /** Words of the texts (platform/text-search.ts searchVector), written with them. */
  search: SearchVector;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ResourceTable {
  id: Generated<number>;
  org_id: number;
  category: string;
  title: string;
  description: string;
  capacity: string | null;
  available_from: string | null;
  available_to: string | null;
  conditions: string | null;
  visibility: string;
  published_org_id: number | null;
  published_path: OrgPathCopy<string | null>;
  /** Registered copy of org_id's path (migration 0011). */
  org_path: OrgPathCopy<string>;
  status: Generated<string>;
  search: SearchVector;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ClaimTable {
  id: Generated<number>;
  need_id: number | null;
  resource_id: number | null;
  direction: string;
  helper_org_id: number;
  recipient_org_id: number;
  message: string | null;
  status: Generated<string>;
  decline_reason: string | null;
  decided_by: number | null;
  decided_at: MaybeTimestamp;
  project_id: number | null;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectTable {
  id: Generated<number>;
  title: string;
  need_id: number | null;
  resource_id: number | null;
  status: Generated<string>;
  goals: string | null;
  plan_rrule: string | null;
  plan_period_days: number | null;
  started_on: Day;
  /** When it ended (status not active) and, when a party ended it early, why (migration 0012). */
  ended_at: MaybeTimestamp;
  end_reason: string | null;
  search: SearchVector;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectPartyTable {
  project_id: number;
  org_id: number;
  side: string;
}

export interface ProjectActivityTable {
  id: Generated<number>;
  project_id: number;
  occurred_on: Day;
  type: string;
  description: string;
  participants: number | null;
  hours: Numeric;
  recorded_by_org_id: number;
  created_by: number;
  created_at: Timestamp;
}

export interface ContributionTable {
  id: Generated<number>;
  project_id: number;
  giver_org_id: number;
  receiver_org_id: number;
  kind: string;
  amount_fen: Fen;
  value_fen: Fen;
  hours: Numeric;
  description: string | null;
  status: Generated<string>;
  confirmed_by: number | null;
  confirmed_at: MaybeTimestamp;
  created_by: number;
  created_at: Timestamp;
}

/** Shared venues and facilities (migration 0014). */
export interface VenueTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  name: string;
  description: string | null;
  address: string | null;
  capacity: number | null;
  open_to: string;
  /** The county or city organization it is open to (open_to = 'region', active); the service sets it. */
  published_org_id: number | null;
  /** Registered copy of published_org_id's path: a trigger fills it. */
  published_path: OrgPathCopy<string | null>;
  /** Registered copy of org_id's path: the owner's jurisdiction reaches it. */
  org_path: OrgPathCopy<string>;
  /** [{ weekday, from, to }] (China time), written as JSON text. */
  opening_hours: ColumnType<unknown, string | undefined, string>;
  blackout_dates: ColumnType<string[], string[] | undefined, string[]>;
  requires_approval: boolean;
  status: Generated<string>;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A venue's booking; an exclusion constraint keeps slot-holding bookings of one venue apart (migration 0014). */
export interface BookingTable {
  id: Generated<number>;
  venue_id: number;
  org_id: number;
  /** The booking organization's path, a registered copy (migration 0020). */
  org_path: OrgPathCopy<string>;
  /** The venue's owner (equal to venues.org_id by a foreign key) and its path (migration 0020). */
  owner_org_id: number;
  owner_path: OrgPathCopy<string>;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  purpose: string;
  attendees: number | null;
  status: string;
  reason: string | null;
  decided_at: MaybeTimestamp;
  decided_by: number | null;
  checked_in_at: MaybeTimestamp;
  /** When its reminder went out (migration 0016); null while one is due. */
  reminded_at: MaybeTimestamp;
  checked_in_by: number | null;
  check_in_token: string;
  created_by: number;
  created_at: Timestamp;
}

/** Remote-education courses and experience write-ups (migration 0014). */
export interface CourseTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  title: string;
  summary: string | null;
  body: string | null;
  url: string | null;
  minutes: number;
  open_to: string;
  published_org_id: number | null;
  published_path: OrgPathCopy<string | null>;
  org_path: OrgPathCopy<string>;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CourseAssignmentTable {
  id: Generated<number>;
  course_id: number;
  org_id: number | null;
  member_id: number | null;
  due_on: string | null;
  assigned_by: number;
  created_at: Timestamp;
}

export interface CourseProgressTable {
  course_id: number;
  member_id: number;
  minutes_studied: Generated<number>;
  completed_at: MaybeTimestamp;
  updated_at: Timestamp;
}

/** One row per committed transaction that wrote a counted list (migration 0025, db/count.ts). */
export interface ListChangeTable {
  list: string;
  xid: string;
  weight: Generated<string>;
}

export interface DB {
  organizations: OrganizationTable;
  members: MemberTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  recovery_codes: RecoveryCodeTable;
  password_reset_requests: PasswordResetRequestTable;
  security_alerts: SecurityAlertTable;
  jobs: JobTable;
  job_files: JobFileTable;
  notifications: NotificationTable;
  attachments: AttachmentTable;
  rate_events: RateEventTable;
  audit_log: AuditLogTable;
  key_rotation: KeyRotationTable;
  audit_chain_head: AuditChainHeadTable;
  org_path_copies: OrgPathCopiesTable;
  list_changes: ListChangeTable;
  pairings: PairingTable;
  joint_branches: JointBranchTable;
  membership_transfers: MembershipTransferTable;
  membership_transfer_steps: MembershipTransferStepTable;
  mobile_members: MobileMemberTable;
  mobile_member_activities: MobileMemberActivityTable;
  community_registrations: CommunityRegistrationTable;
  service_posts: ServicePostTable;
  service_post_takings: ServicePostTakingTable;
  service_hours: ServiceHoursTable;
  pairing_events: PairingEventTable;
  pairing_visits: PairingVisitTable;
  pairing_agreements: PairingAgreementTable;
  pairing_rounds: PairingRoundTable;
  needs: NeedTable;
  resources: ResourceTable;
  claims: ClaimTable;
  projects: ProjectTable;
  project_parties: ProjectPartyTable;
  project_activities: ProjectActivityTable;
  contributions: ContributionTable;
  venues: VenueTable;
  bookings: BookingTable;
  courses: CourseTable;
  course_assignments: CourseAssignmentTable;
  course_progress: CourseProgressTable;
  imports: ImportTable;
  import_rows: ImportRowTable;
  hardship_cases: HardshipCaseTable;
  hardship_entries: HardshipEntryTable;
  volunteer_teams: VolunteerTeamTable;
  volunteer_team_members: VolunteerTeamMemberTable;
  service_requests: ServiceRequestTable;
  volunteer_hours: VolunteerHoursTable;
  secondments: SecondmentTable;
  secondment_logs: SecondmentLogTable;
}

/** A secondment (migration 0023): home and host organizations, period, plan, one evaluation per side. */
export interface SecondmentTable {
  id: Generated<number>;
  member_id: number;
  home_org_id: number;
  host_org_id: number;
  kind: string;
  starts_on: string;
  ends_on: string;
  plan: string;
  home_rating: number | null;
  home_comment: string | null;
  home_by: number | null;
  home_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  host_rating: number | null;
  host_comment: string | null;
  host_by: number | null;
  host_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: number;
  created_at: Timestamp;
}

export interface SecondmentLogTable {
  id: Generated<number>;
  secondment_id: number;
  logged_on: string;
  content: string;
  created_by: number;
  created_at: Timestamp;
}

/** A member in difficulty (migration 0023); the details encrypted (ENCRYPTED_COLUMNS). */
export interface HardshipCaseTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  category: string;
  details_enc: Uint8Array;
  status: ColumnType<string, string | undefined, string>;
  created_by: number;
  created_at: Timestamp;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A visit, help given or a follow-up of a hardship case; the note encrypted. */
export interface HardshipEntryTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  occurred_on: ColumnType<string, string, string>;
  note_enc: Uint8Array;
  given_by: string | null;
  value_fen: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number;
  created_at: Timestamp;
}

export interface VolunteerTeamTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  description: string | null;
  created_by: number;
  created_at: Timestamp;
}

export interface VolunteerTeamMemberTable {
  team_id: number;
  member_id: number;
  skills: string | null;
}

/** A service request (migration 0023), published to its region (`region_path`, a registered copy). */
export interface ServiceRequestTable {
  id: Generated<number>;
  org_id: number;
  member_id: number | null;
  title: string;
  description: string;
  status: ColumnType<string, string | undefined, string>;
  region_org_id: number;
  region_path: OrgPathCopy<string>;
  team_id: number | null;
  team_org_id: number | null;
  claimed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  served_on: ColumnType<string | null, string | null | undefined, string | null>;
  rating: number | null;
  comment: string | null;
  created_by: number;
  created_at: Timestamp;
}

/** The hours ledger: one row per volunteer per completed request, in half hours. */
export interface VolunteerHoursTable {
  id: Generated<number>;
  request_id: number;
  team_id: number;
  member_id: number;
  served_on: string;
  half_hours: number;
  created_at: Timestamp;
}

/** An Excel import (migration 0019): the owner's, with the uploaded workbook encrypted. */
export interface ImportTable {
  id: Generated<number>;
  kind: string;
  owner_id: number;
  file_name: string;
  /** The workbook as base64, encrypted with the personal-data cipher (ENCRYPTED_COLUMNS). */
  file_enc: Uint8Array;
  status: ColumnType<string, string | undefined, string>;
  total: ColumnType<number, number | undefined, number>;
  new_count: ColumnType<number, number | undefined, number>;
  changed_count: ColumnType<number, number | undefined, number>;
  unchanged_count: ColumnType<number, number | undefined, number>;
  bad_count: ColumnType<number, number | undefined, number>;
  message: string | null;
  message_params: ColumnType<Record<string, string | number>, string | undefined, string>;
  job_id: string | null;
  created_at: Timestamp;
  committed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ImportRowTable {
  import_id: number;
  row_number: number;
  outcome: string;
  name: ColumnType<string, string | undefined, string>;
  id_number_masked: ColumnType<string, string | undefined, string>;
  org_name: ColumnType<string, string | undefined, string>;
  changes: ColumnType<string[], string[] | undefined, string[]>;
  errors: ColumnType<ImportRowProblem[], string | undefined, string>;
}

/** A problem of an imported row: the column's key, a message key and its parameters. */
export interface ImportRowProblem {
  column: string;
  code: string;
  params?: Record<string, string | number>;
}
