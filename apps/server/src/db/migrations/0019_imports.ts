/**
 * Excel imports (issue 13). An import is its owner's: the uploaded workbook (encrypted with the
 * personal-data key, since it holds ID numbers and phones in the clear: `file_enc`, listed in
 * ENCRYPTED_COLUMNS), its status and counts, and one row per data row of the sheet with its outcome
 * and problems (codes and the column, never the values). The preview's name and masked ID number
 * are what the roster shows. The commit reads the workbook again and checks every row again
 * inside its one transaction, so nothing between the preview and the commit slips through.
 */
export const imports = `
  CREATE TABLE imports (
    id serial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('members', 'orgs', 'needs', 'resources')),
    owner_id integer NOT NULL REFERENCES users(id),
    file_name text NOT NULL,
    file_enc bytea NOT NULL,
    status text NOT NULL DEFAULT 'validating'
      CHECK (status IN ('validating', 'validated', 'invalid', 'committing', 'committed', 'failed')),
    total integer NOT NULL DEFAULT 0,
    new_count integer NOT NULL DEFAULT 0,
    changed_count integer NOT NULL DEFAULT 0,
    unchanged_count integer NOT NULL DEFAULT 0,
    bad_count integer NOT NULL DEFAULT 0,
    message text,
    message_params jsonb NOT NULL DEFAULT '{}'::jsonb,
    job_id uuid REFERENCES jobs(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    committed_at timestamptz
  );
  CREATE INDEX imports_owner_idx ON imports (owner_id, created_at DESC);

  CREATE TABLE import_rows (
    import_id integer NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row_number integer NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('new', 'changed', 'unchanged', 'bad')),
    name text NOT NULL DEFAULT '',
    id_number_masked text NOT NULL DEFAULT '',
    org_name text NOT NULL DEFAULT '',
    changes text[] NOT NULL DEFAULT '{}',
    errors jsonb NOT NULL DEFAULT '[]'::jsonb,
    PRIMARY KEY (import_id, row_number)
  );
  CREATE INDEX import_rows_outcome_idx ON import_rows (import_id, outcome, row_number);
`;
