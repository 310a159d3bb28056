/**
 * In-service members registering with their residential community (在职党员到社区报到, 双报到,
 * issue 11), under migration number 0022 (members in motion): a registration, the service posts a
 * community publishes (服务岗位), the posts a registered member takes, and the hours served.
 *
 * What the database enforces: one active registration per member (partial unique index); a post is
 * taken once per registration; hours are positive, at most a day, and only for a post the
 * registration took (the foreign key to the taking).
 */
export const inServiceRegistrations = `
  CREATE TABLE community_registrations (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id int NOT NULL REFERENCES members(id),
    origin_org_id int NOT NULL REFERENCES organizations(id),
    community_org_id int NOT NULL REFERENCES organizations(id),
    registered_on date NOT NULL,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (community_org_id <> origin_org_id)
  );
  CREATE UNIQUE INDEX community_registrations_one_active ON community_registrations (member_id) WHERE status = 'active';
  CREATE INDEX community_registrations_community_idx ON community_registrations (community_org_id, status);

  CREATE TABLE service_posts (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id int NOT NULL REFERENCES organizations(id),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description text CHECK (length(description) <= 500),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX service_posts_org_idx ON service_posts (org_id, status);

  CREATE TABLE service_post_takings (
    registration_id int NOT NULL REFERENCES community_registrations(id),
    post_id int NOT NULL REFERENCES service_posts(id),
    taken_on date NOT NULL,
    PRIMARY KEY (registration_id, post_id)
  );

  CREATE TABLE service_hours (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id int NOT NULL,
    post_id int NOT NULL,
    served_on date NOT NULL,
    hours numeric(4, 1) NOT NULL CHECK (hours > 0 AND hours <= 24),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (registration_id, post_id) REFERENCES service_post_takings (registration_id, post_id)
  );
  CREATE INDEX service_hours_registration_idx ON service_hours (registration_id, served_on DESC);
`;
