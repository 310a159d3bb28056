import type { FormInstance, FormRule } from "antd";
import type { TFunction } from "i18next";
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/**
 * A localized message for a zod issue from a contract schema. Contract checks name their message
 * as an i18n key under `validation.` (e.g. `{ message: "password.weak" }`, "username.format",
 * "date.invalid"), which wins over the generic text for the issue's code; so does a key in
 * `params.i18n`. For a regex check without its own key, the caller may name one for its field.
 */
export function issueMessage(issue: Issue, t: TFunction, formatKey?: string): string {
  const params: unknown = "params" in issue ? issue.params : undefined;
  if (typeof params === "object" && params !== null && "i18n" in params && typeof params.i18n === "string") {
    return translateKey(t, params.i18n);
  }
  const keyed = messageKeyText(t, issue.message);
  if (keyed !== undefined) return keyed;
  switch (issue.code) {
    case "invalid_format":
      return formatKey ? translateKey(t, formatKey) : t("validation.invalid");
    case "too_small":
      return Number(issue.minimum) <= 1
        ? t("validation.required")
        : t("validation.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      return t("validation.tooLong", { max: Number(issue.maximum) });
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? t("validation.required") : t("validation.invalid");
    default:
      return t("validation.invalid");
  }
}

/** Message keys look like "password.weak"; zod's own messages are sentences and never match. */
const messageKey = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/;

function messageKeyText(t: TFunction, message: string): string | undefined {
  if (!messageKey.test(message)) return undefined;
  const full = `validation.${message}`;
  const text = (t as (k: string) => string)(full);
  return text === full ? undefined : text;
}

function translateKey(t: TFunction, key: string): string {
  const full = `validation.${key}`;
  // Keys come from the contracts at run time, so the typed `t` cannot check them.
  const text = (t as (k: string) => string)(full);
  return text === full ? t("validation.invalid") : text;
}

/** An antd Form rule that validates one field with its contract schema. Empty optional fields pass. */
export function zodRule(
  schema: z.ZodType,
  t: TFunction,
  options: { formatKey?: string; optional?: boolean; toValue?: (v: unknown) => unknown } = {},
): FormRule {
  return {
    validator: async (_rule, raw: unknown) => {
      const value = options.toValue ? options.toValue(raw) : raw;
      if (options.optional && (value === undefined || value === null || value === "")) return;
      const result = schema.safeParse(value === "" ? undefined : value);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(issue ? issueMessage(issue, t, options.formatKey) : t("validation.invalid"));
      }
    },
  };
}

/** Shows the issues of a failed parse of a whole body on the form's fields (first issue per field). */
export function setIssuesOnForm<Values>(
  form: FormInstance<Values>,
  issues: readonly Issue[],
  t: TFunction,
  formatKeys: Record<string, string> = {},
): void {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const name = String(issue.path[0] ?? "");
    if (!name || byField.has(name)) continue;
    byField.set(name, issueMessage(issue, t, formatKeys[name]));
  }
  // Issue paths are the body's field names, which the forms use as their field names too.
  form.setFields([...byField].map(([name, message]) => ({ name: name as never, errors: [message] })));
}
