/**
 * Two concurrent grants of different administrator roles to one user could both pass the
 * separation-of-duties trigger, each not seeing the other's uncommitted row. Locking the user's
 * row first makes the second grant wait for the first and then see it.
 */
export const adminSeparationLock = `
  CREATE OR REPLACE FUNCTION role_assignments_separate_admins() RETURNS trigger AS $$
  BEGIN
    IF NEW.role IN ('system_admin','security_admin','audit_admin') THEN
      PERFORM 1 FROM users WHERE id = NEW.user_id FOR UPDATE;
      IF EXISTS (
        SELECT 1 FROM role_assignments
        WHERE user_id = NEW.user_id AND role IN ('system_admin','security_admin','audit_admin')
          AND role <> NEW.role) THEN
        RAISE EXCEPTION 'separation of duties: user % already holds another administrator role', NEW.user_id
          USING ERRCODE = 'check_violation';
      END IF;
    END IF;
    RETURN NEW;
  END $$ LANGUAGE plpgsql;
`;
