/**
 * Masks shown on every screen and in every export; the full value only through an audited reveal.
 *
 * An ID number shows its first two characters (the province) and its last two (the last sequence
 * digit, which says the gender anyway, and the check character). The division code, the birth
 * date and the rest of the sequence stay hidden: with the birth year the roster shows, more than
 * a thousand numbers remain possible even to someone who knows the county (masking.test.ts).
 * The old mask (6 + 4 characters) hid only the birth date, which the roster showed beside it.
 */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return "*".repeat(id.length);
  return `${id.slice(0, 2)}${"*".repeat(id.length - 4)}${id.slice(-2)}`;
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/**
 * Age as the roster shows it: this year minus the birth year. Deliberately not the age in
 * completed years (周岁): that one changes on the birthday, so watching it would give the full
 * birth date, and with it most of the ID number, to anyone who can read the roster.
 */
export function ageInYear(birthYear: number, today: Date): number {
  return today.getUTCFullYear() - birthYear;
}
