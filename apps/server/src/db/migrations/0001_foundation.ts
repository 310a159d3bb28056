/**
 * The foundation: organization tree, member roster, accounts, sessions, audit log.
 * Written as SQL because constraints and triggers are the point here, and they must be
 * identical on PGlite and on a PostgreSQL server. Migrations only go forward.
 */
export const foundation = `
    CREATE TABLE organizations (
      id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id int REFERENCES organizations(id),
      path text NOT NULL UNIQUE,
      depth int NOT NULL CHECK (depth >= 0),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      kind text NOT NULL CHECK (kind IN ('committee','general_branch','branch','joint_branch','temporary_branch')),
      category text NOT NULL CHECK (category IN ('village','urban_community','government_organ','state_enterprise',
        'private_enterprise','school','hospital','social_organization','town_street','county','city')),
      area text NOT NULL CHECK (area IN ('urban','rural')),
      division_code text CHECK (division_code ~ '^([0-9]{6}|[0-9]{9}|[0-9]{12})$'),
      -- the division's official name when the code was checked (GB/T 2260 names change over time)
      division_name text,
      secretary_name text,
      units text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','dissolved')),
      dissolved_at timestamptz,
      dissolve_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'dissolved') = (dissolved_at IS NOT NULL))
    );
    -- text_pattern_ops lets "path LIKE '/1/5/%'" use the index whatever the collation.
    CREATE INDEX organizations_path_idx ON organizations (path text_pattern_ops);
    CREATE INDEX organizations_parent_idx ON organizations (parent_id, name);
    CREATE INDEX organizations_division_idx ON organizations (division_code);

    CREATE TABLE members (
      id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
      gender text NOT NULL CHECK (gender IN ('male','female')),
      ethnicity text NOT NULL,
      birth_date date NOT NULL,
      id_number_enc bytea NOT NULL,
      id_number_hash bytea NOT NULL UNIQUE,
      id_number_masked text NOT NULL,
      phone_enc bytea,
      phone_masked text,
      education text NOT NULL,
      join_date date NOT NULL,
      status text NOT NULL CHECK (status IN ('probationary','full')),
      primary_org_id int NOT NULL REFERENCES organizations(id),
      co_org_id int REFERENCES organizations(id),
      primary_org_path text NOT NULL,
      co_org_path text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (co_org_id IS NULL OR co_org_id <> primary_org_id),
      CHECK (join_date > birth_date)
    );
    CREATE INDEX members_primary_path_idx ON members (primary_org_path text_pattern_ops, id);
    CREATE INDEX members_co_path_idx ON members (co_org_path text_pattern_ops) WHERE co_org_path IS NOT NULL;
    CREATE INDEX members_primary_org_idx ON members (primary_org_id);
    CREATE INDEX members_name_idx ON members (name text_pattern_ops);

    CREATE TABLE users (
      id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{1,64}$'),
      display_name text NOT NULL,
      password_hash text NOT NULL,
      member_id int REFERENCES members(id),
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE role_assignments (
      id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id int NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('coordinator','secretary','member','leader',
        'system_admin','security_admin','audit_admin')),
      org_id int REFERENCES organizations(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      -- administrators act system-wide; everyone else acts within an organization's subtree
      CHECK ((role IN ('system_admin','security_admin','audit_admin')) = (org_id IS NULL)),
      UNIQUE NULLS NOT DISTINCT (user_id, role, org_id)
    );
    CREATE INDEX role_assignments_user_idx ON role_assignments (user_id);

    -- 三权分立: the database itself refuses a second administrator role for the same user,
    -- so no code path (or hand-written SQL through the app) can merge the three.
    CREATE FUNCTION role_assignments_separate_admins() RETURNS trigger AS $$
    BEGIN
      IF NEW.role IN ('system_admin','security_admin','audit_admin') AND EXISTS (
        SELECT 1 FROM role_assignments
        WHERE user_id = NEW.user_id AND role IN ('system_admin','security_admin','audit_admin')
          AND role <> NEW.role) THEN
        RAISE EXCEPTION 'separation of duties: user % already holds another administrator role', NEW.user_id
          USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;
    CREATE TRIGGER role_assignments_separate_admins BEFORE INSERT OR UPDATE ON role_assignments
      FOR EACH ROW EXECUTE FUNCTION role_assignments_separate_admins();

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id int NOT NULL REFERENCES users(id),
      csrf_token text NOT NULL,
      ip text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);

    CREATE TABLE login_throttle (
      username text PRIMARY KEY,
      failures int NOT NULL,
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz
    );

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id int,
      actor_name text,
      ip text,
      action text NOT NULL,
      target_type text,
      target_id text,
      result text NOT NULL CHECK (result IN ('success','failure','denied')),
      detail jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
    CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);
    CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);

    -- The audit log is append-only: nothing, not even the application's own role, may change
    -- or remove a record.
    CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$ LANGUAGE plpgsql;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`;
