import { useQuery } from "@tanstack/react-query";
import { Select, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { orgsQueries } from "../../lib/orgs/queries.ts";
import { useDebounced } from "../../lib/use-debounced.ts";

interface Option {
  value: number;
  label: string;
  path: string;
}

/**
 * Picks an active organization anywhere the caller may look one up, by typing part of its name.
 * For the security administrator, who grants roles without reading the tree (GET /api/orgs/lookup);
 * OrgSelect is the picker for users who work inside a jurisdiction.
 */
export function OrgLookupSelect(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const list = useQuery(orgsQueries.lookup({ q, page: 1, pageSize: 30 }));
  // The chosen option, kept so its name still shows once the search moves on or is cleared.
  const [picked, setPicked] = useState<Option | null>(null);

  const options = useMemo(() => {
    const found: Option[] = (q ? (list.data?.items ?? []) : []).map((o) => ({
      value: o.id,
      label: o.name,
      // Two nearest ancestors tell apart branches with the same name in different towns.
      path: o.path.slice(-2).join(" / "),
    }));
    if (picked && picked.value === props.value && !found.some((o) => o.value === picked.value)) found.unshift(picked);
    return found;
  }, [list.data, q, picked, props.value]);

  return (
    <Select<number | null>
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={props.value ?? null}
      onChange={(value) => {
        setPicked(options.find((o) => o.value === value) ?? null);
        props.onChange?.(value ?? null);
      }}
      onClear={() => setSearch("")}
      placeholder={props.placeholder ?? t("org.pickPlaceholder")}
      loading={list.isFetching}
      notFoundContent={q && !list.isFetching ? t("org.noResults") : t("org.typeToSearch")}
      options={options}
      optionRender={(option) => (
        <div>
          <div style={{ whiteSpace: "normal" }}>{option.data.label}</div>
          {option.data.path ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "normal" }}>
              {option.data.path}
            </Typography.Text>
          ) : null}
        </div>
      )}
      style={props.style}
      data-testid={props["data-testid"]}
    />
  );
}
