// `npm start`: build the web app if its sources changed, then run the server (TypeScript through
// tsx). The server migrates the database and, on an empty embedded database, loads the demo county.
import { buildWebIfStale, root, run } from "./lib.mjs";

const built = await buildWebIfStale();
if (built !== 0) process.exit(built);
const code = await run(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], { cwd: root });
process.exit(code);
