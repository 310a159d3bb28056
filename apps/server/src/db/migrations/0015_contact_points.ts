/**
 * Contact points and unit-contracts-village (领导联点、单位包村, F16; issue 9): assignments of the same
 * kind as pairings, so they share the pairings' period, goals, status, history and agreement. A
 * leader's contact point names the leader's member record and the village; a unit's names two
 * organizations. Either can be marked a demonstration site (示范点), and each records its visits.
 */
export const contactPoints = `
  ALTER TABLE pairings
    ADD COLUMN kind text NOT NULL DEFAULT 'pairing' CHECK (kind IN ('pairing', 'contact_point', 'unit_village')),
    ADD COLUMN demonstration boolean NOT NULL DEFAULT false;
  ALTER TABLE pairings DROP CONSTRAINT pairings_sides;
  ALTER TABLE pairings ADD CONSTRAINT pairings_sides CHECK (
    CASE WHEN kind = 'contact_point'
      THEN helper_member_id IS NOT NULL AND recipient_org_id IS NOT NULL
        AND helper_org_id IS NULL AND recipient_member_id IS NULL
      ELSE (helper_org_id IS NOT NULL AND recipient_org_id IS NOT NULL
          AND helper_member_id IS NULL AND recipient_member_id IS NULL)
        OR (kind = 'pairing' AND helper_org_id IS NULL AND recipient_org_id IS NULL
          AND helper_member_id IS NOT NULL AND recipient_member_id IS NOT NULL
          AND helper_member_id <> recipient_member_id)
    END);

  CREATE TABLE pairing_visits (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pairing_id int NOT NULL REFERENCES pairings(id),
    visited_on date NOT NULL,
    notes text NOT NULL CHECK (char_length(notes) BETWEEN 1 AND 2000),
    created_by int NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX pairing_visits_pairing_idx ON pairing_visits (pairing_id, visited_on);
`;
