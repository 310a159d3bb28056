/**
 * Mutual help (issue 8): needs, resources, two-way claims, help projects with their parties,
 * activities and contributions. Organizations are named by id and reached with the kernel's
 * `party` / `partyThrough` relations, so a move of the tree rewrites nothing here, with one
 * exception: a need or resource published to its county or city (`visibility = 'region'`) carries
 * that jurisdiction's path for the `published` reach. It is a registered copy
 * (`register_org_path_copy`) of the organization the service names in `published_org_id`, so the
 * trigger fills it and moves rewrite it like every other copy; code never writes it.
 */
export const needsResourcesProjects = `
  CREATE TABLE needs (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id int NOT NULL REFERENCES organizations(id),
    category text NOT NULL CHECK (category IN ('diagnosis', 'funds', 'development', 'leadership', 'venue',
      'institutions', 'economy', 'livelihood', 'poverty_relief', 'training', 'other')),
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
    description text NOT NULL CHECK (char_length(description) <= 5000),
    expected_outcome text,
    budget_fen bigint CHECK (budget_fen >= 0),
    deadline date,
    urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'high', 'urgent')),
    visibility text NOT NULL CHECK (visibility IN ('superiors', 'partners', 'region')),
    -- The county or city organization above org_id, when published to the region (see the CHECK).
    published_org_id int REFERENCES organizations(id),
    published_path text,
    status text NOT NULL CHECK (status IN ('draft', 'open', 'claimed', 'in_progress', 'delivered', 'confirmed',
      'closed', 'withdrawn', 'expired')),
    rating smallint CHECK (rating BETWEEN 1 AND 5),
    rating_comment text,
    -- Words of the title, description and expected outcome (platform/text-search.ts), written with them.
    search tsvector NOT NULL DEFAULT ''::tsvector,
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Published while it is asking for or receiving help: not as a draft, nor once withdrawn or expired.
    CHECK ((published_org_id IS NOT NULL) = (visibility = 'region' AND status NOT IN ('draft', 'withdrawn', 'expired'))),
    CHECK ((published_path IS NOT NULL) = (published_org_id IS NOT NULL)),
    -- A rating is the recipient's confirmation: only a confirmed (or later closed) need has one, and it must.
    CHECK ((rating IS NOT NULL) = (status IN ('confirmed', 'closed'))),
    CHECK (rating_comment IS NULL OR rating IS NOT NULL)
  );
  SELECT register_org_path_copy('needs', 'published_path', 'published_org_id');
  CREATE INDEX needs_org_idx ON needs (org_id, created_at DESC);
  CREATE INDEX needs_published_idx ON needs (published_path text_pattern_ops) WHERE published_path IS NOT NULL;
  CREATE INDEX needs_status_idx ON needs (status, created_at DESC, id DESC);
  CREATE INDEX needs_search_idx ON needs USING gin (search);

  CREATE TABLE resources (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id int NOT NULL REFERENCES organizations(id),
    category text NOT NULL CHECK (category IN ('venue', 'practice_base', 'produce', 'culture', 'training',
      'expertise', 'funds', 'volunteers', 'equipment', 'other')),
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
    description text NOT NULL CHECK (char_length(description) <= 5000),
    capacity text,
    available_from date,
    available_to date,
    conditions text,
    visibility text NOT NULL CHECK (visibility IN ('superiors', 'partners', 'region')),
    published_org_id int REFERENCES organizations(id),
    published_path text,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    search tsvector NOT NULL DEFAULT ''::tsvector,
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (available_to IS NULL OR available_from IS NULL OR available_to >= available_from),
    CHECK ((published_org_id IS NOT NULL) = (visibility = 'region')),
    CHECK ((published_path IS NOT NULL) = (published_org_id IS NOT NULL))
  );
  SELECT register_org_path_copy('resources', 'published_path', 'published_org_id');
  CREATE INDEX resources_org_idx ON resources (org_id, created_at DESC);
  CREATE INDEX resources_search_idx ON resources USING gin (search);
  CREATE INDEX resources_published_idx ON resources (published_path text_pattern_ops) WHERE published_path IS NOT NULL;

  CREATE TABLE projects (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL,
    need_id int REFERENCES needs(id),
    resource_id int REFERENCES resources(id),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled')),
    goals text,
    -- An RFC 5545 RRULE (FREQ=MONTHLY;INTERVAL=3): the rhythm of joint activities.
    plan_rrule text,
    -- The plan's period in days (from the RRULE, written with it): the rhythm lapses after it.
    plan_period_days int CHECK (plan_period_days > 0),
    started_on date NOT NULL,
    search tsvector NOT NULL DEFAULT ''::tsvector,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((plan_period_days IS NULL) = (plan_rrule IS NULL))
  );
  -- A need has one project; its helpers join it as they are accepted.
  CREATE UNIQUE INDEX projects_need_idx ON projects (need_id) WHERE need_id IS NOT NULL;
  CREATE INDEX projects_search_idx ON projects USING gin (search);

  CREATE TABLE project_parties (
    project_id int NOT NULL REFERENCES projects(id),
    org_id int NOT NULL REFERENCES organizations(id),
    side text NOT NULL CHECK (side IN ('helper', 'recipient')),
    PRIMARY KEY (project_id, org_id)
  );
  CREATE INDEX project_parties_org_idx ON project_parties (org_id);

  CREATE TABLE claims (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    need_id int REFERENCES needs(id),
    resource_id int REFERENCES resources(id),
    direction text NOT NULL CHECK (direction IN ('offer', 'request', 'assign')),
    helper_org_id int NOT NULL REFERENCES organizations(id),
    recipient_org_id int NOT NULL REFERENCES organizations(id),
    message text,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    decline_reason text,
    decided_by int REFERENCES users(id),
    decided_at timestamptz,
    project_id int REFERENCES projects(id),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((need_id IS NULL) <> (resource_id IS NULL)),
    CHECK (helper_org_id <> recipient_org_id),
    CHECK ((direction = 'request') = (resource_id IS NOT NULL)),
    CHECK ((status = 'accepted') = (project_id IS NOT NULL)),
    CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
  );
  -- One pending claim per need and helper, per resource and recipient.
  CREATE UNIQUE INDEX claims_pending_need_idx ON claims (need_id, helper_org_id) WHERE status = 'pending' AND need_id IS NOT NULL;
  CREATE UNIQUE INDEX claims_pending_resource_idx ON claims (resource_id, recipient_org_id)
    WHERE status = 'pending' AND resource_id IS NOT NULL;
  CREATE INDEX claims_need_idx ON claims (need_id, helper_org_id) WHERE need_id IS NOT NULL;
  CREATE INDEX claims_resource_idx ON claims (resource_id) WHERE resource_id IS NOT NULL;
  CREATE INDEX claims_helper_idx ON claims (helper_org_id);
  CREATE INDEX claims_recipient_idx ON claims (recipient_org_id);

  CREATE TABLE project_activities (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id int NOT NULL REFERENCES projects(id),
    occurred_on date NOT NULL,
    type text NOT NULL CHECK (type IN ('theme_day', 'training', 'visit', 'investment', 'purchase',
      'volunteer_service', 'other')),
    description text NOT NULL,
    participants int CHECK (participants >= 0),
    hours numeric(10, 2) CHECK (hours >= 0),
    recorded_by_org_id int NOT NULL REFERENCES organizations(id),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX project_activities_project_idx ON project_activities (project_id, occurred_on DESC);

  CREATE TABLE contributions (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id int NOT NULL REFERENCES projects(id),
    giver_org_id int NOT NULL REFERENCES organizations(id),
    receiver_org_id int NOT NULL REFERENCES organizations(id),
    kind text NOT NULL CHECK (kind IN ('money', 'goods', 'volunteer_hours', 'cadre_days')),
    amount_fen bigint CHECK (amount_fen >= 0),
    value_fen bigint CHECK (value_fen >= 0),
    hours numeric(10, 2) CHECK (hours >= 0),
    description text,
    status text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'confirmed')),
    confirmed_by int REFERENCES users(id),
    confirmed_at timestamptz,
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (giver_org_id <> receiver_org_id),
    CHECK ((kind = 'money') = (amount_fen IS NOT NULL)),
    CHECK ((kind = 'goods') = (value_fen IS NOT NULL)),
    CHECK ((kind IN ('volunteer_hours', 'cadre_days')) = (hours IS NOT NULL)),
    CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
  );
  CREATE INDEX contributions_project_idx ON contributions (project_id, created_at);
  CREATE INDEX contributions_giver_idx ON contributions (giver_org_id);
  CREATE INDEX contributions_receiver_idx ON contributions (receiver_org_id);
`;
