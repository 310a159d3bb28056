#!/usr/bin/env node
// The `huzhu` command. The server is TypeScript run through tsx (no build step), so register it first.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
