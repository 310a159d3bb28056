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
 * A contact typed as free text ("手机 13912345678", "微信 lin_wei88"): every run of seven or more
 * digits masked (a mobile number as maskPhone does); text without one keeps its first two and last
 * characters.
 */
export function maskContact(contact: string): string {
  const phones = contact.replace(/\d{7,}/g, (digits) =>
    // A mobile number as everywhere; a landline keeps only two digits at each end.
    digits.length >= 11
      ? maskPhone(digits)
      : `${digits.slice(0, 2)}${"*".repeat(digits.length - 4)}${digits.slice(-2)}`,
  );
  if (phones !== contact) return phones;
  const chars = [...contact];
  if (chars.length <= 3) return "*".repeat(chars.length);
  return `${chars.slice(0, 2).join("")}${"*".repeat(chars.length - 3)}${chars.at(-1)}`;
}

/**
 * Age as the roster shows it: this year minus the birth year. Deliberately not the age in
 * completed years (周岁): that one changes on the birthday, so watching it would give the full
 * birth date, and with it most of the ID number, to anyone who can read the roster.
 */
export function ageInYear(birthYear: number, today: Date): number {
  return today.getUTCFullYear() - birthYear;
}
