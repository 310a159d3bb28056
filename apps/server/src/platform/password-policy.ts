import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * What makes a new password unacceptable beyond its shape (length and character classes are
 * checked by the contract, `newPassword`, so the form can say so at once). These checks need
 * the list or the account, so they run on the server:
 *
 * - one of ~49,000 common passwords (zxcvbn's list of leaked passwords), compared without case
 *   and also with the decorations people add to pass a character-class rule stripped
 *   ("Password123!" is "password");
 * - the username or the display name inside it, or the platform's own name;
 * - the same as the current password.
 *
 * The answer is a message key for the field `password` (or `newPassword`), or null.
 */
const common: ReadonlySet<string> = new Set(dictionary["passwords-common"].map((p: string) => p.toLowerCase()));

export const COMMON_PASSWORD_COUNT = common.size;

/** Names of the platform and words a county would pick for it. */
const platformWords = ["huzhu", "互助", "dangjian", "党建", "password", "mima", "admin"];

/** Leet-speak and decoration undone, so "P@ssw0rd2026!" compares as "password". */
function core(password: string): string {
  return password
    .toLowerCase()
    .replace(/[@4]/g, "a")
    .replace(/[3]/g, "e")
    .replace(/[1!|]/g, "i")
    .replace(/[0]/g, "o")
    .replace(/[$5]/g, "s")
    .replace(/[^a-z\u4e00-\u9fff]/g, "");
}

export function passwordProblem(
  password: string,
  account: { username?: string | null; displayName?: string | null },
): "password.common" | "password.personal" | null {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  if (common.has(lower) || common.has(stripped) || common.has(core(password))) return "password.common";
  // A long enough password made of one platform word and decoration is as guessable as a common one.
  const c = core(password);
  if (platformWords.some((w) => c === w || (c.startsWith(w) && c.length - w.length < 4))) return "password.common";
  for (const name of [account.username, account.displayName]) {
    const n = name?.trim().toLowerCase();
    if (!n || n.length < 3) continue;
    const nc = core(n);
    if (lower.includes(n) || (nc.length >= 3 && c.includes(nc))) return "password.personal";
  }
  return null;
}
