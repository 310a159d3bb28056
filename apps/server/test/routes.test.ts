import {
  createMemberBody,
  createOrgBody,
  dissolveOrgBody,
  loginBody,
  moveOrgBody,
  revealBody,
  updateMemberBody,
  updateOrgBody,
} from "@huzhu/contracts";
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Actor } from "../src/platform/access.ts";
import { installAccessControl, installErrorHandler, registeredRoutes } from "../src/platform/http.ts";
import { defineAction } from "../src/platform/policy.ts";
import { createTestContext, expectError, type Session, type TestContext, testDatabaseKind } from "./helpers.ts";

/**
 * The HTTP surface as a whole: every route declares who may call it, the OpenAPI document
 * describes the endpoints from the same zod schemas that validate them, /healthz tells
 * the truth about the database, and every failure has the one error shape.
 */
/** Abilities of the bare test routes below (declared like a module's policy). */
const testActions = {
  own: defineAction("test.own", "authenticated"),
  people: defineAction("test.people", "member.read"),
};

describe(`routes, OpenAPI, health and errors (${testDatabaseKind})`, () => {
  let t: TestContext;
  let coordinator: Session;

  beforeAll(async () => {
    t = await createTestContext();
    coordinator = await t.login("coordinator");
  }, 60_000);
  afterAll(async () => t?.close());

  describe("access rules", () => {
    it("derives every /api route's access from a declared ability (the matrix test checks what they allow)", () => {
      const api = registeredRoutes.filter((r) => r.url.startsWith("/api") && r.method !== "HEAD");
      expect(api.length).toBeGreaterThan(30);
      for (const route of api) {
        if (route.access === "public") continue;
        expect(route.ability, `${route.method} ${route.url}`).toBeDefined();
        const grants = route.ability?.grants ?? [];
        expect(route.access).toEqual(grants.includes("authenticated") ? "authenticated" : grants);
      }
      // The only public API routes: sign-in and the API's own description.
      expect(
        api
          .filter((r) => r.access === "public")
          .map((r) => `${r.method} ${r.url}`)
          .sort(),
      ).toEqual(["GET /api/openapi.json", "POST /api/auth/login"]);
    });

    /** Registers routes on a bare Fastify with access control; returns the error that stopped it, if any. */
    async function registerOn(register: (app: FastifyInstance) => void): Promise<unknown> {
      const app = Fastify({ logger: false });
      installAccessControl(app, async () => null);
      try {
        register(app);
        await app.ready();
        return undefined;
      } catch (error) {
        return error;
      } finally {
        await app.close();
      }
    }

    it("refuses to build an app with an /api route that declares no ability", async () => {
      const plain = await registerOn((app) => {
        app.get("/api/unguarded", async () => ({ secret: true }));
      });
      expect(String(plain)).toMatch(/route GET \/api\/unguarded declares no ability/);
      // A hand-written access rule is not a declaration either (only "public" is written by hand).
      const handWritten = await registerOn((app) => {
        app.get("/api/handmade", { config: { access: "member.read", audit: "member.list" } }, async () => ({}));
      });
      expect(String(handWritten)).toMatch(/route GET \/api\/handmade declares no ability/);
      // Also when the route comes from a plugin under an /api prefix.
      const prefixed = await registerOn((app) => {
        app.register(
          async (plugin: FastifyInstance) => {
            plugin.post("/things", async () => ({}));
          },
          { prefix: "/api" },
        );
      });
      expect(String(prefixed)).toMatch(/route POST \/api\/things declares no ability/);
      // A write, or a read of personal data, must also name its audit action (its refusals are recorded).
      const unaudited = await registerOn((app) => {
        app.post("/api/things", { config: { ability: testActions.own } }, async () => ({}));
      });
      expect(String(unaudited)).toMatch(/route POST \/api\/things has no audit action/);
      const unauditedRead = await registerOn((app) => {
        app.get("/api/people", { config: { ability: testActions.people } }, async () => ({}));
      });
      expect(String(unauditedRead)).toMatch(/route GET \/api\/people has no audit action/);
      // With a rule the same routes are fine, and pages outside /api need none.
      expect(
        await registerOn((app) => {
          app.get("/api/guarded", { config: { ability: testActions.people, audit: "member.list" } }, async () => ({}));
          app.post("/api/things", { config: { ability: testActions.own, audit: "auth.logout" } }, async () => ({}));
          app.get("/about", async () => "ok");
        }),
      ).toBeUndefined();
    });

    it("enforces the declared rule: anonymous 401, forged 403, lacking permission 403", async () => {
      const app = Fastify({ logger: false });
      const actor: Actor = {
        userId: 1,
        username: "nobody",
        displayName: "nobody",
        memberId: null,
        roles: [],
        sessionId: "s",
        csrfToken: "token",
        ip: null,
        gates: [],
        secondFactor: false,
      };
      installAccessControl(app, async (request) => (request.headers.authorization === "yes" ? actor : null));
      installErrorHandler(app);
      app.get("/api/guarded", { config: { ability: testActions.people, audit: "member.list" } }, async () => ({
        secret: true,
      }));
      app.post("/api/open", { config: { ability: testActions.own, audit: "auth.logout" } }, async () => ({
        secret: true,
      }));
      try {
        const anonymous = await app.inject({ method: "GET", url: "/api/guarded" });
        expectError(anonymous, 401, { code: "auth.required" });
        const noRole = await app.inject({ method: "GET", url: "/api/guarded", headers: { authorization: "yes" } });
        expectError(noRole, 403, { code: "forbidden" });
        const forged = await app.inject({ method: "POST", url: "/api/open", headers: { authorization: "yes" } });
        expectError(forged, 403, { code: "auth.csrf" });
        const ok = await app.inject({
          method: "POST",
          url: "/api/open",
          headers: { authorization: "yes", "x-csrf-token": "token" },
        });
        expect(ok.json()).toEqual({ secret: true });
        for (const res of [anonymous, noRole, forged]) expect(res.body).not.toContain("secret");
      } finally {
        await app.close();
      }
    });
  });

  describe("OpenAPI", () => {
    interface Operation {
      parameters?: { name: string; in: string; required?: boolean }[];
      requestBody?: { content: Record<string, { schema: JsonSchema }> };
      responses: Record<string, unknown>;
    }
    interface JsonSchema {
      type?: string;
      properties?: Record<string, JsonSchema>;
      required?: string[];
      additionalProperties?: boolean;
      enum?: unknown[];
      pattern?: string;
    }
    let doc: {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, Operation>>;
    };

    beforeAll(async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      doc = res.json();
    });

    it("is an OpenAPI 3 document with every endpoint of the issue", () => {
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info.title).toBeTruthy();
      expect(doc.info.version).toBeTruthy();
      const expected: Record<string, string[]> = {
        "/api/auth/login": ["post"],
        "/api/auth/logout": ["post"],
        "/api/me": ["get"],
        "/api/orgs": ["get", "post"],
        "/api/orgs/{id}": ["get", "patch"],
        "/api/orgs/{id}/move": ["post"],
        "/api/orgs/{id}/dissolve": ["post"],
        "/api/members": ["get", "post"],
        "/api/members/{id}": ["get", "patch"],
        "/api/members/{id}/reveal": ["post"],
        "/api/audit": ["get"],
      };
      for (const [path, methods] of Object.entries(expected)) {
        expect(Object.keys(doc.paths), path).toContain(path);
        for (const m of methods) expect(doc.paths[path]?.[m], `${m} ${path}`).toBeDefined();
      }
      // Well-formed: path parameters declared, responses present, no Fastify-style ":id" left over.
      for (const [path, item] of Object.entries(doc.paths)) {
        expect(path).not.toContain(":");
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const [method, op] of Object.entries(item)) {
          expect(Object.keys(op.responses ?? {}).length, `${method} ${path} responses`).toBeGreaterThan(0);
          for (const p of params) {
            expect(
              op.parameters?.find((x) => x.in === "path" && x.name === p),
              `${method} ${path} {${p}}`,
            ).toMatchObject({
              required: true,
            });
          }
        }
      }
      expect(Object.keys(doc.paths)).not.toContain("/api/openapi.json");
    });

    it("describes request bodies and queries from the same zod schemas that validate them", () => {
      const bodies: [string, string, z.ZodObject][] = [
        ["post", "/api/auth/login", loginBody],
        ["post", "/api/orgs", createOrgBody],
        ["patch", "/api/orgs/{id}", updateOrgBody],
        ["post", "/api/orgs/{id}/move", moveOrgBody],
        ["post", "/api/orgs/{id}/dissolve", dissolveOrgBody],
        ["post", "/api/members", createMemberBody],
        ["patch", "/api/members/{id}", updateMemberBody],
        ["post", "/api/members/{id}/reveal", revealBody],
      ];
      for (const [method, path, schema] of bodies) {
        const body = doc.paths[path]?.[method]?.requestBody?.content["application/json"]?.schema;
        expect(body, `${method} ${path} body`).toBeDefined();
        expect(Object.keys(body?.properties ?? {}).sort(), `${method} ${path}`).toEqual(
          Object.keys(schema.shape).sort(),
        );
        // Strict schemas: unknown fields are refused, and the document says so.
        expect(body?.additionalProperties).toBe(false);
      }
      const member = doc.paths["/api/members"]?.post?.requestBody?.content["application/json"]?.schema;
      expect(member?.required?.sort()).toEqual(
        [
          "name",
          "gender",
          "ethnicity",
          "birthDate",
          "idNumber",
          "education",
          "joinDate",
          "status",
          "primaryOrgId",
        ].sort(),
      );
      expect(member?.properties?.education?.enum).toContain("bachelor");
      expect(member?.properties?.phone).toBeDefined();
      const reveal = doc.paths["/api/members/{id}/reveal"]?.post?.requestBody?.content["application/json"]?.schema;
      expect(reveal?.required?.sort()).toEqual(["field", "reason"]);
      const query = (path: string) =>
        (doc.paths[path]?.get?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      expect(query("/api/members")).toEqual(
        expect.arrayContaining(["page", "pageSize", "q", "orgId", "status", "joinedFrom"]),
      );
      expect(query("/api/orgs")).toEqual(expect.arrayContaining(["page", "pageSize", "parentId", "q", "within"]));
      expect(query("/api/audit")).toEqual(expect.arrayContaining(["action", "actor", "result", "from", "to"]));
      // Lists answer { items, total } (and totalCapped when the request capped the count); errors have the one shape.
      const list = doc.paths["/api/members"]?.get?.responses["200"] as {
        content: Record<string, { schema: JsonSchema }>;
      };
      const listSchema = list.content["application/json"]?.schema as JsonSchema & { required?: string[] };
      expect(Object.keys(listSchema.properties ?? {}).sort()).toEqual(["items", "total", "totalCapped"]);
      expect([...(listSchema.required ?? [])].sort()).toEqual(["items", "total"]);
      const error = doc.paths["/api/members"]?.post?.responses["400"] as {
        content: Record<string, { schema: JsonSchema }>;
      };
      expect(Object.keys(error.content["application/json"]?.schema.properties?.error?.properties ?? {}).sort()).toEqual(
        ["code", "field", "message"],
      );
    });
  });

  describe("/healthz", () => {
    it("is 200 when the database answers", async () => {
      const res = await t.app.inject({ method: "GET", url: "/healthz" });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: "ok", database: testDatabaseKind });
    });

    it("is 503 when it does not", async () => {
      const other = await createTestContext();
      try {
        expect((await other.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
        await other.database.close();
        const res = await other.app.inject({ method: "GET", url: "/healthz" });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({ status: "unavailable", database: testDatabaseKind });
        // The API itself fails with the error shape rather than hanging or leaking a stack.
        const api = await other.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { username: "x", password: "y" },
        });
        expectError(api, 500, { code: "internal" });
        expect(api.body).not.toMatch(/at |Error:|pool|PGlite/);
      } finally {
        await other.close();
      }
    }, 60_000);
  });

  describe("errors", () => {
    it("always have the { error: { code, message, field? } } shape, in the request's language", async () => {
      const en = { "accept-language": "en" };
      const a1 = await t.orgId("village:a1");
      const cases: [Promise<LightMyRequestResponse>, number, string][] = [
        [t.app.inject({ method: "GET", url: "/api/me", headers: en }), 401, "Please sign in"],
        [
          t.app.inject({
            method: "PATCH",
            url: `/api/orgs/${a1}`,
            cookies: { huzhu_session: coordinator.cookie },
            headers: en,
            payload: { name: "x" },
          }),
          403,
          "Missing or invalid security token; reload the page and try again",
        ],
        [
          (await t.login("leader")).request({ method: "POST", url: "/api/members", headers: en, payload: {} }),
          403,
          "You are not allowed to do this",
        ],
        [
          coordinator.request({ method: "GET", url: "/api/members/999999", headers: en }),
          404,
          "Member not found or outside your jurisdiction",
        ],
        [
          coordinator.request({ method: "GET", url: "/api/orgs/999999", headers: { "accept-language": "zh-TW" } }),
          404,
          "組織不存在或不在您的管轄範圍內",
        ],
        [coordinator.request({ method: "GET", url: "/api/nothing-here", headers: en }), 404, "No such endpoint"],
        [t.app.inject({ method: "DELETE", url: "/api/members" }), 404, "接口不存在"],
        [t.app.inject({ method: "GET", url: "/not-an-api" }), 404, "接口不存在"],
        [
          coordinator.request({
            method: "POST",
            url: "/api/members",
            headers: { ...en, "content-type": "application/json" },
            payload: '{"name": "钟',
          }),
          400,
          "The request body is not valid JSON",
        ],
        [
          t.app.inject({
            method: "POST",
            url: "/api/auth/login",
            headers: { "content-type": "application/json" },
            payload: "{username: secretary}",
          }),
          400,
          "请求体不是合法的 JSON",
        ],
        [
          t.app.inject({
            method: "POST",
            url: "/api/auth/login",
            headers: { "content-type": "application/json", "accept-language": "zh-TW" },
            payload: JSON.stringify({ username: "x".repeat(100), password: "p".repeat(2_000_000) }),
          }),
          413,
          "請求內容過大",
        ],
        [
          coordinator.request({ method: "GET", url: "/api/members?pageSize=500", headers: en }),
          400,
          "page size: Too big: expected number to be <=200",
        ],
      ];
      for (const [pending, status, message] of cases) {
        const res = await pending;
        const error = expectError(res, status);
        expect(error.message).toBe(message);
        expect(res.body).not.toMatch(/"stack"|node_modules|at Object\./);
      }
    });

    it("answers 400, not 500, for values the database cannot take (ids beyond int4, NUL characters)", async () => {
      const big = 3_000_000_000;
      const a1 = await t.orgId("village:a1");
      const requests = [
        coordinator.request({ method: "GET", url: `/api/orgs/${big}` }),
        coordinator.request({ method: "GET", url: `/api/members/${big}` }),
        coordinator.request({ method: "GET", url: `/api/members?orgId=${big}` }),
        coordinator.request({ method: "GET", url: `/api/orgs?parentId=${big}` }),
        coordinator.request({
          method: "POST",
          url: `/api/members/${big}/reveal`,
          payload: { field: "idNumber", reason: "核对身份" },
        }),
      ];
      for (const res of await Promise.all(requests)) {
        const error = expectError(res, 400, { code: "input.invalid" });
        expect(error.message).toBe("请求中含有无法处理的值（如超出范围的编号或控制字符）");
      }
      // A NUL in human text is refused by the contract, naming the field (humanText, human-text.test.ts).
      for (const res of await Promise.all([
        coordinator.request({ method: "GET", url: "/api/members?q=%00" }),
        coordinator.request({ method: "PATCH", url: `/api/orgs/${a1}`, payload: { secretaryName: "钟\u0000一" } }),
      ])) {
        expectError(res, 400, { code: "text.invisibleCharacter" });
      }
      // Nothing was changed, and the database connection is still fine.
      const org = await coordinator.request({ method: "GET", url: `/api/orgs/${a1}` });
      expect(org.statusCode).toBe(200);
      expect(org.body).not.toContain("\\u0000");
    });

    it("names the field of a validation error, and only then", async () => {
      const withField = expectError(await coordinator.request({ method: "GET", url: "/api/orgs?parentId=x" }), 400);
      expect(withField.field).toBe("parentId");
      const without = expectError(await coordinator.request({ method: "GET", url: "/api/orgs/999999" }), 404);
      expect(without).not.toHaveProperty("field");
    });
  });
});
