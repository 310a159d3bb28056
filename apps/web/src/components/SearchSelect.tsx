import { type QueryKey, type UseQueryOptions, useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useMemo, useState } from "react";
import { useDebounced } from "../lib/use-debounced.ts";

export interface SearchOption {
  value: number;
  label: string;
}

/**
 * A select that searches as one types (debounced, so a slow link is not sent every keystroke) and
 * keeps the picked option's label once the search moves on or is cleared. The pickers of records
 * too many to list (members, organizations anywhere) are this with their own query and label.
 */
export function SearchSelect<Data extends { items: unknown[] }, Key extends QueryKey>(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  "data-testid"?: string;
  size?: "large";
  /** The query for a search text (enabled only when there is one). */
  search: (q: string) => UseQueryOptions<Data, Error, Data, Key>;
  toOption: (item: Data["items"][number]) => SearchOption;
  placeholder: string;
  /** Shown when a search found nothing. */
  noResults: string;
}) {
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const list = useQuery(props.search(q));
  const [picked, setPicked] = useState<SearchOption | null>(null);
  const { toOption, value } = props;
  const options = useMemo(() => {
    const found = (list.data?.items ?? []).map(toOption);
    if (picked && picked.value === value && !found.some((o) => o.value === picked.value)) found.unshift(picked);
    return found;
  }, [list.data, picked, value, toOption]);
  return (
    <Select<number | null>
      id={props.id}
      data-testid={props["data-testid"]}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      size={props.size}
      value={value ?? null}
      onChange={(next) => {
        setPicked(options.find((o) => o.value === next) ?? null);
        props.onChange?.(next ?? null);
      }}
      placeholder={props.placeholder}
      loading={list.isFetching}
      notFoundContent={q && !list.isFetching ? props.noResults : props.placeholder}
      options={options}
    />
  );
}
