/**
 * Resident ID numbers (GB 11643-1999): 6-digit division code, 8-digit birth date, 3-digit
 * sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error("idNumberCheckChar needs 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS.charAt(sum % 11);
}

export type IdNumberProblem = "format" | "checkDigit" | "birthDate";

/** Why an ID number is invalid, or null when it is valid. Expects upper-case X. */
export function idNumberProblem(id: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return "format";
  if (idNumberBirthDate(id) === null) return "birthDate";
  if (idNumberCheckChar(id.slice(0, 17)) !== id.charAt(17)) return "checkDigit";
  return null;
}

/** The birth date encoded in an ID number as YYYY-MM-DD, or null when it is not a real date. */
export function idNumberBirthDate(id: string): string | null {
  const y = id.slice(6, 10);
  const m = id.slice(10, 12);
  const d = id.slice(12, 14);
  const iso = `${y}-${m}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return null;
  if (Number(y) < 1900) return null;
  return iso;
}

/** Gender from the sequence digit: odd is male, even is female. */
export function idNumberGender(id: string): "male" | "female" {
  return Number(id.charAt(16)) % 2 === 1 ? "male" : "female";
}
