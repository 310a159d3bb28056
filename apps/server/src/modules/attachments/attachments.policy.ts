import { defineAction } from "../../platform/policy.ts";

/**
 * Anyone signed in may upload; a file is visible to its uploader until it is linked to a record,
 * then to whoever may see that record (platform/attachments.ts asks the record's module).
 */
export const attachmentPolicy = {
  upload: defineAction("attachment.upload", "authenticated"),
  read: defineAction("attachment.read", "authenticated"),
};
