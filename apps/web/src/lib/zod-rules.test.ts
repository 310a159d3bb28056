import { createUserBody, newPassword } from "@huzhu/contracts";
import type { FormInstance } from "antd";
import type { TFunction } from "i18next";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { i18n, initI18n } from "./i18n/index.ts";
import { issueMessage, setIssuesOnForm, zodRule } from "./zod-rules.ts";

let t: TFunction;
beforeAll(async () => {
  await initI18n();
  t = i18n.t.bind(i18n) as TFunction;
});

const firstIssue = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a failed parse");
  const issue = result.error.issues[0];
  if (!issue) throw new Error("no issue");
  return issue;
};

/** Runs an antd rule's validator as the form would: resolves when valid, rejects with the message. */
function validate(rule: ReturnType<typeof zodRule>, value: unknown): Promise<void> {
  if (typeof rule !== "object" || !rule.validator) throw new Error("not a validator rule");
  return Promise.resolve(rule.validator({}, value, () => {}));
}

describe("issueMessage", () => {
  it("translates a contract's message key (password.weak) rather than zod's generic text", () => {
    expect(issueMessage(firstIssue(newPassword, "short"), t)).toBe(t("validation.password.weak"));
  });

  it("says 'required' for a missing value and names the limits of a length check", () => {
    expect(issueMessage(firstIssue(z.string(), undefined), t)).toBe("请填写此项");
    expect(issueMessage(firstIssue(z.string().min(1), ""), t)).toBe("请填写此项");
    expect(issueMessage(firstIssue(z.string().min(4), "ab"), t)).toBe("至少 4 个字符");
    expect(issueMessage(firstIssue(z.string().max(3), "abcd"), t)).toBe("最多 3 个字符");
  });

  it("uses the caller's key for a bare format check, and 'invalid' for an unknown key", () => {
    const issue = firstIssue(z.string().regex(/^\d+$/), "x");
    expect(issueMessage(issue, t, "phone.format")).toBe("请输入 11 位手机号");
    expect(issueMessage(issue, t)).toBe("格式不正确");
    expect(
      issueMessage(
        firstIssue(
          z.string().refine(() => false, { params: { i18n: "no.such" } }),
          "x",
        ),
        t,
      ),
    ).toBe("格式不正确");
  });
});

describe("zodRule", () => {
  it("rejects with the localized message and passes a valid value", async () => {
    const rule = zodRule(newPassword, t);
    await expect(validate(rule, "short")).rejects.toThrow(t("validation.password.weak"));
    await expect(validate(rule, "Correct-Horse-9")).resolves.toBeUndefined();
  });

  it("lets an empty optional field through, but an empty required one is 'required'", async () => {
    await expect(validate(zodRule(z.string().min(4), t, { optional: true }), "")).resolves.toBeUndefined();
    await expect(validate(zodRule(z.string().min(4), t), "")).rejects.toThrow("请填写此项");
  });
});

describe("setIssuesOnForm", () => {
  it("puts the first issue of each field on that field", () => {
    const result = createUserBody.safeParse({ username: "Bad Name!", displayName: "", password: "short" });
    if (result.success) throw new Error("expected a failed parse");
    const setFields = vi.fn();
    setIssuesOnForm({ setFields } as unknown as FormInstance, result.error.issues, t);
    const fields = setFields.mock.calls[0]?.[0] as { name: string; errors: string[] }[];
    const byName = Object.fromEntries(fields.map((f) => [f.name, f.errors]));
    expect(byName.username).toEqual([t("validation.username.format")]);
    expect(byName.password).toEqual([t("validation.password.weak")]);
  });

  it("keeps the first of several issues on one field", () => {
    const result = z.object({ code: z.string().min(6).regex(/^\d+$/) }).safeParse({ code: "ab" });
    if (result.success) throw new Error("expected a failed parse");
    expect(result.error.issues).toHaveLength(2);
    const setFields = vi.fn();
    setIssuesOnForm({ setFields } as unknown as FormInstance, result.error.issues, t);
    expect(setFields).toHaveBeenCalledWith([{ name: "code", errors: ["至少 6 个字符"] }]);
  });
});
