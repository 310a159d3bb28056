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
`;
