import { type AuditTargetType, fieldLabelOf, type Locale } from "@huzhu/contracts";
import { z } from "zod";
import { genericLabel, hasMessage, labelText, translate } from "./i18n.ts";

/**
 * The one error type services throw. It carries a stable code and parameters, not text: the
 * HTTP layer turns it into `{ error: { code, message, field? } }` in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly options: {
      field?: string;
      params?: Record<string, string | number>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
  }
}

/** A 400 about one field; `code` is a message key such as "idNumber.checkDigit". */
export const invalidField = (field: string, code: string, params?: Record<string, string | number>) =>
  new AppError(400, "validation", { field, params: { ...params, messageCode: code } });
export const notFound = (what: AuditTargetType | "role" | "notification" | "record") =>
  new AppError(404, "not_found", { params: { what } });
export const forbidden = () => new AppError(403, "forbidden");
export const conflict = (code: string, field?: string) => new AppError(409, code, field === undefined ? {} : { field });

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** The schemas a request was validated against (body, query string, params), where its fields' labels come from. */
export type LabelSources = readonly (z.ZodType | undefined)[];

/**
 * The label of a field in the request's language, from the first schema that declares it: the
 * key the schema gives it (`member.status`), "<label>第 n 项" for an array item, and a generic
 * label for a declared field whose key has no text (a test lists those). A field no schema
 * declares is an input read without one (`input.file`, the multipart upload's part) or a place
 * the caller named itself (an unknown key, a location in an uploaded document): named as sent.
 */
export function fieldLabel(locale: Locale, field: string | readonly PropertyKey[], schemas: LabelSources): string {
  const path = typeof field === "string" ? field.split(".") : field;
  for (const schema of schemas) {
    if (!schema) continue;
    const ref = fieldLabelOf(schema, path);
    if (!ref.declared) continue;
    const label = (ref.key ? labelText(locale, ref.key) : undefined) ?? genericLabel(locale);
    return ref.items.reduce<string>((outer, n) => translate(locale, "validation.item", { label: outer, n }), label);
  }
  const named = path.map(String).join(".");
  return labelText(locale, `input.${named}`) ?? named;
}

function fieldMessage(locale: Locale, field: string, text: string, schemas: LabelSources): string {
  return translate(locale, "validation.field", { label: fieldLabel(locale, field, schemas), message: text });
}

/** `schemas`: the route's request schemas, so a service's `invalidField("status", …)` is labelled as the route's field. */
export function presentAppError(error: AppError, locale: Locale, schemas: LabelSources = []): ErrorBody {
  const { field, params = {} } = error.options;
  const messageCode = typeof params.messageCode === "string" ? params.messageCode : error.code;
  let message = translate(locale, messageCode, params);
  if (field) message = fieldMessage(locale, field, message, schemas);
  return {
    error: { code: error.code === "validation" ? messageCode : error.code, message, ...(field ? { field } : {}) },
  };
}

const zodLocales: Record<Locale, () => { localeError: z.core.$ZodErrorMap }> = {
  "zh-CN": z.locales.zhCN,
  "zh-TW": z.locales.zhTW,
  en: z.locales.en,
};

/**
 * The first problem of a failed request validation, localized. Our own checks carry a message
 * key; everything else uses zod's translations for the three languages.
 */
export function presentValidationIssues(
  issues: readonly z.core.$ZodIssue[],
  locale: Locale,
  schema?: z.ZodType,
): ErrorBody {
  const issue = issues[0];
  if (!issue) return { error: { code: "validation", message: translate(locale, "internal") } };
  if (issue.code === "unrecognized_keys") {
    const field = [...issue.path, issue.keys[0] ?? ""].join(".");
    return {
      error: {
        code: "validation.unknown_field",
        message: fieldMessage(locale, field, translate(locale, "validation.unknown_field"), [schema]),
        field,
      },
    };
  }
  const field = issue.path.map(String).join(".") || "body";
  // Contract schemas give their own checks a message key (e.g. "idNumber.format") as the message.
  const key = hasMessage(issue.message) ? issue.message : undefined;
  let text: string;
  if (key) text = translate(locale, key);
  // A missing enum field is an "invalid_value" in zod 4; to the user it is simply required.
  else if (
    (issue.code === "invalid_type" || issue.code === "invalid_value") &&
    (issue as { input?: unknown }).input === undefined
  )
    text = translate(locale, "validation.required");
  else {
    const fromZod = zodLocales[locale]().localeError(issue as never);
    text = typeof fromZod === "string" ? fromZod : (fromZod?.message ?? issue.message);
  }
  return {
    error: {
      code: key ?? `validation.${issue.code}`,
      // A problem of the whole input (an empty update) has no field to name.
      message: issue.path.length ? fieldMessage(locale, field, text, [schema]) : text,
      field,
    },
  };
}
