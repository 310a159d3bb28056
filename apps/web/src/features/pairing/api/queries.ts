import type {
  CreateJointBranchBody,
  CreatePairingRoundBody,
  JobAccepted,
  JointBranch,
  Pairing,
  PairingDetail,
  PairingJointBranch,
  PairingListQuery,
  PairingPairBody,
  PairingRound,
  PairingRoundListQuery,
  PairingRoundPreview,
  PairingRoundResult,
  PublishPairingRoundResponse,
  RecordVisitBody,
} from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api, apiRequest } from "../../../lib/api/client.ts";

export type RoundListParams = Partial<PairingRoundListQuery>;
export type PairingListParams = Partial<PairingListQuery>;

export interface Page<T> {
  items: T[];
  total: number;
}

/** Pairing rounds (结对轮次, issue 9): a coordinator's rounds over their jurisdiction. */
export const listRounds = (params: RoundListParams, signal?: AbortSignal) =>
  api.get<Page<PairingRound>>("/api/pairing-rounds", { ...params }, signal);
export const getRound = (id: number, signal?: AbortSignal) =>
  api.get<PairingRound>(`/api/pairing-rounds/${id}`, undefined, signal);
export const getPreview = (id: number, signal?: AbortSignal) =>
  api.get<PairingRoundPreview>(`/api/pairing-rounds/${id}/preview`, undefined, signal);
export const getResult = (id: number, signal?: AbortSignal) =>
  api.get<PairingRoundResult>(`/api/pairing-rounds/${id}/result`, undefined, signal);

export const createRound = (body: CreatePairingRoundBody) => api.post<PairingRound>("/api/pairing-rounds", body);
export const copyRound = (id: number, name?: string) =>
  api.post<PairingRound>(`/api/pairing-rounds/${id}/copy`, name ? { name } : {});
export const runRound = (id: number) => api.post<JobAccepted>(`/api/pairing-rounds/${id}/run`);
export const publishRound = (id: number) =>
  api.post<PublishPairingRoundResponse>(`/api/pairing-rounds/${id}/publish`, {});

/** What-if edits: each re-solves at once and answers the new result. */
export type RoundEdit =
  | { kind: "lock" | "unlock" | "forbid" | "allow"; pair: PairingPairBody }
  | { kind: "capacity"; orgId: number; capacity: number | null }
  | { kind: "demand"; orgId: number; demand: number | null };

export function editRound(id: number, edit: RoundEdit): Promise<PairingRoundResult> {
  const base = `/api/pairing-rounds/${id}`;
  switch (edit.kind) {
    case "lock":
      return api.post(`${base}/locks`, edit.pair);
    case "forbid":
      return api.post(`${base}/forbids`, edit.pair);
    case "unlock":
      return apiRequest(`${base}/locks`, { method: "DELETE", query: { ...edit.pair } });
    case "allow":
      return apiRequest(`${base}/forbids`, { method: "DELETE", query: { ...edit.pair } });
    case "capacity":
      return apiRequest(`${base}/capacities`, { method: "PUT", body: { orgId: edit.orgId, capacity: edit.capacity } });
    case "demand":
      return apiRequest(`${base}/demands`, { method: "PUT", body: { orgId: edit.orgId, demand: edit.demand } });
  }
}

/** Pairings (结对): those of the caller's jurisdiction, or their own organizations'. */
export const listPairings = (params: PairingListParams, signal?: AbortSignal) =>
  api.get<Page<Pairing>>("/api/pairings", { ...params }, signal);
export const getPairing = (id: number, signal?: AbortSignal) =>
  api.get<PairingDetail>(`/api/pairings/${id}`, undefined, signal);
export const recordVisit = (id: number, body: RecordVisitBody) =>
  api.post<PairingDetail>(`/api/pairings/${id}/visits`, body);

/** A pairing's joint branch (联建) and whether the caller may form one; forming it. */
export const getJointBranch = (id: number, signal?: AbortSignal) =>
  api.get<PairingJointBranch>(`/api/pairings/${id}/joint-branch`, undefined, signal);
export const formJointBranch = (id: number, body: CreateJointBranchBody) =>
  api.post<JointBranch>(`/api/pairings/${id}/joint-branch`, body);

export const problemPath = (id: number) => `/api/pairing-rounds/${id}/problem`;
export const agreementPath = (id: number) => `/api/pairings/${id}/agreement`;

export const pairingQueries = {
  all: () => ["pairing"] as const,
  rounds: () => [...pairingQueries.all(), "rounds"] as const,
  roundList: (params: RoundListParams) =>
    queryOptions({
      queryKey: [...pairingQueries.rounds(), "list", params] as const,
      queryFn: ({ signal }) => listRounds(params, signal),
      placeholderData: keepPreviousData,
    }),
  round: (id: number) =>
    queryOptions({
      queryKey: [...pairingQueries.rounds(), "detail", id] as const,
      queryFn: ({ signal }) => getRound(id, signal),
    }),
  preview: (id: number) =>
    queryOptions({
      queryKey: [...pairingQueries.rounds(), "preview", id] as const,
      queryFn: ({ signal }) => getPreview(id, signal),
    }),
  result: (id: number) =>
    queryOptions({
      queryKey: [...pairingQueries.rounds(), "result", id] as const,
      queryFn: ({ signal }) => getResult(id, signal),
    }),
  pairings: () => [...pairingQueries.all(), "pairings"] as const,
  pairingList: (params: PairingListParams) =>
    queryOptions({
      queryKey: [...pairingQueries.pairings(), "list", params] as const,
      queryFn: ({ signal }) => listPairings(params, signal),
      placeholderData: keepPreviousData,
    }),
  pairing: (id: number) =>
    queryOptions({
      queryKey: [...pairingQueries.pairings(), "detail", id] as const,
      queryFn: ({ signal }) => getPairing(id, signal),
    }),
  jointBranch: (id: number) =>
    queryOptions({
      queryKey: [...pairingQueries.pairings(), "joint-branch", id] as const,
      queryFn: ({ signal }) => getJointBranch(id, signal),
    }),
};
