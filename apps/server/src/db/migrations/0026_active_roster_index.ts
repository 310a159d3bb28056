/**
 * The active roster's primary organization paths, alone (issue 12). A roster's total after a write
 * was a sequential scan of the members at province size (185 ms for a city of 121,000 among a
 * million: docs/performance.md, "Province scale"): the scope's `OR` of the primary and the
 * co-managing organization's path, and the active-roster condition, kept every index from
 * answering it. The count now reads the primary side from this index alone (an index-only range
 * scan) and adds the few members co-managed from elsewhere (members.repository.ts `countable`).
 */
export const activeRosterIndex = `
  CREATE INDEX members_active_primary_path_idx ON members (primary_org_path text_pattern_ops)
    WHERE transferred_out_at IS NULL;
`;
