import { useQuery } from "@tanstack/react-query";
import { Select, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { orgsQueries } from "../../lib/orgs/queries.ts";
import { useDebounced } from "../../lib/use-debounced.ts";

export interface OrgOption {
  id: number;
  name: string;
}

/**
 * Picks an organization of the caller's jurisdiction by typing part of its name. Without a search
 * term it offers the jurisdiction's roots (for a secretary: their own branch).
 */
export function OrgSelect(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Label for the current value when it is not among the search results. */
  current?: OrgOption | null;
  exclude?: number;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const list = useQuery(orgsQueries.list(q ? { q, page: 1, pageSize: 30 } : { page: 1, pageSize: 30 }));

  const options = useMemo(() => {
    const items = (list.data?.items ?? []).filter((o) => o.id !== props.exclude);
    const result = items.map((o) => ({
      value: o.id,
      label: o.name,
      path: o.ancestors
        .slice(-2)
        .map((a) => a.name)
        .join(" / "),
    }));
    const current = props.current;
    if (current && current.id === props.value && !result.some((o) => o.value === current.id)) {
      result.unshift({ value: current.id, label: current.name, path: "" });
    }
    return result;
  }, [list.data, props.current, props.value, props.exclude]);

  return (
    <Select<number | null>
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={props.allowClear}
      value={props.value ?? null}
      onChange={(value) => props.onChange?.(value ?? null)}
      onClear={() => setSearch("")}
      placeholder={props.placeholder ?? t("org.pickPlaceholder")}
      loading={list.isFetching}
      options={options}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.path ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {option.data.path}
            </Typography.Text>
          ) : null}
        </div>
      )}
      style={props.style}
      popupMatchSelectWidth={false}
      data-testid={props["data-testid"]}
    />
  );
}
