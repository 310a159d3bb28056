import type { ApiError as ApiErrorBody, ImportAccepted } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../../lib/api/client.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { currentLanguage, i18n } from "../../../lib/i18n/index.ts";
import { importsQueries } from "./queries.ts";

/**
 * POST /api/imports (multipart: `kind`, then `file`). The JSON client sends JSON only, so the form
 * is sent here with the session's CSRF token. The header row is checked at once: a file that is not
 * a workbook, has other headers or no data is refused with the reason; the rest is a job.
 */
export async function uploadImport(file: File, csrfToken: string | undefined): Promise<ImportAccepted> {
  const body = new FormData();
  body.append("kind", "members");
  body.append("file", file, file.name);
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": currentLanguage() };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch("/api/imports", { method: "POST", body, headers, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", i18n.t("errors.network"));
  }
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (data as Partial<ApiErrorBody> | undefined)?.error;
    throw error
      ? new ApiError(response.status, error.code, error.message, error.field)
      : new ApiError(response.status, `http_${response.status}`, i18n.t("errors.status", { status: response.status }));
  }
  return data as ImportAccepted;
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  return useMutation({
    mutationFn: (file: File) => uploadImport(file, me?.csrfToken),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: importsQueries.lists() }),
  });
}
