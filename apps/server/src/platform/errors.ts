import type { Locale } from "@huzhu/contracts";
import { z } from "zod";
import { fieldLabel, hasMessage, translate } from "./i18n.ts";

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
export const notFound = (
  what: "organization" | "member" | "user" | "role" | "job" | "notification" | "attachment" | "alert",
) => new AppError(404, "not_found", { params: { what } });
export const forbidden = () => new AppError(403, "forbidden");
export const conflict = (code: string, field?: string) => new AppError(409, code, field === undefined ? {} : { field });

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

function fieldMessage(locale: Locale, field: string, text: string): string {
  return translate(locale, "validation.field", { label: fieldLabel(locale, field), message: text });
}

export function presentAppError(error: AppError, locale: Locale): ErrorBody {
  const { field, params = {} } = error.options;
  const messageCode = typeof params.messageCode === "string" ? params.messageCode : error.code;
  let message = translate(locale, messageCode, params);
  if (field) message = fieldMessage(locale, field, message);
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
export function presentValidationIssues(issues: readonly z.core.$ZodIssue[], locale: Locale): ErrorBody {
  const issue = issues[0];
  if (!issue) return { error: { code: "validation", message: translate(locale, "internal") } };
  if (issue.code === "unrecognized_keys") {
    const field = [...issue.path, issue.keys[0] ?? ""].join(".");
    return {
      error: {
        code: "validation.unknown_field",
        message: fieldMessage(locale, field, translate(locale, "validation.unknown_field")),
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
      message: fieldMessage(locale, field, text),
      field,
    },
  };
}
