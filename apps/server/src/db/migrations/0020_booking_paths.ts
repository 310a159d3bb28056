/**
 * Bookings at province size (bench/venues, bench/README.md "Shared venues at province size"): the
 * calendar's month as a region coordinator took 1.2–1.5 s on PostgreSQL for 17,000 bookings, because
 * both sides of a booking's reach were semi-joins — the owner side `venue_id = ANY(every venue in
 * the jurisdiction)`, a 7,000-element array compared one by one for every row, and the booking side
 * a probe of organizations per row — and no index served "bookings in this time range".
 * - The booking organization's path and the venue owner's path on each booking, registered copies
 *   (migration 0008: the trigger fills them, moves rewrite them), so both sides are `subtree`
 *   relations: a prefix comparison per row, and index ranges for a county.
 * - `owner_org_id` is the venue's owner, kept equal to it by a foreign key on (venue, owner): the
 *   owner of a venue never changes, and the database, not the code, says they agree.
 * - Requests awaiting approval are a few percent of the bookings: their own index in the list's order.
 * - A booking lasts at most 31 days (the service's rule, now the table's), so "overlapping
 *   [from, to)" is also "starting after from − 31 days", a range an index on the start answers in
 *   the calendar's order.
 */
export const bookingPaths = `
  ALTER TABLE bookings ADD COLUMN org_path text, ADD COLUMN owner_org_id int, ADD COLUMN owner_path text;
  UPDATE bookings b SET owner_org_id = v.org_id FROM venues v WHERE v.id = b.venue_id;
  ALTER TABLE bookings ALTER COLUMN owner_org_id SET NOT NULL;
  ALTER TABLE venues ADD CONSTRAINT venues_id_owner_key UNIQUE (id, org_id);
  ALTER TABLE bookings ADD CONSTRAINT bookings_venue_owner_fkey
    FOREIGN KEY (venue_id, owner_org_id) REFERENCES venues (id, org_id);
  SELECT register_org_path_copy('bookings', 'org_path', 'org_id');
  SELECT register_org_path_copy('bookings', 'owner_path', 'owner_org_id');
  ALTER TABLE bookings ALTER COLUMN org_path SET NOT NULL, ALTER COLUMN owner_path SET NOT NULL;
  ALTER TABLE bookings ADD CONSTRAINT bookings_at_most_31_days CHECK (ends_at - starts_at <= interval '31 days');
  CREATE INDEX bookings_starts_idx ON bookings (starts_at, id);
  -- Requests awaiting approval, in the list's order (a few percent of all bookings).
  CREATE INDEX bookings_requested_starts_idx ON bookings (starts_at, id) WHERE status = 'requested';
  CREATE INDEX bookings_org_path_idx ON bookings (org_path text_pattern_ops, starts_at);
  CREATE INDEX bookings_owner_path_idx ON bookings (owner_path text_pattern_ops, starts_at);
`;
