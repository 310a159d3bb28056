/**
 * Members in motion (issue 11): membership transfers (组织关系转接) with their steps, and mobile
 * members (流动党员) with the activities the destination records.
 *
 * What the database itself enforces:
 * - a member has one primary organization at every moment: `members.primary_org_id` is one NOT NULL
 *   column, and accepting a transfer updates it in the acceptance's transaction;
 * - a member has at most one open (pending) transfer: the partial unique index
 *   `membership_transfers_one_open`, which decides between simultaneous requests;
 * - a transfer names exactly one destination: an organization on the platform or a place outside;
 * - a member has at most one open mobile-member registration (`mobile_members_one_open`).
 * A member transferred out of the platform keeps their record, marked by `transferred_out_at`.
 */
export const membersInMotion = `
  ALTER TABLE members ADD COLUMN transferred_out_at timestamptz;

  CREATE SEQUENCE membership_transfer_letter_seq;
  CREATE TABLE membership_transfers (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id int NOT NULL REFERENCES members(id),
    from_org_id int NOT NULL REFERENCES organizations(id),
    to_org_id int REFERENCES organizations(id),
    to_outside text CHECK (length(to_outside) BETWEEN 1 AND 200),
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    letter_no text NOT NULL UNIQUE
      DEFAULT ('JS' || to_char(now(), 'YYYY') || lpad(nextval('membership_transfer_letter_seq')::text, 6, '0')),
    status text NOT NULL DEFAULT 'pending'
      CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled', 'transferred_out')),
    reject_reason text CHECK (length(reject_reason) <= 500),
    requested_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    decided_at timestamptz,
    CHECK ((to_org_id IS NULL) <> (to_outside IS NULL)),
    CHECK (to_org_id IS NULL OR to_org_id <> from_org_id),
    CHECK (status <> 'transferred_out' OR to_org_id IS NULL),
    CHECK ((status = 'pending') = (decided_at IS NULL))
  );
  CREATE UNIQUE INDEX membership_transfers_one_open ON membership_transfers (member_id) WHERE status = 'pending';
  CREATE INDEX membership_transfers_from_idx ON membership_transfers (from_org_id, status);
  CREATE INDEX membership_transfers_to_idx ON membership_transfers (to_org_id, status) WHERE to_org_id IS NOT NULL;

  CREATE TABLE membership_transfer_steps (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transfer_id int NOT NULL REFERENCES membership_transfers(id),
    action text NOT NULL CHECK (action IN ('request', 'accept', 'reject', 'cancel', 'transfer_out')),
    actor_id int NOT NULL REFERENCES users(id),
    note text CHECK (length(note) <= 500),
    at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX membership_transfer_steps_transfer_idx ON membership_transfer_steps (transfer_id, id);

  CREATE TABLE mobile_members (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id int NOT NULL REFERENCES members(id),
    origin_org_id int NOT NULL REFERENCES organizations(id),
    dest_org_id int REFERENCES organizations(id),
    dest_place text CHECK (length(dest_place) BETWEEN 1 AND 200),
    reason text NOT NULL CHECK (reason IN ('work', 'business', 'study', 'family', 'other')),
    -- How to reach the member while away (a phone, a WeChat name): personal data, encrypted at rest
    -- (ENCRYPTED_COLUMNS) and shown masked (maskContact).
    contact_enc bytea NOT NULL,
    contact_masked text NOT NULL CHECK (length(contact_masked) BETWEEN 1 AND 100),
    left_on date NOT NULL,
    expected_return date,
    last_contact_on date NOT NULL,
    status text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'received', 'closed')),
    received_at timestamptz,
    closed_at timestamptz,
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (dest_org_id IS NOT NULL OR dest_place IS NOT NULL),
    CHECK (dest_org_id IS NULL OR dest_org_id <> origin_org_id),
    CHECK (expected_return IS NULL OR expected_return >= left_on),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
  );
  CREATE UNIQUE INDEX mobile_members_one_open ON mobile_members (member_id) WHERE status <> 'closed';
  CREATE INDEX mobile_members_origin_idx ON mobile_members (origin_org_id, status);
  CREATE INDEX mobile_members_dest_idx ON mobile_members (dest_org_id, status) WHERE dest_org_id IS NOT NULL;

  CREATE TABLE mobile_member_activities (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mobile_member_id int NOT NULL REFERENCES mobile_members(id),
    org_id int NOT NULL REFERENCES organizations(id),
    occurred_on date NOT NULL,
    description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX mobile_member_activities_idx ON mobile_member_activities (mobile_member_id, occurred_on DESC, id DESC);
`;
