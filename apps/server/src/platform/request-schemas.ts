import type { z } from "zod";

/**
 * Every request schema a route validates with (body, query string, params), recorded by the
 * validator compiler as routes are registered. The field-label test reads it, so a field of any
 * route's schema without a label is named, whether the schema is a contract or a route's own.
 */
export const requestSchemas: Array<{ method: string; url: string; httpPart: string; schema: z.ZodType }> = [];
