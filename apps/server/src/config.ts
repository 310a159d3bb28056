import path from "node:path";
import { z } from "zod";

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
  /** A file holding HUZHU_DATA_KEY instead (e.g. a mounted secret). */
  HUZHU_DATA_KEY_FILE: z.string().optional(),
  /** Minutes of inactivity after which a session ends. */
  HUZHU_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Set when the server sits behind HTTPS, so the session cookie is marked Secure. */
  HUZHU_SECURE_COOKIES: bool.default(false),
  /** Trust X-Forwarded-For from a reverse proxy when recording client addresses. */
  HUZHU_TRUST_PROXY: bool.default(false),
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
  sessionIdleMinutes: number;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.HUZHU_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.HUZHU_DEMO ?? !e.DATABASE_URL,
    demoPassword: e.HUZHU_DEMO_PASSWORD,
    dataKey: e.HUZHU_DATA_KEY,
    dataKeyFile: e.HUZHU_DATA_KEY_FILE,
    sessionIdleMinutes: e.HUZHU_SESSION_IDLE_MINUTES,
    secureCookies: e.HUZHU_SECURE_COOKIES,
    trustProxy: e.HUZHU_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
  };
}
