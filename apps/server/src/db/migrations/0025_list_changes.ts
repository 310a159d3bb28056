/**
 * Lists whose totals can be kept between requests (issue 12). Counting a county's roster reads its
 * 11,000 members for every page, a province's a million; the total only changes when a transaction
 * that wrote the table commits. Each such transaction leaves one row here (a statement trigger,
 * `ON CONFLICT DO NOTHING` on its own transaction id), and `sum(weight)` of the rows a snapshot
 * sees is the list's version: how many writing transactions had committed when it was taken.
 * A total counted in the same statement as the version is therefore exact for every later snapshot
 * with the same version, in any process (db/count.ts `countCache`).
 * Rows, not one counter row that each writer updates: a counter's row lock would make every member
 * write wait for a 100,000-row import's commit. A sweep folds old rows into one, keeping the sum.
 * The same version, list 'auth', lets each process keep the actors of the sessions it serves.
 */
export const listChanges = `
  CREATE TABLE list_changes (
    list text NOT NULL,
    xid xid8 NOT NULL,
    weight bigint NOT NULL DEFAULT 1 CHECK (weight > 0),
    PRIMARY KEY (list, xid)
  );

  CREATE FUNCTION note_list_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO list_changes (list, xid) VALUES (TG_ARGV[0], pg_current_xact_id()) ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;

  CREATE TRIGGER members_list_change AFTER INSERT OR UPDATE OR DELETE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION note_list_change('members');

  -- 'auth': what a signed-in request's actor is built from (modules/auth, authenticate): a session
  -- ended or changed, an account changed, a role given or withdrawn, an organization renamed, moved
  -- or dissolved. A session's own touch (last_seen_at moving forward, once a minute) is not a
  -- change: each process knows the times it keeps and checks them itself.
  CREATE TRIGGER sessions_auth_end AFTER DELETE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION note_list_change('auth');
  CREATE TRIGGER sessions_auth_change AFTER UPDATE ON sessions FOR EACH ROW
    WHEN (NOT (NEW.last_seen_at >= OLD.last_seen_at
               AND to_jsonb(NEW) - 'last_seen_at' = to_jsonb(OLD) - 'last_seen_at'))
    EXECUTE FUNCTION note_list_change('auth');
  CREATE TRIGGER users_auth_change AFTER UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION note_list_change('auth');
  CREATE TRIGGER role_assignments_auth_change AFTER INSERT OR UPDATE OR DELETE ON role_assignments
    FOR EACH STATEMENT EXECUTE FUNCTION note_list_change('auth');
  CREATE TRIGGER organizations_auth_change AFTER UPDATE OR DELETE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION note_list_change('auth');
`;
