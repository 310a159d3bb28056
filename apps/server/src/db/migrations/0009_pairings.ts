/**
 * Pairings (结对), the relationship the kernel's "partner" reach needs (issue 7): the two sides
 * of an active pairing are partners, and each sees what the other shares with partners
 * (platform/access.ts, relation "partner"). This is the core of the table; the pairing-rounds
 * module (issue 9) adds goals, agreements, origin and history to it.
 */
export const pairings = `
  CREATE TABLE pairings (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    helper_org_id int NOT NULL REFERENCES organizations(id),
    recipient_org_id int NOT NULL REFERENCES organizations(id),
    -- 城联乡, 乡联乡, 城联城
    form text NOT NULL CHECK (form IN ('urban_rural', 'rural_rural', 'urban_urban')),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('proposed', 'active', 'concluded', 'dissolved')),
    starts_on date,
    ends_on date,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (helper_org_id <> recipient_org_id),
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
  );
  -- The partner reach looks pairings up from either side, active ones only.
  CREATE INDEX pairings_helper_active_idx ON pairings (helper_org_id) WHERE status = 'active';
  CREATE INDEX pairings_recipient_active_idx ON pairings (recipient_org_id) WHERE status = 'active';
`;
