/**
 * `huzhu` command-line entry. Each command lives in its own file and is loaded only when used,
 * so `huzhu pairing solve` does not pay for the database driver and the web server.
 * Exit status: 0 success, 1 failure, 2 bad usage or bad input.
 */
type Command = { summary: string; run: (args: string[]) => Promise<number> };

const commands: Record<string, Command> = {
  "db migrate": {
    summary: "run database migrations (DATABASE_URL or the embedded database in HUZHU_DATA_DIR)",
    run: async (args) => (await import("./db-migrate.ts")).runDbMigrate(args),
  },
  "keys rotate": {
    summary: "re-encrypt personal data under HUZHU_DATA_KEY, reading HUZHU_DATA_KEY_PREVIOUS; resumable",
    run: async (args) => (await import("./keys.ts")).runKeys("rotate", args),
  },
  "keys status": {
    summary: "count the personal-data values under each key",
    run: async (args) => (await import("./keys.ts")).runKeys("status", args),
  },
  "audit verify": {
    summary: "check the audit log's MAC chain; exit 1 naming the first changed, removed or reordered record",
    run: async (args) => (await import("./audit-verify.ts")).runAuditVerify(args),
  },
  "import members": {
    summary: "check (and with --commit write) a members workbook: huzhu import members FILE --org CODE [--commit]",
    run: async (args) => (await import("./import.ts")).runImportMembers(args),
  },
  "demo load": {
    summary: "load a generated province, city or county into an empty database: huzhu demo load --region CODE",
    run: async (args) => (await import("./demo-load.ts")).runDemoLoad(args),
  },
  "pairing solve": {
    summary: "solve a huzhu.pairing.v1 problem: huzhu pairing solve FILE|-",
    run: async (args) => (await import("./pairing-solve.ts")).runPairingSolve(args),
  },
};

function usage(): string {
  return ["usage: huzhu <command>", ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(16)} ${c.summary}`)].join(
    "\n",
  );
}

export async function main(argv: string[]): Promise<number> {
  const name = argv.slice(0, 2).join(" ");
  const command = commands[name];
  if (!command) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  return command.run(argv.slice(2));
}
