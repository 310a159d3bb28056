import { fieldLabelOf, fieldPathsOf, type Locale, labelFields, locales } from "@huzhu/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { presentValidationIssues } from "../src/platform/errors.ts";
import { hasLabel, labelText } from "../src/platform/i18n.ts";
import { requestSchemas } from "../src/platform/request-schemas.ts";
import {
  createTestContext,
  expectError,
  makeIdNumber,
  type Session,
  type TestContext,
  testDatabaseKind,
} from "./helpers.ts";

const acceptLanguage: Record<Locale, string> = { "zh-CN": "zh-CN", "zh-TW": "zh-TW", en: "en" };

describe(`field labels come from the request's schema (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;

  beforeAll(async () => {
    t = await createTestContext();
    coordinator = await t.login("coordinator");
  });
  afterAll(async () => t?.close());

  const newMember = async (overrides: Record<string, unknown>) => ({
    name: "蓝一",
    gender: "female",
    ethnicity: "汉族",
    birthDate: "1992-04-05",
    idNumber: makeIdNumber("1992-04-05", "female", 777),
    education: "bachelor",
    joinDate: "2015-06-30",
    status: "full",
    primaryOrgId: await t.orgId("village:a1"),
    ...overrides,
  });

  it("every field of every route's request schema has a label in every language", () => {
    // The validator compiler recorded the schemas of the app built above: contracts and a route's own.
    expect(requestSchemas.length).toBeGreaterThan(20);
    const missing = new Set<string>();
    for (const { method, url, httpPart, schema } of requestSchemas) {
      for (const path of fieldPathsOf(schema)) {
        const { key } = fieldLabelOf(schema, path);
        const where = `${method} ${url} ${httpPart} ${path.join(".")}`;
        if (!key) missing.add(`${where}: no label key (labelFields / labelField in contracts' field-labels.ts)`);
        else if (!hasLabel(key) || locales.some((l) => !labelText(l, key))) {
          missing.add(`${where}: "${key}" has no text in every language (platform/i18n.ts fieldLabels)`);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("a member's status and a job's and a reset request's status have their own labels, in each language", async () => {
    const labels: Record<Locale, string[]> = { "zh-CN": [], "zh-TW": [], en: [] };
    for (const locale of locales) {
      const headers = { "accept-language": acceptLanguage[locale] };
      const member = expectError(
        await coordinator.request({
          method: "POST",
          url: "/api/members",
          payload: await newMember({ status: "retired" }),
          headers,
        }),
        400,
        { field: "status" },
      );
      const job = expectError(
        await coordinator.request({ method: "GET", url: "/api/jobs?status=retired", headers }),
        400,
        { field: "status" },
      );
      const secadmin = await t.login("secadmin");
      const reset = expectError(
        await secadmin.request({ method: "GET", url: "/api/password-resets?status=retired", headers }),
        400,
        { field: "status" },
      );
      labels[locale] = [member.message, job.message, reset.message].map((m) => m.split(/[:：]/)[0] ?? "");
    }
    expect(labels).toEqual({
      "zh-CN": ["党员状态", "任务状态", "申请状态"],
      "zh-TW": ["黨員狀態", "任務狀態", "申請狀態"],
      en: ["member status", "job status", "request status"],
    });
  });

  it("an organization's name and a member's name are labelled apart, from a missing field and a service's check", async () => {
    const { name: _name, ...nameless } = await newMember({});
    const member = expectError(
      await coordinator.request({ method: "POST", url: "/api/members", payload: nameless }),
      400,
      { field: "name" },
    );
    expect(member.message).toBe("姓名：必填");
    const org = expectError(
      await coordinator.request({
        method: "POST",
        url: "/api/orgs",
        payload: { parentId: await t.orgId("county"), kind: "branch", category: "village", area: "rural" },
      }),
      400,
      { field: "name" },
    );
    expect(org.message).toBe("组织名称：必填");
    // A service's invalidField is labelled from the route's body schema too.
    const outside = expectError(
      await coordinator.request({
        method: "POST",
        url: "/api/members",
        payload: await newMember({ primaryOrgId: 2_000_000_000 }),
        headers: { "accept-language": "en" },
      }),
      400,
      { code: "org.notInScope", field: "primaryOrgId" },
    );
    expect(outside.message).toBe("primary organization: organization not found or outside your jurisdiction");
  });

  it("labels an array item by its field and position", async () => {
    const payload = {
      parentId: await t.orgId("county"),
      name: "中共某联合支部委员会",
      kind: "joint_branch",
      category: "private_enterprise",
      area: "urban",
      units: ["某甲公司", "\u200b某乙公司"],
    };
    const messages: string[] = [];
    for (const locale of locales) {
      const e = expectError(
        await coordinator.request({
          method: "POST",
          url: "/api/orgs",
          payload,
          headers: { "accept-language": acceptLanguage[locale] },
        }),
        400,
        { code: "text.invisibleCharacter", field: "units.1" },
      );
      messages.push(e.message.split(/[:：]/)[0] ?? "");
    }
    expect(messages).toEqual(["联建单位第 2 项", "聯建單位第 2 項", "units, item 2"]);
  });

  it("falls back to a generic label for a field without one, and names an unknown field as sent", () => {
    const unlabelled = labelFields("nowhere", z.object({ nickname: z.string() }).strict());
    const parsed = unlabelled.safeParse({ nickname: 1 });
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues ?? [];
    expect(presentValidationIssues(issues, "zh-CN", unlabelled).error.message).toMatch(/^此项：/);
    expect(presentValidationIssues(issues, "zh-TW", unlabelled).error.message).toMatch(/^此項：/);
    expect(presentValidationIssues(issues, "en", unlabelled).error).toMatchObject({
      field: "nickname",
      message: expect.stringMatching(/^this field: /),
    });
    const extra = unlabelled.safeParse({ nickname: "x", alias: "y" });
    expect(presentValidationIssues(extra.error?.issues ?? [], "en", unlabelled).error).toEqual({
      code: "validation.unknown_field",
      field: "alias",
      message: "alias: unknown field",
    });
  });

  it("says a problem of the whole body without a field label", async () => {
    const user = await t.database.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "member")
      .executeTakeFirstOrThrow();
    const sysadmin = await t.login("sysadmin");
    const e = expectError(
      await sysadmin.request({
        method: "PATCH",
        url: `/api/users/${user.id}`,
        payload: {},
        headers: { "accept-language": "en" },
      }),
      400,
      { code: "validation.emptyUpdate" },
    );
    expect(e.message).toBe("nothing to change");
  });
});
