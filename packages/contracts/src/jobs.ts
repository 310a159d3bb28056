import { z } from "zod";
import { pageQuery } from "./common.ts";

export const jobStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const jobStatus = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof jobStatus>;

/** A background job as its owner sees it (GET /api/jobs/{id}); nobody else sees it at all. */
export const job = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: jobStatus,
  /** 0–1 */
  progress: z.number().min(0).max(1),
  /** What it is doing, or why it failed, in the caller's language. */
  message: z.string().optional(),
  /** Where the finished job's file downloads from. */
  resultUrl: z.string().optional(),
  /** Small results (row counts…). */
  result: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof job>;

export const jobAccepted = z.object({ jobId: z.uuid() });
export type JobAccepted = z.infer<typeof jobAccepted>;

export const jobListQuery = pageQuery.extend({ status: jobStatus.optional() }).strict();
export type JobListQuery = z.infer<typeof jobListQuery>;

export const uuidParam = z.object({ id: z.uuid({ message: "validation.uuid" }) }).strict();
