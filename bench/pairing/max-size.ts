/**
 * The format's limits: 200,000 recipients, 500,000 helpers, 2,000,000 candidates (10 per
 * recipient, from nearby helpers, random scores). Checks that such a problem solves, and how long
 * and how much memory it takes. Not a target, a smoke test of the "must work" sizes.
 *   node --max-old-space-size=4096 --import tsx bench/pairing/max-size.ts
 */
import { type PairingProblem, solvePairing } from "@huzhu/domain";
import { mulberry32 } from "./generate.ts";

const recipients = 200_000;
const helpers = 500_000;
const perRecipient = 10;
const random = mulberry32(2_000_000);
const candidates: PairingProblem["candidates"] = [];
for (let r = 0; r < recipients; r++) {
  const used = new Set<number>();
  const home = Math.floor((r / recipients) * helpers);
  while (used.size < perRecipient) {
    const h = (home + Math.floor((random() - 0.5) * 2000) + helpers) % helpers;
    if (used.has(h)) continue;
    used.add(h);
    candidates.push({ helper: `h${h}`, recipient: `r${r}`, score: Math.floor(random() * 10001) });
  }
}
const problem: PairingProblem = {
  format: "huzhu.pairing.v1",
  recipients: Array.from({ length: recipients }, (_, r) => ({ id: `r${r}`, demand: random() < 0.15 ? 2 : 1 })),
  helpers: Array.from({ length: helpers }, (_, h) => ({ id: `h${h}`, capacity: random() < 0.5 ? 1 : 2 })),
  candidates,
};
const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const before = mb();
const start = performance.now();
const result = solvePairing(problem);
const seconds = (performance.now() - start) / 1000;
process.stdout.write(
  `${recipients} recipients, ${helpers} helpers, ${candidates.length} candidates: ` +
    `covered ${result.covered}, assigned ${result.assigned}, score ${result.score}; ` +
    `${seconds.toFixed(1)} s, peak RSS ${mb()} MB (${before} MB with the problem built)\n`,
);
