import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { careQueries } from "../api/queries.ts";

/** A member of the caller's roster, by part of their name (masked data only). */
export function MemberPicker(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const list = useQuery(careQueries.members(q));
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const options = useMemo(() => {
    const found = (list.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.primaryOrg.name}）` }));
    if (picked && picked.value === props.value && !found.some((o) => o.value === picked.value)) found.unshift(picked);
    return found;
  }, [list.data, picked, props.value]);
  return (
    <Select<number | null>
      id={props.id}
      data-testid={props["data-testid"]}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      size="large"
      value={props.value ?? null}
      onChange={(value) => {
        setPicked(options.find((o) => o.value === value) ?? null);
        props.onChange?.(value ?? null);
      }}
      placeholder={t("care.typeName")}
      loading={list.isFetching}
      notFoundContent={q && !list.isFetching ? t("care.noMember") : t("care.typeName")}
      options={options}
    />
  );
}
