import type { AuditAction, Locale, Permission, SessionGate } from "@huzhu/contracts";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Actor } from "./access.ts";
import { permissionsOf } from "./access.ts";
import type { Command } from "./commands.ts";
import { AppError, presentAppError, presentValidationIssues } from "./errors.ts";
import { pickLocale, translate } from "./i18n.ts";
import type { AnyAbility } from "./policy.ts";

/**
 * What a route needs before its handler runs:
 * - "public": nobody needs to be signed in (login, health, OpenAPI);
 * - "authenticated": any signed-in user (their own profile, logout);
 * - a Permission: a signed-in user holding a role that grants it somewhere. Where exactly
 *   (which subtree) is decided by the service from the same permission;
 * - several Permissions: any one of them (e.g. both administrators list accounts).
 */
export type RouteAccess = "public" | "authenticated" | Permission | readonly Permission[];

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The ability a read route exercises (from its module's policy). The route's access rule is
     * derived from it; the service checks the same ability on the records.
     */
    ability?: AnyAbility;
    /** The command a write route runs: its ability gives the access rule and its name the audit action. */
    // biome-ignore lint/suspicious/noExplicitAny: a route runs a command of any input and result
    command?: Command<any, any, any, any>;
    /** Derived from `ability` or `command`; written by hand only as "public" (sign-in, health). */
    access?: RouteAccess;
    /**
     * The audit action of a state-changing route or a route reading personal data (required for
     * those: see `mustDeclareAudit`). Services record successes in their own transaction; a
     * refusal (403 from the permission or CSRF check, 404, 409, 400…) rolls that back, so the error
     * handler records it under this name instead: refused attempts matter to an auditor as much as
     * done ones.
     */
    audit?: AuditAction;
    /**
     * Session gates (a pending second factor, a one-time password to replace, a second factor
     * to set up) during which this route still answers. Every other authenticated route answers
     * 403 with the gate's code until the gate is settled.
     */
    openDuring?: readonly SessionGate[];
  }
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | null;
  }
}

/**
 * Thrown by our validator so the error handler can localize zod's issues per request, labelling
 * each field from the schema that found it (`schema`).
 */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly issues: readonly z.core.$ZodIssue[],
    readonly schema?: z.ZodType,
  ) {
    super("request validation failed");
  }
}

/** Routes the app registered, with their access rule and audit action; tests check every /api route has what it needs. */
export const registeredRoutes: Array<{
  method: string;
  url: string;
  access: RouteAccess | undefined;
  audit: AuditAction | undefined;
  ability: AnyAbility | undefined;
}> = [];

const derivedConfigs = new WeakSet<object>();

/** The route's access rule from its ability: any grant; "authenticated" when one of them is. */
function accessOf(ability: AnyAbility): RouteAccess {
  if (ability.grants.includes("authenticated")) return "authenticated";
  return ability.grants as readonly Permission[];
}

/** Reading these is reading personal data (or the log of who did): even a refused attempt is recorded. */
const auditedReadPermissions: readonly Permission[] = ["member.read", "member.reveal", "member.export", "audit.read"];

/**
 * Which routes must name their audit action: every state-changing route a signed-in user calls,
 * and every route whose permission reads personal data. Public routes (sign-in) record for
 * themselves, since nobody is signed in to be recorded by the error handler.
 */
export function mustDeclareAudit(method: string, access: RouteAccess | undefined): boolean {
  if (access === undefined || access === "public" || method === "HEAD" || method === "OPTIONS") return false;
  if (method !== "GET") return true;
  const needed: readonly Permission[] =
    access === "authenticated" ? [] : typeof access === "string" ? [access] : access;
  return needed.some((p) => auditedReadPermissions.includes(p));
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, "auth.required");
  return request.actor;
}

/**
 * Installs locale detection, authentication, CSRF and the coarse permission check, in that
 * order, before body parsing and validation: an anonymous request gets 401 even when its body
 * is also wrong, and a forged one gets 403 before anything is looked at.
 */
