import { z } from "zod";

/** An uploaded file: a photo (resized, metadata removed), a PDF or an Office document. */
export const attachment = z.object({
  id: z.uuid(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});
export type Attachment = z.infer<typeof attachment>;

/** Content types accepted, decided from the content itself (never the file name). */
export const attachmentTypes = {
  "image/jpeg": "photo",
  "image/png": "photo",
  "image/webp": "photo",
  "application/pdf": "document",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "document",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "document",
} as const;

/** Upload limits, in bytes: photos are shrunk after upload, documents are kept as they are. */
export const attachmentLimits = { photo: 15 * 1024 * 1024, document: 20 * 1024 * 1024 } as const;
