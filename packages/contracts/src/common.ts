import { z } from "zod";

/** Every error the API returns has this shape; `message` is in the request's language. */
export const apiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;

/** The error answers every authenticated operation can give, for its response schema. */
export const errorResponses = { 400: apiError, 401: apiError, 403: apiError, 404: apiError, 409: apiError } as const;

/** Paging parameters every list endpoint takes. pageSize is capped so no request can dump a table. */
export const pageQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const idParam = z.object({ id: z.coerce.number().int().positive() }).strict();

/** Calendar date as YYYY-MM-DD (a real date, not only the right shape). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "date.format" })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: "date.invalid" },
  );

export const locales = ["zh-CN", "zh-TW", "en"] as const;
export type Locale = (typeof locales)[number];