export function installAccessControl(
  app: FastifyInstance,
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<Actor | null>,
): void {
  app.decorateRequest("locale", "zh-CN");
  app.decorateRequest("actor", null);

  app.addHook("onRoute", (route) => {
    const config = route.config ?? {};
    route.config = config;
    if (config.command) {
      config.ability = config.command.ability;
      config.audit = config.command.name;
    }
    if (config.ability && !derivedConfigs.has(config)) {
      if (config.access !== undefined) {
        throw new Error(`route ${route.url}: access comes from the ability; do not also write config.access`);
      }
      config.access = accessOf(config.ability);
      // Fastify registers a GET's HEAD twin with the same config object.
      derivedConfigs.add(config);
    }
    const { access, audit, ability } = config;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      registeredRoutes.push({ method, url: route.url, access, audit, ability });
      // Deny by default: an /api route declares its ability (or command), or says it is public.
      if (route.url.startsWith("/api") && method !== "HEAD" && !ability && access !== "public") {
        throw new Error(`route ${method} ${route.url} declares no ability (config.ability or config.command)`);
      }
      // Likewise a write or a personal-data read whose refusals would go unrecorded.
      if (route.url.startsWith("/api") && audit === undefined && mustDeclareAudit(method, access)) {
        throw new Error(`route ${method} ${route.url} has no audit action (config.audit)`);
      }
    }
  });

  app.addHook("onRequest", async (request, reply) => {
    request.locale = pickLocale(request.headers["accept-language"]);
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === "public") {
      // Public routes still learn who is calling (login page asks "am I signed in?").
      return;
    }
    const actor = await authenticate(request, reply);
    if (!actor) throw new AppError(401, "auth.required");
    request.actor = actor;
    if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
      const token = request.headers["x-csrf-token"];
      if (typeof token !== "string" || !timingSafeEqualStrings(token, actor.csrfToken)) {
        throw new AppError(403, "auth.csrf");
      }
    }
    const openDuring = request.routeOptions.config?.openDuring ?? [];
    const blocking = actor.gates.find((gate) => !openDuring.includes(gate));
    if (blocking) throw new AppError(403, `auth.gate.${blocking}`);
    const needed: readonly Permission[] =
      access === "authenticated" ? [] : typeof access === "string" ? [access] : access;
    const held = permissionsOf(actor);
    if (needed.length > 0 && !needed.some((p) => held.includes(p))) {
      throw new AppError(403, "forbidden");
    }
  });
}

function timingSafeEqualStrings(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type RefusalRecorder = (
  request: FastifyRequest,
  refusal: { action: AuditAction; status: number; code: string },
) => Promise<void>;

/**
 * Every failure leaves as `{ error: { code, message, field? } }` in the caller's language. A
 * refused request of a signed-in user on a route with `config.audit` is recorded, whether the
 * refusal came from onRequest (permission, CSRF: the actor is known by then), validation or the
 * service.
 */
export function installErrorHandler(app: FastifyInstance, recordRefusal?: RefusalRecorder): void {
  app.setErrorHandler(async (error: FastifyError | AppError | RequestValidationError, request, reply) => {
    const locale = request.locale ?? pickLocale(request.headers["accept-language"]);
    const { status, body } = present(error, locale, routeRequestSchemas(request));
    if (status >= 500) request.log.error({ err: error }, "unhandled error");
    const action = request.routeOptions.config?.audit;
    if (recordRefusal && action && request.actor && status >= 400 && status < 500 && status !== 401) {
      await recordRefusal(request, { action, status, code: body.error.code }).catch((auditError: unknown) =>
        request.log.error({ err: auditError }, "could not audit a refused request"),
      );
    }
    if (error instanceof AppError && error.options.headers) reply.headers(error.options.headers);
    return reply.status(status).send(body);
  });
}

/** The route's request schemas, where a service's field errors find their labels. */
function routeRequestSchemas(request: FastifyRequest): readonly (z.ZodType | undefined)[] {
  const schema = request.routeOptions.schema as
    | { body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType }
    | undefined;
  return schema ? [schema.body, schema.querystring, schema.params] : [];
}

function present(
  error: FastifyError | AppError | RequestValidationError,
  locale: Locale,
  schemas: readonly (z.ZodType | undefined)[],
): { status: number; body: { error: { code: string; message: string; field?: string } } } {
  if (error instanceof AppError) return { status: error.status, body: presentAppError(error, locale, schemas) };
  if (error instanceof RequestValidationError)
    return { status: 400, body: presentValidationIssues(error.issues, locale, error.schema) };
  if (isDataException(error)) return { status: 400, body: simple(locale, "input.invalid") };
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) return { status, body: simple(locale, "body.too_large") };
  if (status === 415 || fastifyError.code?.startsWith("FST_ERR_CTP")) {
    return { status: 400, body: simple(locale, "body.invalid_json") };
  }
  if (status >= 400 && status < 500) {
    return { status, body: { error: { code: fastifyError.code ?? "bad_request", message: error.message } } };
  }
  return { status: 500, body: simple(locale, "internal") };
}

/**
 * SQLSTATE class 22, "data exception": the database refused a value the request carried (an id
 * beyond the integer range, a NUL character in a text). The caller's mistake, so a 400, not a 500.
 */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code);
}

export function simple(locale: Locale, code: string) {
  return { error: { code, message: translate(locale, code) } };
}
