/**
 * 预约提醒 (issue 10): a confirmed booking made more than a day ahead is reminded once, the day
 * before (venues.service.ts remindUpcoming, an hourly sweep). `reminded_at` marks it done, so a
 * second process or a restart never reminds twice; the partial index holds only those still due.
 */
export const bookingReminders = `
  ALTER TABLE bookings ADD COLUMN reminded_at timestamptz;
  CREATE INDEX bookings_reminder_idx ON bookings (starts_at) WHERE status = 'confirmed' AND reminded_at IS NULL;
`;
