import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

/** Configuration from the environment: documented defaults, and clear messages for mistakes. */
describe("loadConfig", () => {
  const KEY = "a".repeat(64);
  const AUDIT_KEY = "b".repeat(64);
  const errorOf = (env: NodeJS.ProcessEnv): ConfigError => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
  };

  it("has the documented defaults: port 3000 on 127.0.0.1, ./data, embedded database, demo on", () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: "127.0.0.1",
      dataDir: path.resolve("./data"),
      databaseUrl: undefined,
      demo: true,
      demoPassword: undefined,
      dataKey: undefined,
      dataKeyFile: undefined,
      dataKeyPrevious: undefined,
      dataKeyPreviousFile: undefined,
      cipher: "aes-256-gcm",
      solverWorkers: undefined,
      solverQueue: 4,
      solverHeapMb: 512,
      auditKey: undefined,
      auditKeyFile: undefined,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      sessionsPerUser: 5,
      // Off for the embedded demo, on by default with DATABASE_URL (see below).
      requireSecondFactor: false,
      secureCookies: false,
      trustProxy: false,
      logLevel: "warn",
      processes: 1,
    });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      HUZHU_DATA_DIR: "/var/lib/huzhu",
      DATABASE_URL: "postgresql://huzhu@db:5432/huzhu",
      HUZHU_DEMO: "yes",
      HUZHU_DEMO_PASSWORD: "long enough",
      HUZHU_DATA_KEY: KEY,
      HUZHU_DATA_KEY_PREVIOUS_FILE: "/run/secrets/huzhu-previous.key",
      HUZHU_CIPHER: "sm4",
      HUZHU_SOLVER_WORKERS: "3",
      HUZHU_SOLVER_QUEUE: "0",
      HUZHU_SOLVER_HEAP_MB: "2048",
      HUZHU_AUDIT_KEY: AUDIT_KEY,
      HUZHU_SESSION_IDLE_MINUTES: "15",
      HUZHU_SESSION_MAX_HOURS: "8",
      HUZHU_SESSIONS_PER_USER: "2",
      HUZHU_REQUIRE_2FA: "false",
      HUZHU_SECURE_COOKIES: "true",
      HUZHU_TRUST_PROXY: "1",
      LOG_LEVEL: "info",
      HUZHU_PROCESSES: "3",
    });
    expect(config).toEqual({
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/var/lib/huzhu",
      databaseUrl: "postgresql://huzhu@db:5432/huzhu",
      demo: true,
      demoPassword: "long enough",
      dataKey: KEY,
      dataKeyFile: undefined,
      dataKeyPrevious: undefined,
      dataKeyPreviousFile: "/run/secrets/huzhu-previous.key",
      cipher: "sm4",
      solverWorkers: 3,
      solverQueue: 0,
      solverHeapMb: 2048,
      auditKey: AUDIT_KEY,
      auditKeyFile: undefined,
      sessionIdleMinutes: 15,
      sessionMaxHours: 8,
      sessionsPerUser: 2,
      requireSecondFactor: false,
      secureCookies: true,
      trustProxy: true,
      logLevel: "info",
      processes: 3,
    });
  });

  it("names a cipher it does not offer and solver limits out of range", () => {
    expect(errorOf({ HUZHU_CIPHER: "des" }).message).toMatch(/\n {2}HUZHU_CIPHER: /);
    expect(errorOf({ HUZHU_SOLVER_WORKERS: "0" }).message).toMatch(/\n {2}HUZHU_SOLVER_WORKERS: /);
    expect(errorOf({ HUZHU_SOLVER_HEAP_MB: "16" }).message).toMatch(/\n {2}HUZHU_SOLVER_HEAP_MB: /);
  });

  it("runs one process unless HUZHU_PROCESSES says more, which needs a PostgreSQL server", () => {
    expect(loadConfig({}).processes).toBe(1);
    expect(errorOf({ HUZHU_PROCESSES: "2" }).message).toMatch(/HUZHU_PROCESSES above 1 needs DATABASE_URL/);
    expect(errorOf({ HUZHU_PROCESSES: "0" }).message).toMatch(/\n {2}HUZHU_PROCESSES: /);
    const pg = { DATABASE_URL: "postgres://h/db", HUZHU_DATA_KEY: "k", HUZHU_AUDIT_KEY: "a" };
    expect(loadConfig({ ...pg, HUZHU_PROCESSES: "4" }).processes).toBe(4);
  });

  it("requires two-factor sign-in by default with a PostgreSQL server, not for the embedded demo", () => {
    expect(loadConfig({}).requireSecondFactor).toBe(false);
    expect(
      loadConfig({ DATABASE_URL: "postgres://db/huzhu", HUZHU_DATA_KEY: KEY, HUZHU_AUDIT_KEY: AUDIT_KEY })
        .requireSecondFactor,
    ).toBe(true);
    expect(
      loadConfig({
        DATABASE_URL: "postgres://db/huzhu",
        HUZHU_DATA_KEY: KEY,
        HUZHU_AUDIT_KEY: AUDIT_KEY,
        HUZHU_REQUIRE_2FA: "off",
      }).requireSecondFactor,
    ).toBe(false);
    expect(errorOf({ HUZHU_SESSIONS_PER_USER: "0" }).message).toMatch(/\n {2}HUZHU_SESSIONS_PER_USER: /);
  });

  it("treats empty variables as unset and ignores ones it does not know", () => {
    expect(loadConfig({ PORT: "", HUZHU_DEMO: "", NODE_ENV: "production", PATH: "/usr/bin" }).port).toBe(3000);
  });

  it("rejects a bad PORT with a message naming PORT", () => {
    for (const port of ["abc", "0", "65536", "80.5", "-1"]) {
      const error = errorOf({ PORT: port });
      expect(error.message, port).toMatch(/^Invalid configuration:\n {2}PORT: /);
    }
  });

  it("names each bad variable, all at once", () => {
    const error = errorOf({
      DATABASE_URL: "mysql://x",
      HUZHU_DEMO: "maybe",
      HUZHU_DEMO_PASSWORD: "short",
      LOG_LEVEL: "loud",
    });
    expect(error.message).toContain("DATABASE_URL: must start with postgres:// or postgresql://");
    expect(error.message).toMatch(/HUZHU_DEMO: /);
    expect(error.message).toContain("HUZHU_DEMO_PASSWORD: must be at least 8 characters");
    expect(error.message).toMatch(/LOG_LEVEL: /);
  });

  it("requires the personal-data key from the environment with DATABASE_URL", () => {
    const error = errorOf({ DATABASE_URL: "postgres://db/huzhu", HUZHU_AUDIT_KEY: AUDIT_KEY });
    expect(error.message).toContain("HUZHU_DATA_KEY or HUZHU_DATA_KEY_FILE is required with DATABASE_URL");
    const server = { DATABASE_URL: "postgres://db/huzhu", HUZHU_AUDIT_KEY: AUDIT_KEY };
    expect(loadConfig({ ...server, HUZHU_DATA_KEY: KEY }).dataKey).toBe(KEY);
    expect(loadConfig({ ...server, HUZHU_DATA_KEY_FILE: "/run/secrets/key" }).dataKeyFile).toBe("/run/secrets/key");
  });

  it("requires the audit key, a secret of its own, from the environment with DATABASE_URL", () => {
    const error = errorOf({ DATABASE_URL: "postgres://db/huzhu", HUZHU_DATA_KEY: KEY });
    expect(error.message).toContain("HUZHU_AUDIT_KEY or HUZHU_AUDIT_KEY_FILE is required with DATABASE_URL");
    const server = { DATABASE_URL: "postgres://db/huzhu", HUZHU_DATA_KEY: KEY };
    expect(loadConfig({ ...server, HUZHU_AUDIT_KEY: AUDIT_KEY }).auditKey).toBe(AUDIT_KEY);
    expect(loadConfig({ ...server, HUZHU_AUDIT_KEY_FILE: "/run/secrets/audit" }).auditKeyFile).toBe(
      "/run/secrets/audit",
    );
    // The embedded database generates its own (audit.key in the data folder).
    expect(loadConfig({}).auditKey).toBeUndefined();
  });

  it("loads the demo by default on the embedded database only, unless HUZHU_DEMO says otherwise", () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ HUZHU_DEMO: "false" }).demo).toBe(false);
    expect(loadConfig({ HUZHU_DEMO: "off" }).demo).toBe(false);
    const server = { DATABASE_URL: "postgres://db/huzhu", HUZHU_DATA_KEY: KEY, HUZHU_AUDIT_KEY: AUDIT_KEY };
    expect(loadConfig(server).demo).toBe(false);
    expect(loadConfig({ ...server, HUZHU_DEMO: "true" }).demo).toBe(true);
    expect(loadConfig({ ...server, HUZHU_DEMO: "0" }).demo).toBe(false);
  });
});
