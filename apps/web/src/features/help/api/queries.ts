import type {
  Claim,
  ClaimListQuery,
  Need,
  NeedListQuery,
  NeedSuggestions,
  Project,
  ProjectDetail,
  ProjectListQuery,
  Resource,
  ResourceListQuery,
  ResourceSuggestions,
} from "@huzhu/contracts";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

export type NeedListParams = Partial<NeedListQuery>;
export type ClaimListParams = Partial<ClaimListQuery>;
export type ProjectListParams = Partial<ProjectListQuery>;
export type ResourceListParams = Partial<ResourceListQuery>;

export interface Page<T> {
  items: T[];
  total: number;
}

/** GET /api/needs: the needs the caller sees (own jurisdiction's, partners', the region's), filtered. */
export function listNeeds(params: NeedListParams, signal?: AbortSignal): Promise<Page<Need>> {
  return api.get<Page<Need>>("/api/needs", { ...params }, signal);
}

export function getNeed(id: number, signal?: AbortSignal): Promise<Need> {
  return api.get<Need>(`/api/needs/${id}`, undefined, signal);
}

/** GET /api/claims: claims the caller's organizations made or received. */
export function listClaims(params: ClaimListParams, signal?: AbortSignal): Promise<Page<Claim>> {
  return api.get<Page<Claim>>("/api/claims", { ...params }, signal);
}

export function listProjects(params: ProjectListParams, signal?: AbortSignal): Promise<Page<Project>> {
  return api.get<Page<Project>>("/api/projects", { ...params }, signal);
}

export function getProject(id: number, signal?: AbortSignal): Promise<ProjectDetail> {
  return api.get<ProjectDetail>(`/api/projects/${id}`, undefined, signal);
}

export function listResources(params: ResourceListParams, signal?: AbortSignal): Promise<Page<Resource>> {
  return api.get<Page<Resource>>("/api/resources", { ...params }, signal);
}

export function getResource(id: number, signal?: AbortSignal): Promise<Resource> {
  return api.get<Resource>(`/api/resources/${id}`, undefined, signal);
}

/** GET /api/needs/{id}/suggestions: helper organizations and resources, top 10 each (403 without help.write/assign). */
export function getNeedSuggestions(id: number, signal?: AbortSignal): Promise<NeedSuggestions> {
  return api.get<NeedSuggestions>(`/api/needs/${id}/suggestions`, undefined, signal);
}

/** GET /api/resources/{id}/suggestions: open needs the resource fits, top 10. */
export function getResourceSuggestions(id: number, signal?: AbortSignal): Promise<ResourceSuggestions> {
  return api.get<ResourceSuggestions>(`/api/resources/${id}/suggestions`, undefined, signal);
}

/** Mutual help's queries: needs, claims, projects and resources (issue 8). */
export const helpQueries = {
  all: () => ["help"] as const,
  needs: () => [...helpQueries.all(), "needs"] as const,
  needLists: () => [...helpQueries.needs(), "list"] as const,
  needList: (params: NeedListParams) =>
    queryOptions({
      queryKey: [...helpQueries.needLists(), params] as const,
      queryFn: ({ signal }) => listNeeds(params, signal),
      placeholderData: keepPreviousData,
    }),
  need: (id: number) =>
    queryOptions({
      queryKey: [...helpQueries.needs(), "detail", id] as const,
      queryFn: ({ signal }) => getNeed(id, signal),
    }),
  needSuggestions: (id: number) =>
    queryOptions({
      queryKey: [...helpQueries.needs(), "suggestions", id] as const,
      queryFn: ({ signal }) => getNeedSuggestions(id, signal),
    }),
  claims: () => [...helpQueries.all(), "claims"] as const,
  claimList: (params: ClaimListParams) =>
    queryOptions({
      queryKey: [...helpQueries.claims(), params] as const,
      queryFn: ({ signal }) => listClaims(params, signal),
      placeholderData: keepPreviousData,
    }),
  projects: () => [...helpQueries.all(), "projects"] as const,
  projectList: (params: ProjectListParams) =>
    queryOptions({
      queryKey: [...helpQueries.projects(), "list", params] as const,
      queryFn: ({ signal }) => listProjects(params, signal),
      placeholderData: keepPreviousData,
    }),
  project: (id: number) =>
    queryOptions({
      queryKey: [...helpQueries.projects(), "detail", id] as const,
      queryFn: ({ signal }) => getProject(id, signal),
    }),
  resources: () => [...helpQueries.all(), "resources"] as const,
  resource: (id: number) =>
    queryOptions({
      queryKey: [...helpQueries.resources(), "detail", id] as const,
      queryFn: ({ signal }) => getResource(id, signal),
    }),
  resourceSuggestions: (id: number) =>
    queryOptions({
      queryKey: [...helpQueries.resources(), "suggestions", id] as const,
      queryFn: ({ signal }) => getResourceSuggestions(id, signal),
    }),
  resourceList: (params: ResourceListParams) =>
    queryOptions({
      queryKey: [...helpQueries.resources(), params] as const,
      queryFn: ({ signal }) => listResources(params, signal),
      placeholderData: keepPreviousData,
    }),
};
