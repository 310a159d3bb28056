import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { initI18n } from "../i18n/index.ts";
import { ApiError, api, buildUrl, dispositionFilename, setCsrfToken, setUnauthorizedHandler } from "./client.ts";

beforeAll(async () => {
  await initI18n();
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** Stubs fetch with one answer and returns the mock, to look at what was sent. */
function answer(response: Response | Error) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("api client", () => {
  it("answers the JSON body and sends the query without empty values", async () => {
    const fetch = answer(json(200, { items: [], total: 0 }));
    await expect(api.get("/api/members", { q: "", orgId: 5, page: null, active: false })).resolves.toEqual({
      items: [],
      total: 0,
    });
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/members?orgId=5&active=false");
  });

  it("turns the API's error body into an ApiError with its status, code, message and field", async () => {
    answer(json(409, { error: { code: "user.exists", message: "用户名已被使用", field: "username" } }));
    const error = await caught(api.post("/api/users", { username: "a" }));
    expect([error.status, error.code, error.message, error.field]).toEqual([
      409,
      "user.exists",
      "用户名已被使用",
      "username",
    ]);
  });

  it("names the status in the UI language when the answer is not the API's error body", async () => {
    answer(new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }));
    const error = await caught(api.get("/api/orgs"));
    expect([error.status, error.code, error.message]).toEqual([502, "http_502", "请求失败（502）。"]);
  });

  it("reports a failed connection as status 0, but lets an abort through as it is", async () => {
    answer(new TypeError("Failed to fetch"));
    const error = await caught(api.get("/api/orgs"));
    expect([error.status, error.code, error.message]).toEqual([0, "network", "网络连接失败，请检查网络后重试。"]);

    answer(new DOMException("The operation was aborted.", "AbortError"));
    await expect(api.get("/api/orgs")).rejects.toMatchObject({ name: "AbortError" });
  });

  it("calls the 401 handler for an expired session, but not for a login that answers 401", async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    answer(json(401, { error: { code: "auth.required", message: "请先登录" } }));
    await caught(api.get("/api/me"));
    expect(handler).toHaveBeenCalledTimes(1);

    answer(json(401, { error: { code: "auth.invalid", message: "用户名或密码错误" } }));
    const error = await caught(api.post("/api/auth/login", {}, { redirectOn401: false }));
    expect(error.code).toBe("auth.invalid");
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("sends the CSRF token on writes only, and the UI language on every request", async () => {
    setCsrfToken("token-1");
    const fetch = answer(json(200, {}));
    await api.get("/api/me");
    await api.patch("/api/users/1", { displayName: "x" });
    const [read, write] = fetch.mock.calls.map((call) => new Headers(call[1]?.headers));
    expect(read?.get("x-csrf-token")).toBeNull();
    expect(write?.get("x-csrf-token")).toBe("token-1");
    expect(write?.get("content-type")).toBe("application/json");
    expect(read?.get("accept-language")).toBe("zh-CN");
  });
});

describe("buildUrl and dispositionFilename", () => {
  it("leaves a path without parameters as it is", () => {
    expect(buildUrl("/api/orgs", { q: undefined })).toBe("/api/orgs");
  });

  it("prefers the UTF-8 file name and falls back to the plain one", () => {
    expect(
      dispositionFilename(`attachment; filename="roster.xlsx"; filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx`),
    ).toBe("花名册.xlsx");
    expect(dispositionFilename(`attachment; filename="roster.xlsx"; filename*=UTF-8''%E8%8A`)).toBe("roster.xlsx");
    expect(dispositionFilename(null)).toBeUndefined();
  });
});
