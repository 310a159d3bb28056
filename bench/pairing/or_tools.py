"""Google OR-Tools' C++ min-cost flow (SimpleMinCostFlow) on a huzhu.pairing.v1 problem.

    python bench/pairing/or_tools.py  (not ortools.py: that name would hide the package) PROBLEM.json [--runs 5]

Prints one JSON line: covered, assigned, score, and the wall time of each `solve()` call (the
only part timed against our solver), plus the time to read the file and to add the arcs.

The network is the one packages/domain/src/pairing/model.ts builds: S -> helper (capacity minus
its locked pairs), helper -> recipient per allowed candidate (capacity 1, cost -score),
recipient -> T twice (a "coverage" arc of capacity 1, 0 if a lock already covers it, cost
-(W1 + W2); an "extra" arc of capacity demand - max(1, locks), cost -W2), and T -> S closing the
circulation (all supplies 0). Locked pairs are counted in the answer and take their helper's
capacity and their recipient's demand; forbidden candidates get no arc. Every candidate that is
neither locked nor forbidden gets its arc, also when its helper or recipient has nothing left
(the same network our solver had before its presolve).

Min-cost flow has one objective, so the lexicographic (covered, assigned, score) needs big-M
weights: the same W1, W2 as our solver (`objectiveWeights` in model.ts: W2 = 2*B + 1,
W1 = 4*W2 + 2*B + 1 with B = 10000 * (min(candidates, helpers + recipients) + 1)). They are
large enough for every simple cycle, hence for the optimum; OR-Tools takes them as int64 costs.

Not a dependency of the platform: install into a venv (see bench/README.md).
"""

import argparse
import json
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow

MAX_SCORE = 10000


def weights(candidates, helpers, recipients):
    score_bound = MAX_SCORE * (min(candidates, helpers + recipients) + 1)
    w2 = 2 * score_bound + 1
    w1 = 4 * w2 + 2 * score_bound + 1
    return w1, w2


def build(problem):
    recipients = problem["recipients"]
    helpers = problem["helpers"]
    candidates = problem["candidates"]
    nr, nh, m = len(recipients), len(helpers), len(candidates)
    r_index = {r["id"]: i for i, r in enumerate(recipients)}
    h_index = {h["id"]: i for i, h in enumerate(helpers)}
    pair = lambda p: (h_index[p["helper"]], r_index[p["recipient"]])
    locked = set(pair(p) for p in problem.get("locked") or [])
    forbidden = set(pair(p) for p in problem.get("forbidden") or [])
    w1, w2 = weights(m, nh, nr)

    helper_locks = np.zeros(nh, dtype=np.int64)
    recipient_locks = np.zeros(nr, dtype=np.int64)
    locked_score = 0
    ch, cr, cs = [], [], []
    for c in candidates:
        h, r = h_index[c["helper"]], r_index[c["recipient"]]
        if (h, r) in locked:
            helper_locks[h] += 1
            recipient_locks[r] += 1
            locked_score += c["score"]
            continue
        if (h, r) in forbidden:
            continue
        ch.append(h)
        cr.append(r)
        cs.append(c["score"])
    ch = np.array(ch, dtype=np.int32)
    cr = np.array(cr, dtype=np.int32)
    cs = np.array(cs, dtype=np.int64)
    capacity = np.array([h["capacity"] for h in helpers], dtype=np.int64)
    demand = np.array([r["demand"] for r in recipients], dtype=np.int64)

    # Nodes: 0 = S, 1 = T, 2.. helpers, then recipients.
    S, T = 0, 1
    helper_node = 2 + np.arange(nh, dtype=np.int32)
    recipient_node = 2 + nh + np.arange(nr, dtype=np.int32)
    k = len(ch)
    tails = np.concatenate([
        helper_node[ch],
        np.full(nh, S, dtype=np.int32),
        recipient_node,
        recipient_node,
        np.array([T], dtype=np.int32),
    ])
    heads = np.concatenate([
        recipient_node[cr],
        helper_node,
        np.full(nr, T, dtype=np.int32),
        np.full(nr, T, dtype=np.int32),
        np.array([S], dtype=np.int32),
    ])
    caps = np.concatenate([
        np.ones(k, dtype=np.int64),
        np.maximum(0, capacity - helper_locks),
        np.where(recipient_locks == 0, 1, 0).astype(np.int64),
        np.maximum(0, demand - np.maximum(1, recipient_locks)),
        np.array([int(capacity.sum())], dtype=np.int64),
    ])
    costs = np.concatenate([
        -cs,
        np.zeros(nh, dtype=np.int64),
        np.full(nr, -(w1 + w2), dtype=np.int64),
        np.full(nr, -w2, dtype=np.int64),
        np.zeros(1, dtype=np.int64),
    ])
    return {
        "tails": tails, "heads": heads, "caps": caps, "costs": costs, "nodes": 2 + nh + nr,
        "k": k, "cr": cr, "cs": cs, "nr": nr,
        "recipient_locks": recipient_locks, "locks": len(locked), "locked_score": locked_score,
    }


def solve_once(net):
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(net["tails"], net["heads"], net["caps"], net["costs"])
    smcf.set_nodes_supplies(np.arange(net["nodes"]), np.zeros(net["nodes"], dtype=np.int64))
    started = time.perf_counter()
    status = smcf.solve()
    solve_ms = (time.perf_counter() - started) * 1000
    if status != smcf.OPTIMAL:
        raise SystemExit(f"OR-Tools: status {status}")
    flows = smcf.flows(arcs[: net["k"]])
    chosen = flows > 0
    got = np.bincount(net["cr"][chosen], minlength=net["nr"]) + net["recipient_locks"]
    return solve_ms, {
        "covered": int((got > 0).sum()),
        "assigned": int(chosen.sum()) + net["locks"],
        "score": int(net["cs"][chosen].sum()) + net["locked_score"],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("problem")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    with open(args.problem, encoding="utf-8") as f:
        problem = json.load(f)
    read_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    net = build(problem)
    build_ms = (time.perf_counter() - started) * 1000
    solves = []
    answer = None
    for _ in range(args.runs):
        ms, objective = solve_once(net)
        if answer is not None and objective != answer:
            raise SystemExit(f"OR-Tools: runs disagree: {answer} vs {objective}")
        answer = objective
        solves.append(ms)
    from ortools import __version__ as version
    json.dump({**answer, "solveMs": solves, "readMs": read_ms, "buildMs": build_ms, "arcs": int(len(net["tails"])),
               "ortools": version}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
