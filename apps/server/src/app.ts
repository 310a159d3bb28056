import fs from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import type { FastifySchemaCompiler, FastifySerializerCompiler } from "fastify";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { jsonSchemaTransform, ResponseSerializationError, serializerCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "./db/client.ts";
import { foldListChanges } from "./db/count.ts";
import { attachmentsRoutes } from "./modules/attachments/attachments.routes.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { auditService } from "./modules/audit/audit.service.ts";
import { authRoutes, SESSION_COOKIE } from "./modules/auth/auth.routes.ts";
import { authService } from "./modules/auth/auth.service.ts";
import { coursesRoutes } from "./modules/courses/courses.routes.ts";
import { coursesService } from "./modules/courses/courses.service.ts";
import type { DivisionDirectory } from "./modules/divisions/divisions.ts";
import { hardshipRoutes } from "./modules/hardship/hardship.routes.ts";
import { hardshipService } from "./modules/hardship/hardship.service.ts";
import { healthRoutes } from "./modules/health/health.routes.ts";
import { homeCards } from "./modules/home/home.cards.ts";
import { homeRoutes } from "./modules/home/home.routes.ts";
import { jurisdictionCard, myRecordCard, todosCard } from "./modules/home/home.service.ts";
import { importsRoutes } from "./modules/imports/imports.routes.ts";
import { importsService } from "./modules/imports/imports.service.ts";
import { jobsRoutes } from "./modules/jobs/jobs.routes.ts";
import { jointBranchesRoutes } from "./modules/joint-branches/joint-branches.routes.ts";
import { jointBranchesService } from "./modules/joint-branches/joint-branches.service.ts";
import { membersRoutes } from "./modules/members/members.routes.ts";
import { memberExportJob, membersService } from "./modules/members/members.service.ts";
import { mobileMembersRoutes } from "./modules/mobile-members/mobile-members.routes.ts";
import { mobileMembersService, OUT_OF_CONTACT_DAYS } from "./modules/mobile-members/mobile-members.service.ts";
import { helpCard } from "./modules/needs/needs.home.ts";
import { needsRoutes } from "./modules/needs/needs.routes.ts";
import { needExportJob, needsService } from "./modules/needs/needs.service.ts";
import { notificationsRoutes } from "./modules/notifications/notifications.routes.ts";
import { orgsRoutes } from "./modules/orgs/orgs.routes.ts";
import { orgsService } from "./modules/orgs/orgs.service.ts";
import { pairingRoutes } from "./modules/pairing/pairing.routes.ts";
import { pairingService } from "./modules/pairing/pairing.service.ts";
import {
  createSolverPool,
  defaultSolverPoolOptions,
  type PairingSolver,
  type SolverPoolOptions,
} from "./modules/pairing/solve-in-worker.ts";
import { pairingsCard } from "./modules/pairing-rounds/pairing-rounds.home.ts";
import { pairingRoundsRoutes } from "./modules/pairing-rounds/pairing-rounds.routes.ts";
import { pairingRoundsService } from "./modules/pairing-rounds/pairing-rounds.service.ts";
import { projectsRoutes } from "./modules/projects/projects.routes.ts";
import { projectsService } from "./modules/projects/projects.service.ts";
import { registrationsRoutes } from "./modules/registrations/registrations.routes.ts";
import { registrationsService } from "./modules/registrations/registrations.service.ts";
import { secondmentsRoutes } from "./modules/secondments/secondments.routes.ts";
import { secondmentsService } from "./modules/secondments/secondments.service.ts";
import { securityAlertsRoutes } from "./modules/security/security-alerts.routes.ts";
import { securityAlertsService } from "./modules/security/security-alerts.service.ts";
import { motionCard } from "./modules/transfers/transfers.home.ts";
import { transfersRoutes } from "./modules/transfers/transfers.routes.ts";
import { transfersService } from "./modules/transfers/transfers.service.ts";
import { usersRoutes } from "./modules/users/users.routes.ts";
import { usersService } from "./modules/users/users.service.ts";
import { venuesCard } from "./modules/venues/venues.home.ts";
import { venuesRoutes } from "./modules/venues/venues.routes.ts";
import { venuesService } from "./modules/venues/venues.service.ts";
import { careCard } from "./modules/volunteers/volunteers.home.ts";
import { volunteersRoutes } from "./modules/volunteers/volunteers.routes.ts";
import { volunteersService } from "./modules/volunteers/volunteers.service.ts";
import { recordAudit, refusalRecord } from "./platform/audit.ts";
import type { PersonalDataCipher } from "./platform/crypto.ts";
import { installHeavyWorkLimit } from "./platform/heavy-work.ts";
import { installAccessControl, installErrorHandler, RequestValidationError, simple } from "./platform/http.ts";
import { pickLocale } from "./platform/i18n.ts";
import { createJobRunner, type JobRunner } from "./platform/jobs.ts";
import { createNotificationHub, notifyUsers } from "./platform/notifications.ts";
import { requestSchemas } from "./platform/request-schemas.ts";
import { registerSweep } from "./platform/sweeps.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The background-job runner: modules register kinds and enqueue through it. */
    jobs: JobRunner;
  }
}

