import crypto from "node:crypto";
import { authenticator } from "otplib";
import QRCode from "qrcode";

/**
 * Two-factor sign-in with time-based one-time passwords (RFC 6238: 6 digits, 30-second steps,
 * SHA-1 — what every authenticator app speaks). One step either side is accepted for clock
 * drift; the accepted step is returned so the caller can refuse its replay.
 */
const STEP_SECONDS = 30;
export const ISSUER = "Huzhu 互助";

export function newTotpSecret(): string {
  // 20 bytes = 160 bits, the RFC 4226 recommendation.
  return authenticator.generateSecret(20);
}

/** The step a valid code belongs to, or null. `now` is the app's clock, so tests can move time. */
export function acceptedStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const checker = authenticator.clone({ epoch: now.getTime(), window: 1, step: STEP_SECONDS });
  const delta = checker.checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS) + delta;
}

/** The code for a moment (tests and the enrolment check use it). */
export function totpCode(secret: string, now: Date): string {
  return authenticator.clone({ epoch: now.getTime(), step: STEP_SECONDS }).generate(secret);
}

export async function enrolmentDetails(secret: string, accountName: string) {
  const otpauthUrl = authenticator.keyuri(accountName, ISSUER, secret);
  // SVG: crisp at any size on a phone, and allowed by the CSP as a data: image.
  const svg = await QRCode.toString(otpauthUrl, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

/** Ten one-time recovery codes like "k7m2-p9xq-4t": 50 random bits each, in an unambiguous alphabet. */
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(crypto.randomBytes(10), (b) => ALPHABET[b % ALPHABET.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
  });
}

export function normalizeRecoveryCode(input: string): string | null {
  const t = input.trim().toLowerCase().replace(/[\s-]/g, "");
  if (!/^[2-9a-z]{10}$/.test(t)) return null;
  return `${t.slice(0, 4)}-${t.slice(4, 8)}-${t.slice(8, 10)}`;
}

export const hashRecoveryCode = (code: string) => crypto.createHash("sha256").update(code).digest("hex");
