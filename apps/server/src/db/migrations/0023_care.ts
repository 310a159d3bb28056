/**
 * Care (issue 11, points 4 and 5): members in difficulty (生活困难党员) and volunteer teams
 * (党员志愿服务队) with the service requests they claim and complete.
 *
 * - `hardship_cases`: one member's difficulty, kept by the organization that was the member's
 *   primary organization when it was opened (`org_id`). The details are sensitive personal
 *   information: `details_enc` holds them encrypted with the personal-data cipher (ENCRYPTED_COLUMNS),
 *   never in the clear, and so does every entry's note (`hardship_entries.note_enc`).
 * - `volunteer_teams` under organizations, their members with skills.
 * - `service_requests` from an organization (a village, a branch), optionally for one member; they
 *   are published to the requesting organization's county (or city, else the root), whose members'
 *   roles see them to claim them (`region_path`, a registered copy). A claimed request names its team
 *   and the team's organization (`team_org_id`); completing it writes the hours ledger
 *   (`volunteer_hours`, in half hours), one row per volunteer.
 */
const careTables = `
  CREATE TABLE hardship_cases (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id int NOT NULL REFERENCES members(id),
    org_id int NOT NULL REFERENCES organizations(id),
    category text NOT NULL CHECK (category IN ('illness', 'disability', 'elderly_alone', 'disaster',
      'low_income', 'unemployment', 'other')),
    details_enc bytea NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
  );
  CREATE INDEX hardship_cases_org_idx ON hardship_cases (org_id, status);
  CREATE INDEX hardship_cases_member_idx ON hardship_cases (member_id);

  CREATE TABLE hardship_entries (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id int NOT NULL REFERENCES hardship_cases(id),
    kind text NOT NULL CHECK (kind IN ('visit', 'help', 'follow_up')),
    occurred_on date NOT NULL,
    note_enc bytea NOT NULL,
    given_by text CHECK (length(given_by) BETWEEN 1 AND 100),
    value_fen bigint CHECK (value_fen >= 0),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'help' OR (given_by IS NULL AND value_fen IS NULL))
  );
  CREATE INDEX hardship_entries_case_idx ON hardship_entries (case_id);

  CREATE TABLE volunteer_teams (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id int NOT NULL REFERENCES organizations(id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description text CHECK (length(description) <= 1000),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
  );

  CREATE TABLE volunteer_team_members (
    team_id int NOT NULL REFERENCES volunteer_teams(id),
    member_id int NOT NULL REFERENCES members(id),
    skills text CHECK (length(skills) <= 200),
    PRIMARY KEY (team_id, member_id)
  );
  CREATE INDEX volunteer_team_members_member_idx ON volunteer_team_members (member_id);

  CREATE TABLE service_requests (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id int NOT NULL REFERENCES organizations(id),
    member_id int REFERENCES members(id),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'claimed', 'completed', 'cancelled')),
    region_org_id int NOT NULL REFERENCES organizations(id),
    region_path text,
    team_id int REFERENCES volunteer_teams(id),
    team_org_id int REFERENCES organizations(id),
    claimed_at timestamptz,
    completed_at timestamptz,
    served_on date,
    rating int CHECK (rating BETWEEN 1 AND 5),
    comment text CHECK (length(comment) <= 500),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status IN ('claimed', 'completed')) = (team_id IS NOT NULL)),
    CHECK ((team_id IS NULL) = (team_org_id IS NULL)),
    CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
    CHECK (rating IS NULL OR status = 'completed')
  );
  SELECT register_org_path_copy('service_requests', 'region_path', 'region_org_id');
  CREATE INDEX service_requests_region_idx ON service_requests (status, region_path text_pattern_ops);
  CREATE INDEX service_requests_org_idx ON service_requests (org_id);
  CREATE INDEX service_requests_member_idx ON service_requests (member_id);

  CREATE TABLE volunteer_hours (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id int NOT NULL REFERENCES service_requests(id),
    team_id int NOT NULL REFERENCES volunteer_teams(id),
    member_id int NOT NULL REFERENCES members(id),
    served_on date NOT NULL,
    half_hours int NOT NULL CHECK (half_hours BETWEEN 1 AND 48),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (request_id, member_id)
  );
  CREATE INDEX volunteer_hours_member_idx ON volunteer_hours (member_id);
`;

/**
 * Secondments (城乡干部双向交流, issue 11 point 6): a member sent from their organization (home) to a
 * host organization for a period with a plan; log entries by either side; one evaluation per side.
 * Shipped in the same migration number as care (0023, reserved for issue 11's second half).
 */
const secondmentTables = `
  CREATE TABLE secondments (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id int NOT NULL REFERENCES members(id),
    home_org_id int NOT NULL REFERENCES organizations(id),
    host_org_id int NOT NULL REFERENCES organizations(id),
    kind text NOT NULL CHECK (kind IN ('shadow_learning', 'village_stationed', 'first_secretary')),
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    plan text NOT NULL CHECK (length(plan) BETWEEN 1 AND 2000),
    home_rating int CHECK (home_rating BETWEEN 1 AND 5),
    home_comment text CHECK (length(home_comment) <= 1000),
    home_by int REFERENCES users(id),
    home_at timestamptz,
    host_rating int CHECK (host_rating BETWEEN 1 AND 5),
    host_comment text CHECK (length(host_comment) <= 1000),
    host_by int REFERENCES users(id),
    host_at timestamptz,
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on >= starts_on),
    CHECK (home_org_id <> host_org_id),
    CHECK ((home_rating IS NULL) = (home_at IS NULL)),
    CHECK ((host_rating IS NULL) = (host_at IS NULL))
  );
  CREATE INDEX secondments_home_idx ON secondments (home_org_id);
  CREATE INDEX secondments_host_idx ON secondments (host_org_id);
  CREATE INDEX secondments_member_idx ON secondments (member_id);

  CREATE TABLE secondment_logs (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    secondment_id int NOT NULL REFERENCES secondments(id),
    logged_on date NOT NULL,
    content text NOT NULL CHECK (length(content) BETWEEN 1 AND 1000),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX secondment_logs_idx ON secondment_logs (secondment_id);
`;

export const care = careTables + secondmentTables;
