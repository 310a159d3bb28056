import type { ApiError as ApiErrorBody, Attachment, Me } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { authQueries } from "../auth/me.ts";
import { currentLanguage, i18n } from "../i18n/index.ts";
import { ApiError } from "./client.ts";

/** The URL a stored attachment (a photo) is read from. */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;

/**
 * POST /api/attachments (multipart, field `file`): a photo is uploaded first and linked to the record
 * (a need, an activity, a venue) by its id. The JSON client sends JSON only, so this one request is made here, with the
 * session's CSRF token from /api/me.
 */
export async function uploadAttachment(file: File, csrfToken: string | undefined): Promise<Attachment> {
  const body = new FormData();
  body.append("file", file, file.name);
  return postForm<Attachment>("/api/attachments", body, csrfToken);
}

/**
 * POSTs a multipart form (uploads: attachments, import workbooks) with the session's CSRF token and
 * the UI's language, and answers the JSON reply or throws the API's error as the JSON client does.
 */
export async function postForm<T>(url: string, body: FormData, csrfToken: string | undefined): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": currentLanguage() };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body, headers, credentials: "same-origin" });
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
  return data as T;
}

export function useUploadAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      uploadAttachment(file, queryClient.getQueryData<Me>(authQueries.me().queryKey)?.csrfToken),
  });
}