export interface AppDeps {
  database: Database;
  cipher: PersonalDataCipher;
  divisions: DivisionDirectory;
  sessionIdleMinutes: number;
  /** Absolute lifetime of a session (default 12 hours). */
  sessionMaxHours?: number;
  /** Sessions one user may hold at once; the oldest end first (default 5). */
  sessionsPerUser?: number;
  /** Coordinators and administrators must use two-factor sign-in (default off; main.ts passes the config). */
  requireSecondFactor?: boolean;
  secureCookies: boolean;
  trustProxy?: boolean;
  logLevel?: string;
  /** The built web app to serve at /, if any. */
  webRoot?: string | undefined;
  clock?: () => Date;
  /**
   * Background jobs: how many run at once in this process, how often an idle runner looks for
   * work, and whether it starts with the app (tests drain the queue themselves).
   */
  jobs?: { concurrency?: number; pollMs?: number; autoStart?: boolean };
  /** Days without contact after which a mobile member is flagged out of contact (default 180, issue 11). */
  mobileOutOfContactDays?: number;
  /** The most rows one roster or needs export may hold (tests lower it; default 50,000). */
  exportMaxRows?: number;
  /** Size, queue and heap cap of the pairing solver's worker pool (default: half the cores, 4, 512 MB). */
  solverPool?: SolverPoolOptions;
  /** A solver to use instead of the pool (tests hold solves open with it); its owner closes it. */
  pairingSolver?: PairingSolver;
  /** The most records one audit log export may hold (tests lower it; default 50,000). */
  auditExportMaxRows?: number;
}

/** Validates with zod, reporting inputs so messages can say "required" rather than "received undefined". */
const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, method, url, httpPart }) => {
  requestSchemas.push({ method, url, httpPart: httpPart ?? "", schema });
  return (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error.issues, schema) };
  };
};

/**
 * Checks each answer against its route's response schema and writes only the fields the schema
 * names (zod strips the rest: a repository row's extra columns never reach the client). With zod's
 * parse, not the encode fastify-type-provider-zod uses to support codecs: parse runs zod's compiled
 * object checks, about four times faster for a roster page (docs/performance.md), and the
 * contracts define no codecs or transforms on responses, for which the two give the same result.
 */
