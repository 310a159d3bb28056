import { Pagination, type TablePaginationConfig } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** Page sizes every list offers (the server caps pageSize at 200). */
export const listPageSizes = [10, 20, 50, 100] as const;

export interface Paging {
  total: number | undefined;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
}

/** A table's pagination on a wide screen: page sizes and the total count. */
export function tablePagination(paging: Paging, t: TFunction): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total: paging.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [...listPageSizes],
    showTotal: (total) => t("common.total", { count: total }),
    onChange: paging.onPage,
  };
}

/** Paging below a list of cards on a phone: compact, centred. */
export function CardsPagination(paging: Paging) {
  const { t } = useTranslation();
  return (
    <Pagination
      simple
      align="center"
      current={paging.page}
      pageSize={paging.pageSize}
      total={paging.total ?? 0}
      onChange={paging.onPage}
      showTotal={(total) => t("common.total", { count: total })}
      style={{ marginTop: 8 }}
    />
  );
}
