/**
 * Accounts hardened against the holes an attack on the foundation found (issue 6):
 *
 * - 三权分立 in the database, not only in the service: an administrator holds no other role at
 *   all (so never one that reads member data), and nobody grants or withdraws their own roles.
 *   The acting user is told to the database per transaction (`SET LOCAL huzhu.actor_id`), so the
 *   trigger can refuse a self-grant whatever code path issues the INSERT or DELETE.
 * - A password set by an administrator is a one-time password (`must_change_password`).
 * - Resetting another administrator's password needs the security administrator's approval.
 * - Two-factor sign-in (TOTP): an encrypted secret, the last accepted time step (replays are
 *   refused), one-time recovery codes (hashed).
 * - Sessions: an absolute lifetime beside the idle timeout, and a second-factor stage.
 * - Sign-in throttling per account *and address* pair, per address and per account, replacing the
 *   per-name lock that let anyone lock a real user out from elsewhere.
 */
export const accountsSecurity = `
  ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
  ALTER TABLE users ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT now();
  -- TOTP secret, encrypted like personal data; NULL until enrolment is confirmed or started
  ALTER TABLE users ADD COLUMN totp_secret_enc bytea;
  ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
  -- the last 30-second step whose code was accepted: a code is usable once
  ALTER TABLE users ADD COLUMN totp_last_step bigint;

  CREATE TABLE recovery_codes (
    user_id int NOT NULL REFERENCES users(id),
    -- SHA-256 of a 50-bit random code: enough against a stolen table, no need for a slow hash
    code_hash text NOT NULL,
    used_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, code_hash)
  );

  ALTER TABLE sessions ADD COLUMN second_factor_pending boolean NOT NULL DEFAULT false;
  ALTER TABLE sessions ADD COLUMN second_factor_failures int NOT NULL DEFAULT 0;
  CREATE INDEX sessions_created_idx ON sessions (created_at);

  CREATE TABLE password_reset_requests (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id int NOT NULL REFERENCES users(id),
    requested_by int NOT NULL REFERENCES users(id),
    -- the one-time password the system administrator chose, already hashed
    password_hash text,
    reset_second_factor boolean NOT NULL DEFAULT false,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','expired')),
    decided_by int REFERENCES users(id),
    decided_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (password_hash IS NOT NULL OR reset_second_factor),
    CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id))
  );
  -- one open request per account at a time
  CREATE UNIQUE INDEX password_reset_requests_open_idx ON password_reset_requests (user_id) WHERE status = 'pending';

  -- Security alerts for the security administrator (sign-in attacks, probing for ID numbers…):
  -- ids and counts only in detail, never names or typed text.
  CREATE TABLE security_alerts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    kind text NOT NULL,
    user_id int REFERENCES users(id),
    detail jsonb NOT NULL DEFAULT '{}',
    acknowledged_at timestamptz,
    acknowledged_by int REFERENCES users(id)
  );
  CREATE INDEX security_alerts_open_idx ON security_alerts (at DESC) WHERE acknowledged_at IS NULL;

  DROP TABLE login_throttle;
  CREATE TABLE login_throttle (
    -- 'pair' = account and address, 'address', 'account'
    kind text NOT NULL CHECK (kind IN ('pair','address','account')),
    key text NOT NULL,
    failures int NOT NULL,
    window_started_at timestamptz NOT NULL,
    locked_until timestamptz,
    PRIMARY KEY (kind, key)
  );
  CREATE INDEX login_throttle_window_idx ON login_throttle (window_started_at);

  CREATE OR REPLACE FUNCTION role_assignments_separate_admins() RETURNS trigger AS $$
  DECLARE
    acting text := nullif(current_setting('huzhu.actor_id', true), '');
    target int := CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
  BEGIN
    IF acting IS NOT NULL AND acting = target::text THEN
      RAISE EXCEPTION 'separation of duties: user % may not grant or withdraw their own roles', target
        USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
    -- Concurrent grants to one user wait for each other and then see each other's rows.
    PERFORM 1 FROM users WHERE id = NEW.user_id FOR UPDATE;
    IF NEW.role IN ('system_admin','security_admin','audit_admin') THEN
      IF EXISTS (SELECT 1 FROM role_assignments WHERE user_id = NEW.user_id AND role <> NEW.role
                   AND id IS DISTINCT FROM NEW.id) THEN
        RAISE EXCEPTION 'separation of duties: user % holds another role and cannot become an administrator', NEW.user_id
          USING ERRCODE = 'check_violation';
      END IF;
    ELSIF EXISTS (SELECT 1 FROM role_assignments WHERE user_id = NEW.user_id
                    AND role IN ('system_admin','security_admin','audit_admin')) THEN
      RAISE EXCEPTION 'separation of duties: user % is an administrator and holds no other role', NEW.user_id
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END $$ LANGUAGE plpgsql;
  DROP TRIGGER role_assignments_separate_admins ON role_assignments;
  CREATE TRIGGER role_assignments_separate_admins BEFORE INSERT OR UPDATE OR DELETE ON role_assignments
    FOR EACH ROW EXECUTE FUNCTION role_assignments_separate_admins();
`;
