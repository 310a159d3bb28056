import type { MemberListQuery } from "@huzhu/contracts";

export type MemberListParams = Partial<MemberListQuery>;

export const memberKeys = {
  all: ["members"] as const,
  lists: () => [...memberKeys.all, "list"] as const,
  list: (params: MemberListParams) => [...memberKeys.lists(), params] as const,
  detail: (id: number) => [...memberKeys.all, "detail", id] as const,
};
