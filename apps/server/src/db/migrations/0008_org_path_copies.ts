/**
 * Copies of an organization's path (issue 7): a table may copy `organizations.path` next to an
 * organization id (members.primary_org_path beside primary_org_id) so that a subtree filter is one
 * index range scan with no join. Such a copy is only right if every write fills it from the
 * organization and every move rewrites it; doing that by hand per table is how a row silently
 * changes jurisdiction after a move.
 *
 * So the database keeps the one list, `org_path_copies`, and `register_org_path_copy(table,
 * path column, org id column)` is the only way to add to it. Registering:
 * - records the pair in the list, which `moveSubtree` reads to rewrite every copy (no per-table
 *   code: platform/org-path-copies.ts);
 * - installs the generic trigger `fill_org_path_copy`, which, whenever a row is inserted or its org
 *   id or path column is written, sets the path column to its organization's current path (NULL
 *   when the org id is NULL). Code never writes a copy; a wrong value written by hand is replaced;
 * - fills the existing rows once.
 * The trigger also takes the organization tree's advisory lock in shared mode (the key of
 * `lockTree` in orgs.repository.ts, 7348102) before it reads the path, so a row written while a
 * move is under way waits for the move and gets the new path, even from code that forgot to call
 * lockTree("attach"). A table that adds a copy later calls register_org_path_copy in the migration
 * that creates the column; a test fails for a path column that is not registered.
 */
export const orgPathCopies = `
  CREATE TABLE org_path_copies (
    table_name name NOT NULL,
    path_column name NOT NULL,
    org_id_column name NOT NULL,
    PRIMARY KEY (table_name, path_column)
  );

  CREATE FUNCTION fill_org_path_copy() RETURNS trigger AS $$
  DECLARE
    org_id int := (to_jsonb(NEW) ->> TG_ARGV[0])::int;
    org_path text;
  BEGIN
    IF org_id IS NOT NULL THEN
      -- Shared: attaching writes never wait on each other, only on a move or a dissolution.
      PERFORM pg_advisory_xact_lock_shared(7348102);
      -- A new snapshot after the lock (READ COMMITTED), so a move that just committed is seen.
      SELECT path INTO org_path FROM organizations WHERE id = org_id;
    END IF;
    -- An unknown org id leaves NULL here; the column's foreign key refuses the row at the end of
    -- the statement (or its NOT NULL right away).
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[1], org_path));
    RETURN NEW;
  END $$ LANGUAGE plpgsql;

  CREATE FUNCTION register_org_path_copy(tbl name, path_col name, org_col name) RETURNS void AS $$
  BEGIN
    INSERT INTO org_path_copies (table_name, path_column, org_id_column) VALUES (tbl, path_col, org_col);
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF %I, %I ON %I FOR EACH ROW EXECUTE FUNCTION fill_org_path_copy(%L, %L)',
      tbl || '_' || path_col || '_copy', org_col, path_col, tbl, org_col, path_col);
    EXECUTE format(
      'UPDATE %I t SET %I = o.path FROM organizations o WHERE o.id = t.%I AND t.%I IS DISTINCT FROM o.path',
      tbl, path_col, org_col, path_col);
  END $$ LANGUAGE plpgsql;

  SELECT register_org_path_copy('members', 'primary_org_path', 'primary_org_id');
  SELECT register_org_path_copy('members', 'co_org_path', 'co_org_id');
`;
