import type { ImportAccepted, ImportKind } from "@huzhu/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { postForm } from "../../../lib/api/upload-attachment.ts";
import { useMe } from "../../../lib/auth/me.ts";
import { importsQueries } from "./queries.ts";

/**
 * POST /api/imports (multipart: `kind`, then `file`). The JSON client sends JSON only, so the form
 * is sent here with the session's CSRF token. The header row is checked at once: a file that is not
 * a workbook, has other headers or no data is refused with the reason; the rest is a job.
 */
export function uploadImport(kind: ImportKind, file: File, csrfToken: string | undefined): Promise<ImportAccepted> {
  const body = new FormData();
  body.append("kind", kind);
  body.append("file", file, file.name);
  return postForm<ImportAccepted>("/api/imports", body, csrfToken);
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  return useMutation({
    mutationFn: (input: { kind: ImportKind; file: File }) => uploadImport(input.kind, input.file, me?.csrfToken),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: importsQueries.lists() }),
  });
}
