// How long the demo county takes to generate (it runs at the first `npm start`). A benchmark, not a
// test: a duration asserted in a test fails on a slower or busier machine (DESIGN.md rule 9).
//
//   node --import tsx bench/foundation/demo-generate.ts
import { generateDemoCounty } from "../../apps/server/src/demo/generate.ts";

const runs: number[] = [];
let members = 0;
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const county = await generateDemoCounty({ today: "2025-06-30" });
  runs.push(performance.now() - started);
  members = county.members.length;
}
runs.sort((a, b) => a - b);
console.log(
  `generateDemoCounty: ${members} members; median ${runs[2]?.toFixed(0)} ms, best ${runs[0]?.toFixed(0)} ms (5 runs)`,
);
