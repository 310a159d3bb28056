import path from "node:path";
import { z } from "zod";
import { CIPHER_ALGORITHMS, type CipherAlgorithm } from "./platform/crypto.ts";

/**
 * Every environment variable the server reads, validated once at start-up so that a typo fails
 * loudly with a message instead of surfacing later as a strange behaviour.
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const envSchema = z.object({
  /** TCP port of the HTTP server. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address to listen on; 127.0.0.1 unless a reverse proxy on another host needs more. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Folder for the embedded database, the generated key and the demo accounts file. */
  HUZHU_DATA_DIR: z.string().min(1).default("./data"),
  /** A PostgreSQL server (postgres://...). When set, the embedded PGlite database is not used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  /** Load the demo county (武平县) into an empty database. Default: on for PGlite, off with DATABASE_URL. */
  HUZHU_DEMO: bool.optional(),
  /** Password of every demo account. Unset: a random one is printed once and saved to <data dir>/demo-accounts.txt. */
  HUZHU_DEMO_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  /** Personal-data encryption key: 32 bytes as base64 or 64 hex characters. */
  HUZHU_DATA_KEY: z.string().optional(),
  /**
   * A file holding HUZHU_DATA_KEY instead: a mounted secret, or any path outside the data folder
   * so that a copy of the data folder (a backup) does not carry the key that opens it.
   */
  HUZHU_DATA_KEY_FILE: z.string().optional(),
  /**
   * The key being replaced, while `huzhu keys rotate` runs: the server reads values under both and
   * writes under HUZHU_DATA_KEY only. Remove it once the command reports the rotation finished.
   */
  HUZHU_DATA_KEY_PREVIOUS: z.string().optional(),
  /** A file holding HUZHU_DATA_KEY_PREVIOUS instead. */
  HUZHU_DATA_KEY_PREVIOUS_FILE: z.string().optional(),
  /**
   * Algorithm for new personal-data values: AES-256-GCM, or SM4 (SM4-CTR + HMAC-SM3, blind index
   * HMAC-SM3) for 商用密码 (GB/T 39786). Existing values stay readable; `huzhu keys rotate` moves them.
   */
  HUZHU_CIPHER: z.enum(CIPHER_ALGORITHMS).default("aes-256-gcm"),
  /** Pairing solves running at once, one worker thread each. Default: half the cores, at least 1. */
  HUZHU_SOLVER_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Pairing solves that may wait for a worker; one more answers 503. */
  HUZHU_SOLVER_QUEUE: z.coerce.number().int().min(0).max(1000).default(4),
  /**
   * Heap cap of each solver worker, MB; a problem that needs more answers 413. The format's largest
   * problem (2,000,000 candidates, explained) solves in 256 but not in 192 (bench/README.md).
   */
  HUZHU_SOLVER_HEAP_MB: z.coerce.number().int().min(64).max(65536).default(512),
  /** Secret the audit log's MAC chain is derived from (32 bytes, base64 or hex); not the personal-data key. */
  HUZHU_AUDIT_KEY: z.string().optional(),
  /** A file holding HUZHU_AUDIT_KEY instead. */
  HUZHU_AUDIT_KEY_FILE: z.string().optional(),
  /** Minutes of inactivity after which a session ends. */
  HUZHU_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Hours after which a session ends however active it is (an absolute lifetime beside the idle timeout). */
  HUZHU_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  /** Sessions one user may hold at once; signing in again ends the oldest. */
  HUZHU_SESSIONS_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
  /**
   * Coordinators and the three administrators must sign in with a second factor (TOTP).
   * Default: on with DATABASE_URL (production), off for the embedded demo.
   */
  HUZHU_REQUIRE_2FA: bool.optional(),
  /** Set when the server sits behind HTTPS, so the session cookie is marked Secure. */
  HUZHU_SECURE_COOKIES: bool.default(false),
  /** Trust X-Forwarded-For from a reverse proxy when recording client addresses. */
  HUZHU_TRUST_PROXY: bool.default(false),
  /**
   * Server processes on this machine, sharing the port (node:cluster). Only with DATABASE_URL: the
   * embedded database belongs to one process. What processes must agree on lives in PostgreSQL
   * (sessions, jobs, notifications through LISTEN/NOTIFY, the versions of kept totals and actors).
   */
  HUZHU_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** Log level of the server (pino). "info" logs every request; audited events are in the audit log anyway. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  demoPassword: string | undefined;
  dataKey: string | undefined;
  dataKeyFile: string | undefined;
  dataKeyPrevious: string | undefined;
  dataKeyPreviousFile: string | undefined;
  cipher: CipherAlgorithm;
  /** Undefined: half the cores (modules/pairing/solve-in-worker.ts). */
  solverWorkers: number | undefined;
  solverQueue: number;
  solverHeapMb: number;
  auditKey: string | undefined;
  auditKeyFile: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  sessionsPerUser: number;
  requireSecondFactor: boolean;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  processes: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.HUZHU_DATA_KEY && !e.HUZHU_DATA_KEY_FILE) {
    throw new ConfigError(
      "Invalid configuration:\n  HUZHU_DATA_KEY or HUZHU_DATA_KEY_FILE is required with DATABASE_URL " +
        "(the key that encrypts personal data must not live beside a shared database)",
    );
  }
  if (e.DATABASE_URL && !e.HUZHU_AUDIT_KEY && !e.HUZHU_AUDIT_KEY_FILE) {
    throw new ConfigError(
      "Invalid configuration:\n  HUZHU_AUDIT_KEY or HUZHU_AUDIT_KEY_FILE is required with DATABASE_URL " +
        "(whoever can write the database must not also hold the key that makes the audit log tamper-evident)",
    );
  }
  if (e.HUZHU_PROCESSES > 1 && !e.DATABASE_URL) {
    throw new ConfigError(
      "Invalid configuration:\n  HUZHU_PROCESSES above 1 needs DATABASE_URL (the embedded database belongs to one process)",
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.HUZHU_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.HUZHU_DEMO ?? !e.DATABASE_URL,
    demoPassword: e.HUZHU_DEMO_PASSWORD,
    dataKey: e.HUZHU_DATA_KEY,
    dataKeyFile: e.HUZHU_DATA_KEY_FILE,
    dataKeyPrevious: e.HUZHU_DATA_KEY_PREVIOUS,
    dataKeyPreviousFile: e.HUZHU_DATA_KEY_PREVIOUS_FILE,
    cipher: e.HUZHU_CIPHER,
    solverWorkers: e.HUZHU_SOLVER_WORKERS,
    solverQueue: e.HUZHU_SOLVER_QUEUE,
    solverHeapMb: e.HUZHU_SOLVER_HEAP_MB,
    auditKey: e.HUZHU_AUDIT_KEY,
    auditKeyFile: e.HUZHU_AUDIT_KEY_FILE,
    sessionIdleMinutes: e.HUZHU_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.HUZHU_SESSION_MAX_HOURS,
    sessionsPerUser: e.HUZHU_SESSIONS_PER_USER,
    requireSecondFactor: e.HUZHU_REQUIRE_2FA ?? Boolean(e.DATABASE_URL),
    secureCookies: e.HUZHU_SECURE_COOKIES,
    trustProxy: e.HUZHU_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    processes: e.HUZHU_PROCESSES,
  };
}
