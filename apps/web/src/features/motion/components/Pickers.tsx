import type { Member } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../lib/api/client.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { motionQueries } from "../api/queries.ts";

/** An organization anywhere on the platform, by part of its name (a destination: names only). */
export function DestinationSelect(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const list = useQuery(motionQueries.destinations(q));
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const options = useMemo(() => {
    const found = (list.data?.items ?? []).map((o) => ({
      value: o.id,
      label: o.parentName ? `${o.name}（${o.parentName}）` : o.name,
    }));
    if (picked && picked.value === props.value && !found.some((o) => o.value === picked.value)) found.unshift(picked);
    return found;
  }, [list.data, picked, props.value]);
  return (
    <Select<number | null>
      id={props.id}
      data-testid={props["data-testid"]}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={props.value ?? null}
      onChange={(value) => {
        setPicked(options.find((o) => o.value === value) ?? null);
        props.onChange?.(value ?? null);
      }}
      placeholder={t("motion.pickOrg")}
      loading={list.isFetching}
      notFoundContent={q && !list.isFetching ? t("org.noResults") : t("org.typeToSearch")}
      options={options}
    />
  );
}

/** A member of the caller's roster, by part of their name (masked data only). */
export function MemberSelect(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const list = useQuery({
    queryKey: ["motion", "members", q] as const,
    queryFn: ({ signal }) =>
      api.get<{ items: Member[]; total: number }>("/api/members", { q, page: 1, pageSize: 30 }, signal),
    enabled: q.length > 0,
  });
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const options = useMemo(() => {
    const found = (list.data?.items ?? []).map((m) => ({
      value: m.id,
      label: `${m.name}（${m.primaryOrg.name}）`,
    }));
    if (picked && picked.value === props.value && !found.some((o) => o.value === picked.value)) found.unshift(picked);
    return found;
  }, [list.data, picked, props.value]);
  return (
    <Select<number | null>
      id={props.id}
      data-testid={props["data-testid"]}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={props.value ?? null}
      onChange={(value) => {
        setPicked(options.find((o) => o.value === value) ?? null);
        props.onChange?.(value ?? null);
      }}
      placeholder={t("motion.pickMember")}
      loading={list.isFetching}
      notFoundContent={q && !list.isFetching ? t("motion.noMember") : t("motion.typeName")}
      options={options}
    />
  );
}
