/**
 * Member privacy (issue 6, holes 2 and 9).
 *
 * The birth date was stored in the clear beside a mask (350824********1953) that hid exactly its
 * eight digits, so anyone who could read the roster or an export rebuilt every ID number without
 * a reveal. Now the full birth date exists only inside the encrypted ID number (it is part of it,
 * and the service checks that the two agree); the clear column keeps the birth year, which lists,
 * filters and age bands need. The mask keeps 2 + 2 characters. A migration cannot decrypt, but it
 * does not need to: the new mask is a subset of the old one.
 *
 * Rate events count per-user attempts that must be limited across restarts and processes (the
 * 409 answers that say an ID number exists elsewhere), so they live here, not in memory.
 */
export const memberPrivacy = `
  ALTER TABLE members ADD COLUMN birth_year int;
  UPDATE members SET birth_year = extract(year FROM birth_date)::int;
  ALTER TABLE members ALTER COLUMN birth_year SET NOT NULL;
  -- Dropping the column drops CHECK (join_date > birth_date) with it; the year-level rule replaces it.
  ALTER TABLE members DROP COLUMN birth_date;
  ALTER TABLE members ADD CONSTRAINT members_birth_year_check
    CHECK (birth_year >= 1900 AND birth_year <= extract(year FROM join_date));

  UPDATE members
     SET id_number_masked = left(id_number_masked, 2) || repeat('*', length(id_number_masked) - 4)
                            || right(id_number_masked, 2)
   WHERE length(id_number_masked) >= 10;

  CREATE TABLE rate_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id int NOT NULL REFERENCES users(id),
    kind text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX rate_events_user_kind_at_idx ON rate_events (user_id, kind, at);

  -- The security administrator's list: newest first, acknowledged or not.
  CREATE INDEX security_alerts_at_idx ON security_alerts (at DESC, id DESC);
`;
