import { Select } from "antd";
import { useMemo } from "react";
import { useMe } from "../lib/auth/me.ts";

/**
 * The organizations the user acts for (their roles' organizations): a secretary's own branch, a
 * coordinator's department. Claims, posts and records are made in one of these names; with one
 * organization it is chosen already.
 */
export function useOwnOrgs(only?: readonly number[]) {
  const { data: me } = useMe();
  return useMemo(() => {
    const seen = new Map<number, string>();
    for (const r of me?.roles ?? []) {
      if (r.orgId !== null && r.role !== "member" && !seen.has(r.orgId))
        seen.set(r.orgId, r.orgName ?? String(r.orgId));
    }
    const all = [...seen].map(([id, name]) => ({ id, name }));
    return only ? all.filter((o) => only.includes(o.id)) : all;
  }, [me, only]);
}

export function OwnOrgSelect(props: {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  options: { id: number; name: string }[];
  "aria-label"?: string;
}) {
  return (
    <Select<number | null>
      id={props.id}
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v ?? null)}
      options={props.options.map((o) => ({ value: o.id, label: o.name }))}
      aria-label={props["aria-label"]}
      size="large"
      style={{ width: "100%" }}
    />
  );
}
