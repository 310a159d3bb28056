import { roles } from "@huzhu/contracts";
import { Button, Flex, Input, Select } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UserListParams } from "../api/queries.ts";

/** Search by username or name, and a role filter; one row on a desktop, stacked on a phone. */
export function UserFilters(props: {
  filters: UserListParams;
  onChange: (patch: Partial<UserListParams>) => void;
  onReset: () => void;
  phone: boolean;
}) {
  const { t } = useTranslation();
  const { filters, onChange } = props;
  const [q, setQ] = useState(filters.q ?? "");

  useEffect(() => setQ(filters.q ?? ""), [filters.q]);

  return (
    <Flex wrap gap={8} align="center">
      <Input.Search
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        placeholder={t("account.searchPlaceholder")}
        aria-label={t("account.searchPlaceholder")}
        style={{ width: props.phone ? "100%" : 240 }}
        data-testid="user-search"
      />
      <Select
        allowClear
        placeholder={t("account.roleFilter")}
        aria-label={t("account.roleFilter")}
        value={filters.role}
        onChange={(role) => onChange({ role })}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        style={{ width: props.phone ? undefined : 160, flex: props.phone ? 1 : undefined }}
        data-testid="user-role-filter"
      />
      <Button
        onClick={() => {
          setQ("");
          props.onReset();
        }}
      >
        {t("common.reset")}
      </Button>
    </Flex>
  );
}
