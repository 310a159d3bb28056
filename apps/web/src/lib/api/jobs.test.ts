import type { Job, JobStatus } from "@huzhu/contracts";
import type { Query } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { ApiError } from "./client.ts";
import { jobsQueries } from "./jobs.ts";

const job = (status: JobStatus): Job => ({
  id: crypto.randomUUID(),
  kind: "member.export",
  status,
  progress: status === "succeeded" ? 1 : 0.5,
  createdAt: "2026-11-30T09:00:00.000Z",
  finishedAt: null,
});

/** What a query's refetchInterval answers for the given state. */
function interval(options: { refetchInterval?: unknown }, state: { data?: unknown; error?: unknown }) {
  const fn = options.refetchInterval as (query: Query) => number | false;
  return fn({ state: { data: state.data, error: state.error ?? null } } as unknown as Query);
}

describe("jobsQueries", () => {
  it("keys every list under lists() and every job under all()", () => {
    expect(jobsQueries.list({ page: 2 }).queryKey.slice(0, 2)).toEqual([...jobsQueries.lists()]);
    expect(jobsQueries.detail("a").queryKey[0]).toBe(jobsQueries.all()[0]);
    expect(jobsQueries.detail("a").queryKey).not.toEqual(jobsQueries.list({}).queryKey);
  });

  it("asks for the list again only while one of its jobs waits or runs", () => {
    const list = jobsQueries.list({});
    const page = (...statuses: JobStatus[]) => ({ data: { items: statuses.map(job), total: statuses.length } });
    expect(interval(list, page("succeeded", "running"))).toBeGreaterThanOrEqual(2000);
    expect(interval(list, page("queued"))).toBeLessThanOrEqual(3000);
    expect(interval(list, page("succeeded", "failed", "cancelled"))).toBe(false);
    expect(interval(list, page())).toBe(false);
  });

  it("follows one job until it ends, and stops when it is refused", () => {
    const detail = jobsQueries.detail("a");
    expect(interval(detail, {})).toBe(1000);
    expect(interval(detail, { data: job("running") })).toBe(1000);
    expect(interval(detail, { data: job("succeeded") })).toBe(false);
    expect(interval(detail, { error: new ApiError(404, "notFound", "not found") })).toBe(false);
    // A network failure is not an answer: keep asking.
    expect(interval(detail, { error: new ApiError(0, "network", "offline") })).toBe(1000);
  });
});
