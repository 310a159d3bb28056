import type { ApiError as ApiErrorBody } from "@huzhu/contracts";
import { currentLanguage, i18n } from "../i18n/index.ts";

/** An error answered by the API (or a network failure, status 0). `message` is already localized. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// The CSRF token comes from the login response or GET /api/me; the session cookie itself is HttpOnly.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorizedHandler: (() => void) | null = null;
/** Called on any 401 (except the login request itself): the app sends the user to the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;
type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RequestOptions {
  method?: Method;
  query?: QueryParams | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** false for requests where 401 is an answer, not an expired session (login). */
  redirectOn401?: boolean;
}

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error: unknown = value.error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * Same-origin JSON request to the Huzhu API. The response is trusted to match the contract types
 * (the server validates its output with the same schemas), so it is returned as `T` without re-parsing:
 * keeping zod out of the first bundle matters on a weak mobile link.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers = new Headers({ Accept: "application/json", "Accept-Language": currentLanguage() });
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.body);
  }
  if (method !== "GET" && csrfToken) headers.set("x-csrf-token", csrfToken);

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network", i18n.t("errors.network"));
  }

  const data = await readJson(response);
  if (!response.ok) throw failure(response, data, options.redirectOn401 !== false);
  return data as T;
}

function failure(response: Response, data: unknown, redirectOn401: boolean): ApiError {
  const error = isErrorBody(data)
    ? new ApiError(response.status, data.error.code, data.error.message, data.error.field)
    : new ApiError(response.status, `http_${response.status}`, i18n.t("errors.status", { status: response.status }));
  if (response.status === 401 && redirectOn401) unauthorizedHandler?.();
  return error;
}

/** The file name a Content-Disposition offers, preferring the UTF-8 `filename*` (RFC 5987). */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1];
}

/**
 * A same-origin GET that answers a file: fetched (so it carries the UI language, and errors come
 * back as the API's localized message) and handed to the browser as a download.
 */
export async function apiDownload(path: string, query: QueryParams, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      headers: { "Accept-Language": currentLanguage() },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network", i18n.t("errors.network"));
  }
  if (!response.ok) throw failure(response, await readJson(response), true);
  const name = dispositionFilename(response.headers.get("content-disposition")) ?? fallbackName;
  saveFile(await response.blob(), name);
  return name;
}

/** Hands a file made or fetched in the page to the browser as a download. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the blob goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, "method" | "body">) =>
    apiRequest<T>(path, { ...options, method: "POST", body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PATCH", body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: "DELETE" }),
};
