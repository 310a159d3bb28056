import crypto from "node:crypto";
import { type Attachment, attachmentLimits, attachmentTypes } from "@huzhu/contracts";
import { fileTypeFromBuffer } from "file-type";
import type { Kysely } from "kysely";
import sharp from "sharp";
import type { DB } from "../db/schema.ts";
import type { Actor } from "./access.ts";
import { AppError } from "./errors.ts";

/**
 * Attachments (issue 7): modules never handle uploads themselves. A file is uploaded once
 * (POST /api/attachments), checked by its *content* — photos (JPEG, PNG, WebP) are re-encoded
 * with sharp, which also drops EXIF data such as a phone's GPS position; PDF and Office documents
 * are kept as sent — and stored in the database in one INSERT, so a failed upload leaves nothing.
 *
 * Visibility: the uploader sees an attachment until a module links it to a record
 * (`linkAttachments`, in the transaction that saves the record); from then on whoever may see that
 * record sees it, as the module that owns the record type answers (`registerAttachmentTarget`).
 */
type Kind = (typeof attachmentTypes)[keyof typeof attachmentTypes];

/** The longest side of a stored photo: sharp enough for a phone screen or a printed report. */
const PHOTO_MAX_SIDE = 2048;

export interface StoredFile {
  contentType: string;
  content: Buffer;
}

/**
 * Decides the type from the bytes. Office documents are ZIP files: file-type looks inside for
 * the part that names the kind (word/, xl/, ppt/).
 */
export async function checkUpload(content: Buffer): Promise<StoredFile> {
  const detected = await fileTypeFromBuffer(content);
  const mime = detected?.mime as keyof typeof attachmentTypes | undefined;
  const kind: Kind | undefined = mime ? attachmentTypes[mime] : undefined;
  if (!mime || !kind) throw new AppError(400, "attachment.type", { field: "file" });
  if (content.length > attachmentLimits[kind]) {
    throw new AppError(400, "attachment.tooLarge", {
      field: "file",
      params: { max: Math.floor(attachmentLimits[kind] / 1024 / 1024) },
    });
  }
  if (kind === "photo") {
    try {
      const resized = await sharp(content, { failOn: "error" })
        .rotate() // honour the camera's orientation before the EXIF tag is dropped
        .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: "inside", withoutEnlargement: true })
        .toFormat(mime === "image/png" ? "png" : mime === "image/webp" ? "webp" : "jpeg")
        .toBuffer();
      return { contentType: mime, content: resized };
    } catch {
      // A file that starts like a photo but does not decode as one is not a photo.
      throw new AppError(400, "attachment.type", { field: "file" });
    }
  }
  return { contentType: mime, content };
}

/** Who may see a linked attachment: the record type's owner module answers for its records. */
export type AttachmentTargetCheck = (db: Kysely<DB>, actor: Actor, targetId: string) => Promise<boolean>;
const targets = new Map<string, AttachmentTargetCheck>();

export function registerAttachmentTarget(targetType: string, canSee: AttachmentTargetCheck) {
  targets.set(targetType, canSee);
}

export async function storeAttachment(
  db: Kysely<DB>,
  actor: Actor,
  file: { name: string; content: Buffer },
): Promise<Attachment> {
  const checked = await checkUpload(file.content);
  const row = await db
    .insertInto("attachments")
    .values({
      uploader_id: actor.userId,
      name: file.name,
      content_type: checked.contentType,
      size: checked.content.length,
      sha256: crypto.createHash("sha256").update(checked.content).digest("hex"),
      content: checked.content,
    })
    .returning(["id", "name", "size", "content_type"])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, size: row.size, contentType: row.content_type };
}

/**
 * Links the actor's own unlinked attachments to a record, in the record's transaction. An id
 * that is not the actor's, or is already linked elsewhere, is refused for the field named.
 */
export async function linkAttachments(
  trx: Kysely<DB>,
  actor: Actor,
  ids: readonly string[],
  target: { type: string; id: string | number },
  field = "attachmentIds",
  options: { kinds?: readonly Kind[] } = {},
) {
  if (ids.length === 0) return;
  if (!targets.has(target.type)) throw new Error(`attachment target ${target.type} is not registered`);
  const kinds = options.kinds;
  if (kinds) {
    // A record that takes photos only (an activity's) refuses a document, whoever uploaded it.
    const rows = await trx
      .selectFrom("attachments")
      .select("content_type")
      .where("id", "in", [...ids])
      .execute();
    const wrong = rows.some((r) => {
      const kind = attachmentTypes[r.content_type as keyof typeof attachmentTypes] as Kind | undefined;
      return !kind || !kinds.includes(kind);
    });
    if (wrong) {
      throw new AppError(400, "validation", {
        field,
        params: { messageCode: kinds.length === 1 && kinds[0] === "photo" ? "attachment.notPhoto" : "attachment.type" },
      });
    }
  }
  const result = await trx
    .updateTable("attachments")
    .set({ target_type: target.type, target_id: String(target.id), linked_at: new Date() })
    .where("id", "in", [...ids])
    .where("uploader_id", "=", actor.userId)
    .where("target_type", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== new Set(ids).size) {
    throw new AppError(400, "validation", { field, params: { messageCode: "attachment.notYours" } });
  }
}

/**
 * The attachments linked to records of one type (a need's photos and documents, an activity's
 * photos), oldest first, by record id: what a presenter lists, for records the caller already sees.
 */
export async function attachmentsOf(
  db: Kysely<DB>,
  targetType: string,
  ids: readonly number[],
): Promise<Map<number, Attachment[]>> {
  const out = new Map<number, Attachment[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("attachments")
    .select(["id", "name", "size", "content_type", "target_id"])
    .where("target_type", "=", targetType)
    .where("target_id", "in", ids.map(String))
    // Linked together in one statement they share linked_at: then in the order they were uploaded.
    .orderBy("linked_at")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const key = Number(r.target_id);
    out.set(key, [...(out.get(key) ?? []), { id: r.id, name: r.name, size: r.size, contentType: r.content_type }]);
  }
  return out;
}

/** The attachment, if the actor may see it (its uploader before linking; the record's readers after). */
export async function findVisibleAttachment(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await db
    .selectFrom("attachments")
    .select(["id", "uploader_id", "name", "content_type", "size", "content", "target_type", "target_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.target_type === null || row.target_id === null) return row.uploader_id === actor.userId ? row : undefined;
  const canSee = targets.get(row.target_type);
  return canSee && (await canSee(db, actor, row.target_id)) ? row : undefined;
}
