const lower = "abcdefghijkmnpqrstuvwxyz";
const upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const digits = "23456789";
const symbols = "-_!@#%+=";
const all = lower + upper + digits + symbols;

function pick(chars: string, random: number): string {
  return chars.charAt(random % chars.length);
}

/**
 * A random password that passes the contract's rule with room to spare: 14 characters, all four
 * classes, no look-alikes (0/O, 1/l/I) so it can be read out over the phone. Uses the browser's CSPRNG.
 */
export function generatePassword(length = 14): string {
  const random = crypto.getRandomValues(new Uint32Array(length + length));
  const chars = [lower, upper, digits, symbols].map((set, i) => pick(set, random[i] ?? 0));
  for (let i = chars.length; i < length; i++) chars.push(pick(all, random[i] ?? 0));
  // Shuffle (Fisher–Yates) so the guaranteed classes are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = (random[length + i] ?? 0) % (i + 1);
    [chars[i], chars[j]] = [chars[j] ?? "", chars[i] ?? ""];
  }
  return chars.join("");
}
