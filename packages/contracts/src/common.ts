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
export const errorResponses = {
  400: apiError,
  401: apiError,
  403: apiError,
  404: apiError,
  409: apiError,
  // Limits per user: heavy work, repeated ID-number probes (with Retry-After).
  429: apiError,
} as const;

/** Paging parameters every list endpoint takes. pageSize is capped so no request can dump a table. */
export const pageQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

/**
 * A page of a list. `totalCapped` is true when the request asked the count to stop (`totalUpTo`,
 * on lists whose totals can reach a province's size) and it did: `total` is then a lower bound,
 * shown as "1,000+", which is all a page of cards needs and costs a bounded read.
 */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), totalCapped: z.boolean().optional() });

/** How far a list's count may go before it stops and says so (`totalCapped`). */
export const totalUpTo = z.coerce.number().int().min(1).max(100_000);

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

/**
 * Characters that hide or disguise text rather than show it: control characters (C0, DEL, C1),
 * format characters (zero-width spaces and joiners, bidirectional marks, overrides and isolates,
 * the byte-order mark, soft hyphens, tag characters), lone surrogates, noncharacters, line and
 * paragraph separators, and the blank "letters" used to fake an empty name (Hangul fillers, the
 * blank Braille pattern). Private-use characters stay allowed: some rare characters in Chinese
 * names are still typed that way.
 */
const hiddenCharacter =
  /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u{115F}\u{1160}\u{3164}\u{FFA0}\u{2800}\u{FDD0}-\u{FDEF}\u{FFFE}\u{FFFF}]/u;
/** Something a reader can see: a letter, digit, punctuation mark or symbol. */
const visibleCharacter = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * The one rule for text people type and other people read: names, reasons, search words. Text
 * with a hidden or disguising character (a name of zero-width spaces only, "\u202e李四abc"
 * reading backwards, a lone surrogate the database would store as U+FFFD) is refused with
 * `text.invisibleCharacter`, never silently cleaned: the user sees what was wrong and what is
 * stored is what they typed. Surrounding spaces are trimmed, as before; `min` counts after that.
 */
export function humanText(options: { min?: number; max: number; multiline?: boolean }) {
  // Multi-line text (a reason) may also hold line breaks and tabs, and nothing else of the above.
  const hasHidden = (s: string) => hiddenCharacter.test(options.multiline ? s.replace(/[\t\n\r]/g, "") : s);
  return z
    .string()
    .refine((s) => !hasHidden(s), { message: "text.invisibleCharacter", abort: true })
    .trim()
    .min(options.min ?? 1)
    .max(options.max)
    .refine((s) => s === "" || visibleCharacter.test(s), { message: "text.noVisibleCharacter" });
}

export const locales = ["zh-CN", "zh-TW", "en"] as const;
export type Locale = (typeof locales)[number];
