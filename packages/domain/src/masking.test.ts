import { describe, expect, it } from "vitest";
import { idNumberBirthDate, idNumberCheckChar, idNumberGender } from "./id-number.ts";
import { ageInYear, maskContact, maskIdNumber, maskPhone } from "./masking.ts";

/**
 * Every ID number (GB 11643) that agrees with what a role sees without a reveal: the mask, the
 * birth year and the gender (the age is the birth year seen from this year, so it adds nothing).
 * Hidden positions of the 6-digit division code are taken as known to the attacker (the member's
 * organization usually says the county): the worst case for the count.
 */
function candidates(masked: string, seen: { birthYear: number; gender: "male" | "female" }, real: string) {
  const shown = (i: number) => (masked.charAt(i) === "*" ? null : masked.charAt(i));
  const area = real.slice(0, 6);
  let count = 0;
  let includesReal = false;
  if (![...area].every((c, i) => (shown(i) ?? c) === c)) return { count, includesReal };
  for (let day = Date.UTC(seen.birthYear, 0, 1); ; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (!date.startsWith(String(seen.birthYear))) break;
    const dateDigits = date.replaceAll("-", "");
    if (![...dateDigits].every((c, i) => (shown(6 + i) ?? c) === c)) continue;
    for (let seq = 0; seq < 1000; seq++) {
      const seqDigits = String(seq).padStart(3, "0");
      if (![...seqDigits].every((c, i) => (shown(14 + i) ?? c) === c)) continue;
      const first17 = `${area}${dateDigits}${seqDigits}`;
      if (idNumberGender(`${first17}0`) !== seen.gender) continue;
      const check = shown(17);
      if (check !== null && idNumberCheckChar(first17) !== check) continue;
      count += 1;
      if (first17 + idNumberCheckChar(first17) === real) includesReal = true;
    }
  }
  return { count, includesReal };
}

describe("masking", () => {
  const ids = [
    "350824195301011953".slice(0, 17),
    "35082419900101059".slice(0, 17),
    "11010519491231002".slice(0, 17),
    "45010220000229123".slice(0, 17),
    "35082419861124004".slice(0, 17),
  ].map((first17) => first17 + idNumberCheckChar(first17));

  it("shows the first two and the last two characters of an ID number", () => {
    expect(maskIdNumber("350824199001011234")).toBe("35**************34");
    expect(maskIdNumber("35082419900101059X")).toBe("35**************9X");
    expect(maskPhone("13812345678")).toBe("138****5678");
  });

  it("leaves more than 1,000 candidate ID numbers to someone who sees the mask, birth year and gender", () => {
    for (const id of ids) {
      const birthDate = idNumberBirthDate(id) ?? "";
      const seen = { birthYear: Number(birthDate.slice(0, 4)), gender: idNumberGender(id) };
      const { count, includesReal } = candidates(maskIdNumber(id), seen, id);
      // The real number is among them, and so are more than a thousand others: about 365 days
      // times 100 sequence prefixes, divided by the 11 values of the check character.
      expect(includesReal, id).toBe(true);
      expect(count, id).toBeGreaterThan(1_000);
    }
  });

  it("gives the age in whole years from the birth year alone, so it never reveals the birthday", () => {
    // The same age all year round: an age that changed on the birthday would give the date away.
    expect(ageInYear(1980, new Date("2026-01-01T00:00:00Z"))).toBe(46);
    expect(ageInYear(1980, new Date("2026-12-31T23:00:00Z"))).toBe(46);
  });
});

describe("maskContact", () => {
  it("masks phone numbers inside free text, and other text to its ends", () => {
    expect(maskContact("手机 13912345678")).toBe("手机 139****5678");
    expect(maskContact("电话 13912345678 或 0597-4821234")).toBe("电话 139****5678 或 0597-48***34");
    expect(maskContact("微信 lin_wei88")).toBe("微信*********8");
    expect(maskContact("微信")).toBe("**");
  });
});
