/**
 * Pairing rounds and the pairings' life (issue 9; F10, F11, F13, F16).
 *
 * - `organizations.flags`: 软弱涣散 (`weak`) and 经济薄弱 (`poor`), the default recipients of a round.
 * - `pairing_rounds`: a coordinator's round over the jurisdiction of `org_id` (named by id, reached
 *   with the kernel's `party` relation). Its parameters are one JSON document (the contract's
 *   `roundParameters`, checked by zod before it is written); the last run keeps the problem it solved
 *   (`huzhu.pairing.v1`, with the what-if locks, forbids, capacities and demands since), the result and
 *   each candidate's factors, so the result, its explanations and the problem export answer without
 *   recomputing, and a what-if re-solves from them.
 * - `pairings` (0009) gains member–member pairings (党员结对: the member ids instead of the
 *   organizations'), goals, origin (a round or by hand), the end's reason and date; `pairing_events`
 *   is its history over the years, `pairing_agreements` the agreement PDF made when it is published.
 */
export const pairingRounds = `
  ALTER TABLE organizations ADD COLUMN flags text[] NOT NULL DEFAULT '{}'
    CHECK (flags <@ ARRAY['weak', 'poor']::text[]);
  -- A round's default recipients are found by their flags.
  CREATE INDEX organizations_flagged_idx ON organizations (id) WHERE flags <> '{}';

  CREATE TABLE pairing_rounds (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id int NOT NULL REFERENCES organizations(id),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'solved', 'published')),
    parameters jsonb NOT NULL,
    -- What-if edits: [{ "helperOrgId": 1, "recipientOrgId": 2 }, ...]
    locks jsonb NOT NULL DEFAULT '[]',
    forbids jsonb NOT NULL DEFAULT '[]',
    -- The last run: the problem it solved (with the edits since), its result, the organizations and factors.
    problem jsonb,
    result jsonb,
    details jsonb,
    solve_ms int,
    incremental boolean NOT NULL DEFAULT false,
    last_job_id uuid,
    solved_at timestamptz,
    published_at timestamptz,
    published_by int REFERENCES users(id),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'published') = (published_at IS NOT NULL)),
    CHECK (status = 'draft' OR (problem IS NOT NULL AND result IS NOT NULL AND details IS NOT NULL))
  );
  CREATE INDEX pairing_rounds_org_idx ON pairing_rounds (org_id, id);

  ALTER TABLE pairings ALTER COLUMN helper_org_id DROP NOT NULL;
  ALTER TABLE pairings ALTER COLUMN recipient_org_id DROP NOT NULL;
  ALTER TABLE pairings
    ADD COLUMN helper_member_id int REFERENCES members(id),
    ADD COLUMN recipient_member_id int REFERENCES members(id),
    ADD COLUMN goals text CHECK (char_length(goals) <= 2000),
    ADD COLUMN origin text NOT NULL DEFAULT 'manual' CHECK (origin IN ('round', 'manual')),
    ADD COLUMN round_id int REFERENCES pairing_rounds(id),
    ADD COLUMN end_reason text CHECK (char_length(end_reason) <= 500),
    ADD COLUMN ended_at timestamptz,
    ADD COLUMN created_by int REFERENCES users(id),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    -- Organization–organization or member–member, never a mix.
    ADD CONSTRAINT pairings_sides CHECK (
      (helper_org_id IS NOT NULL AND recipient_org_id IS NOT NULL
        AND helper_member_id IS NULL AND recipient_member_id IS NULL)
      OR (helper_org_id IS NULL AND recipient_org_id IS NULL
        AND helper_member_id IS NOT NULL AND recipient_member_id IS NOT NULL
        AND helper_member_id <> recipient_member_id)),
    ADD CONSTRAINT pairings_origin CHECK ((origin = 'round') = (round_id IS NOT NULL));
  CREATE INDEX pairings_round_idx ON pairings (round_id) WHERE round_id IS NOT NULL;
  CREATE INDEX pairings_helper_idx ON pairings (helper_org_id, id);
  CREATE INDEX pairings_recipient_idx ON pairings (recipient_org_id, id);
  CREATE INDEX pairings_helper_member_idx ON pairings (helper_member_id) WHERE helper_member_id IS NOT NULL;
  CREATE INDEX pairings_recipient_member_idx ON pairings (recipient_member_id) WHERE recipient_member_id IS NOT NULL;

  -- A pairing's history: created (proposed or active), activated, concluded, dissolved.
  CREATE TABLE pairing_events (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pairing_id int NOT NULL REFERENCES pairings(id),
    event text NOT NULL CHECK (event IN ('created', 'activated', 'concluded', 'dissolved')),
    status text NOT NULL CHECK (status IN ('proposed', 'active', 'concluded', 'dissolved')),
    reason text,
    round_id int REFERENCES pairing_rounds(id),
    actor_id int REFERENCES users(id),
    at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX pairing_events_pairing_idx ON pairing_events (pairing_id, id);

  -- The agreement (结对帮扶协议书) as made when the pairing was published or created: a PDF, fonts embedded.
  CREATE TABLE pairing_agreements (
    pairing_id int PRIMARY KEY REFERENCES pairings(id),
    file_name text NOT NULL,
    content bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
`;
