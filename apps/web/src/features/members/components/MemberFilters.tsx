import { FilterOutlined } from "@ant-design/icons";
import { educations, gender, memberStatus } from "@huzhu/contracts";
import { useQuery } from "@tanstack/react-query";
import { Badge, Button, DatePicker, Flex, Input, Select } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { OrgSelect } from "../../../components/org-pickers/OrgSelect.tsx";
import { orgsQueries } from "../../../lib/orgs/queries.ts";
import type { MemberListParams } from "../api/queries.ts";

/** Age bands of the roster filter (age as the roster shows it: this year minus the birth year). */
const ageBands: ReadonlyArray<{ from?: number; to?: number }> = [
  { to: 35 },
  { from: 36, to: 45 },
  { from: 46, to: 55 },
  { from: 56, to: 65 },
  { from: 66 },
];
const bandKey = (b: { from?: number | undefined; to?: number | undefined }) => `${b.from ?? ""}-${b.to ?? ""}`;

/** Search by name plus filters. On a phone the filters fold away behind one button. */
export function MemberFilters(props: {
  filters: MemberListParams;
  onChange: (patch: Partial<MemberListParams>) => void;
  onReset: () => void;
  phone: boolean;
}) {
  const { t } = useTranslation();
  const { filters, onChange } = props;
  const [q, setQ] = useState(filters.q ?? "");
  const [open, setOpen] = useState(false);
  // The organization in the URL may come from a link; fetch its name for the picker's label.
  const org = useQuery({ ...orgsQueries.detail(filters.orgId ?? 0), enabled: filters.orgId !== undefined });

  useEffect(() => setQ(filters.q ?? ""), [filters.q]);

  const active = [
    filters.orgId,
    filters.status,
    filters.gender,
    filters.education,
    filters.joinedFrom,
    filters.joinedTo,
    filters.ageFrom ?? filters.ageTo,
  ].filter((v) => v !== undefined).length;
  const bandLabel = (b: { from?: number; to?: number }) =>
    b.from === undefined
      ? t("member.ageBandUpTo", { to: b.to })
      : b.to === undefined
        ? t("member.ageBandFrom", { from: b.from })
        : t("member.ageBandBetween", { from: b.from, to: b.to });
  const band =
    filters.ageFrom === undefined && filters.ageTo === undefined
      ? undefined
      : bandKey({ from: filters.ageFrom, to: filters.ageTo });
  const width = props.phone ? "100%" : undefined;

  const more = (
    <>
      <OrgSelect
        value={filters.orgId ?? null}
        current={org.data ? { id: org.data.id, name: org.data.name } : null}
        onChange={(id) => onChange({ orgId: id ?? undefined })}
        allowClear
        placeholder={t("member.orgFilter")}
        aria-label={t("member.orgFilter")}
        style={{ width: width ?? 240 }}
        data-testid="member-org-filter"
      />
      <Select
        allowClear
        placeholder={t("member.fields.status")}
        aria-label={t("member.fields.status")}
        value={filters.status}
        onChange={(status) => onChange({ status })}
        options={memberStatus.options.map((s) => ({ value: s, label: t(`member.status.${s}`) }))}
        style={{ width: width ?? 130 }}
      />
      <Select
        allowClear
        placeholder={t("member.fields.gender")}
        aria-label={t("member.fields.gender")}
        value={filters.gender}
        onChange={(g) => onChange({ gender: g })}
        options={gender.options.map((g) => ({ value: g, label: t(`member.gender.${g}`) }))}
        style={{ width: width ?? 100 }}
      />
      <Select
        allowClear
        placeholder={t("member.fields.education")}
        aria-label={t("member.fields.education")}
        value={filters.education}
        onChange={(education) => onChange({ education })}
        options={educations.map((e) => ({ value: e, label: t(`member.education.${e}`) }))}
        style={{ width: width ?? 150 }}
      />
      <Select
        allowClear
        placeholder={t("member.ageBand")}
        aria-label={t("member.ageBand")}
        value={band}
        onChange={(key?: string) => {
          const chosen = ageBands.find((b) => bandKey(b) === key);
          onChange({ ageFrom: chosen?.from, ageTo: chosen?.to });
        }}
        options={[
          // A band from a link that is not one of ours still shows what it filters.
          ...(band && !ageBands.some((b) => bandKey(b) === band)
            ? [{ value: band, label: `${filters.ageFrom ?? ""}–${filters.ageTo ?? ""}` }]
            : []),
          ...ageBands.map((b) => ({ value: bandKey(b), label: bandLabel(b) })),
        ]}
        style={{ width: width ?? 130 }}
        data-testid="member-age-filter"
      />
      <DatePicker.RangePicker
        placeholder={[t("member.joinedFrom"), t("member.joinedTo")]}
        value={[
          filters.joinedFrom ? dayjs(filters.joinedFrom) : null,
          filters.joinedTo ? dayjs(filters.joinedTo) : null,
        ]}
        allowEmpty={[true, true]}
        onChange={(range) =>
          onChange({
            joinedFrom: range?.[0]?.format("YYYY-MM-DD"),
            joinedTo: range?.[1]?.format("YYYY-MM-DD"),
          })
        }
        style={{ width: width ?? 260 }}
      />
      <Button onClick={props.onReset}>{t("common.reset")}</Button>
    </>
  );

  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} align="center">
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => onChange({ q: value.trim() || undefined })}
          placeholder={t("member.searchPlaceholder")}
          aria-label={t("member.searchPlaceholder")}
          style={{ width: props.phone ? undefined : 220, flex: props.phone ? 1 : undefined }}
          data-testid="member-search"
        />
        {props.phone ? (
          <Badge count={active} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
              {t("common.filters")}
            </Button>
          </Badge>
        ) : (
          more
        )}
      </Flex>
      {props.phone && open ? (
        <Flex vertical gap={8}>
          {more}
        </Flex>
      ) : null}
    </Flex>
  );
}