const responseSerializer: FastifySerializerCompiler<z.ZodType> = (route) => {
  const { schema, method, url } = route;
  if (!(schema instanceof z.ZodType)) return serializerCompiler(route);
  return (data) => {
    const result = schema.safeParse(data);
    if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};

/** Builds the whole HTTP application; tests use it through app.inject, main.ts makes it listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? "warn" },
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Errors Fastify raises before routing (a malformed URL encoding, say) get our shape too.
    frameworkErrors: (_error, request, reply) => {
      (reply as FastifyReply)
        .status(400)
        .send(simple(pickLocale(request.headers["accept-language"]), "request.malformed"));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);

  await app.register(fastifyCookie);
  // Uploads (attachments): limits are set per route; nothing is written to disk on the way.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 0, parts: 2 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Huzhu 互助 API",
        version: "1.0.0",
        description: "Urban–rural party-building mutual-help platform. Errors: { error: { code, message, field? } }.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Browser hardening for every response. Scripts only from our own origin (Vite emits no inline
  // script); styles may be inline because Ant Design writes its CSS at run time. API answers
  // carry personal data, so no cache may keep them.
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "no-referrer");
    // A route may set a stricter policy of its own (downloads: nothing may run at all).
    if (!reply.hasHeader("content-security-policy")) {
      reply.header(
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
          "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });

  const db = deps.database.db;
  const clock = deps.clock ?? (() => new Date());
  const auth = authService(db, deps.cipher, clock, {
    idleMinutes: deps.sessionIdleMinutes,
    maxHours: deps.sessionMaxHours ?? 12,
    sessionsPerUser: deps.sessionsPerUser ?? 5,
    requireSecondFactor: deps.requireSecondFactor ?? false,
  });
  installAccessControl(app, (request) => auth.authenticate(request.cookies[SESSION_COOKIE], request.ip));
  // After access control (it needs the actor): one solve or export per user at a time.
  installHeavyWorkLimit(app, db);
  installErrorHandler(app, (request, refusal) =>
    recordAudit(
      db,
      request.actor ?? { userId: null, username: null, ip: request.ip },
      // The route and its :id say which record; neither the body nor the query string is copied
      // (they may hold passwords or personal data, e.g. an export filtered by a full ID number).
      refusalRecord(refusal.action, {
        method: request.method,
        route: request.routeOptions.url ?? "",
        params: request.params,
        status: refusal.status,
        code: refusal.code,
      }),
    ),
  );

  const notificationHub = createNotificationHub(deps.database);
  const jobs = createJobRunner(db, {
    concurrency: deps.jobs?.concurrency ?? 1,
    pollMs: deps.jobs?.pollMs ?? 1000,
    log: (message, error) => app.log.error({ err: error }, message),
    // A finished job tells its owner, wherever they are in the app.
    onFinished: (job) =>
      notifyUsers(db, [job.ownerId], {
        kind: `job.${job.status}`,
        params: { jobKey: `job.kind.${job.kind}`, jobId: job.id },
        link: `/jobs?id=${job.id}`,
      }),
  });
  app.decorate("jobs", jobs);
  if (deps.jobs?.autoStart !== false) app.addHook("onReady", () => jobs.start());
  app.addHook("onClose", async () => {
    await jobs.stop();
    await notificationHub.close();
  });

  healthRoutes(app, deps.database);
  jobsRoutes(app, db);
  attachmentsRoutes(app, db);
  notificationsRoutes(app, db, notificationHub);
  authRoutes(app, auth, { secureCookies: deps.secureCookies });
  orgsRoutes(app, orgsService(db, deps.divisions));
  const members = membersService(db, deps.cipher, clock, { exportMaxRows: deps.exportMaxRows });
  const exportJob = memberExportJob(members, (userId, ip) => auth.actorOf(userId, ip));
  jobs.register(exportJob);
  membersRoutes(app, members, { jobs, kind: exportJob });
  // The roster's and the actors' versions stay a few rows to sum however many writes they have seen
  // (db/count.ts); every signed-in request reads the actors' version.
  registerSweep(app, "folding the roster's change rows", 60 * 60_000, () => foldListChanges(db, "members"));
  registerSweep(app, "folding the actors' change rows", 5 * 60_000, () => foldListChanges(db, "auth"));
  // Excel imports (issue 13): a validation job, then a commit job writing all rows or none.
  const imports = importsService(db, deps.cipher, clock, {
    actorOf: (userId, ip) => auth.actorOf(userId, ip),
    progressInTransaction: deps.database.kind === "postgres",
    divisions: deps.divisions,
  });
  jobs.register(imports.validateJob);
  jobs.register(imports.commitJob);
  jobs.register(imports.exportJob);
  importsRoutes(app, imports, jobs);
  // The workbooks of imports never committed are kept for their preview for 30 days, then forgotten.
  registerSweep(app, "forgetting old import files", 60 * 60_000, () => imports.forgetStale());
  // The roster's cap on an export's rows is the needs list's too.
  const needs = needsService(db, clock, { exportMaxRows: deps.exportMaxRows });
  const needsExport = needExportJob(needs, (userId, ip) => auth.actorOf(userId, ip));
  jobs.register(needsExport);
  needsRoutes(app, needs, { jobs, kind: needsExport });
  // Open needs past their deadline expire (the lifecycle's system step): at start, then hourly.
  registerSweep(app, "expiring overdue needs", 60 * 60_000, () => needs.expireOverdue());
  const projects = projectsService(db, clock);
  projectsRoutes(app, projects);
  // Shared venues, bookings and remote education (issue 10).
  const courses = coursesService(db);
  coursesRoutes(app, courses);
  const venues = venuesService(db, clock);
  venuesRoutes(app, venues, { coursesCompleted: courses.completions });
  // Bookings starting within a day are reminded (once), hourly.
  registerSweep(app, "reminding upcoming bookings", 60 * 60_000, () => venues.remindUpcoming());
  // Pairing rounds (issue 9): solved as a job kind with the owner's rights as they are when it runs.
  const pairingRounds = pairingRoundsService(db, clock, { jobs, actorOf: (userId, ip) => auth.actorOf(userId, ip) });
  jobs.register(pairingRounds.runJob);
  jobs.register(pairingRounds.agreementsJob);
  pairingRoundsRoutes(app, pairingRounds);
  // Joint branches (联建) formed from pairings (issue 9).
  jointBranchesRoutes(app, jointBranchesService(db));
  const transfers = transfersService(db);
  transfersRoutes(app, transfers);
  const mobileMembers = mobileMembersService(db, deps.cipher, clock, {
    outOfContactDays: deps.mobileOutOfContactDays ?? OUT_OF_CONTACT_DAYS,
  });
  mobileMembersRoutes(app, mobileMembers);
  // In-service members registering with their residential community (双报到, issue 11).
  registrationsRoutes(app, registrationsService(db, clock));
  // Members in difficulty (issue 11): details encrypted, every read of them audited.
  const hardship = hardshipService(db, deps.cipher, clock);
  hardshipRoutes(app, hardship);
  // Volunteer teams and service requests with the hours ledger (issue 11).
  const volunteers = volunteersService(db, clock);
  volunteersRoutes(app, volunteers);
  // Secondments: cadres exchanged between town and country (issue 11).
  secondmentsRoutes(app, secondmentsService(db, clock));
  // The home page (工作台): modules contribute cards, shown in this order.
  const home = homeCards();
  home.register(jurisdictionCard(db, clock));
  home.register(myRecordCard(members));
  home.register(todosCard(db));
  home.register(helpCard(needs, projects));
  home.register(venuesCard(venues));
  home.register(pairingsCard(pairingRounds));
  home.register(careCard(volunteers, hardship));
  home.register(motionCard(transfers, mobileMembers));
  homeRoutes(app, home);
  auditRoutes(app, auditService(db, { exportMaxRows: deps.auditExportMaxRows }));
  securityAlertsRoutes(app, securityAlertsService(db, clock));
  usersRoutes(app, usersService(db));
  let solver = deps.pairingSolver;
  if (!solver) {
    const pool = createSolverPool(deps.solverPool ?? defaultSolverPoolOptions());
    app.addHook("onClose", () => pool.close());
    solver = pool;
  }
  await pairingRoutes(app, pairingService(db, solver));

  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());

  const webRoot = deps.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, "index.html"))) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      // The build wrote .br and .gz beside each file (apps/web/precompress.ts): sent when accepted.
      preCompressed: true,
      // Hashed assets never change; index.html must always be revalidated so a deploy shows at once.
      setHeaders: (reply, file) => {
        reply.header(
          "cache-control",
          file.includes(`${path.sep}assets${path.sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const locale = request.locale ?? "zh-CN";
    if (request.url.startsWith("/api/") || !webRoot || request.method !== "GET") {
      return reply.status(404).send(simple(locale, "route.not_found"));
    }
    // Client-side routes (/members, /orgs/12) get the single-page app.
    return reply.type("text/html").header("cache-control", "no-cache").sendFile("index.html");
  });
  return app;
}
