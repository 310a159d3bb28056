import type {
  CreateSecondmentBody,
  Secondment,
  SecondmentEvaluationBody,
  SecondmentListQuery,
  SecondmentLogBody,
} from "@huzhu/contracts";
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../lib/api/client.ts";

/** Secondments (城乡干部双向交流, issue 11). */
export const secondmentQueries = {
  all: () => ["secondments"] as const,
  list: (params: Partial<SecondmentListQuery>) =>
    queryOptions({
      queryKey: [...secondmentQueries.all(), "list", params] as const,
      queryFn: ({ signal }) =>
        api.get<{ items: Secondment[]; total: number }>("/api/secondments", { ...params }, signal),
      placeholderData: keepPreviousData,
    }),
};

function useSecondmentWrite<V>(write: (v: V) => Promise<Secondment>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secondmentQueries.all() }),
  });
}

export const useCreateSecondment = () =>
  useSecondmentWrite((body: CreateSecondmentBody) => api.post<Secondment>("/api/secondments", body));
export const useLogSecondment = (id: number) =>
  useSecondmentWrite((body: SecondmentLogBody) => api.post<Secondment>(`/api/secondments/${id}/logs`, body));
export const useEvaluateSecondment = (id: number) =>
  useSecondmentWrite((body: SecondmentEvaluationBody) => api.post<Secondment>(`/api/secondments/${id}/evaluate`, body));
