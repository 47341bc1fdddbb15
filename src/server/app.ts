import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { registerAgreementRoutes } from '../areas/agreement/agreement.routes.ts';
import { AgreementService } from '../areas/agreement/agreement.service.ts';
import { registerAssessmentRoutes } from '../areas/assessment/assessment.routes.ts';
import { AssessmentService } from '../areas/assessment/assessment.service.ts';
import { registerAuditRoutes } from '../areas/audit/audit.routes.ts';
import { AuditService } from '../areas/audit/audit.service.ts';
import { registerAuthRoutes } from '../areas/auth/auth.routes.ts';
import { AuthService } from '../areas/auth/auth.service.ts';
import { registerCaseRoutes } from '../areas/case/case.routes.ts';
import { CaseService } from '../areas/case/case.service.ts';
import { registerConsentRoutes } from '../areas/consent/consent.routes.ts';
import { ConsentService } from '../areas/consent/consent.service.ts';
import { registerContactRoutes } from '../areas/contact/contact.routes.ts';
import { ContactService } from '../areas/contact/contact.service.ts';
import { registerCooperationRoutes } from '../areas/cooperation/cooperation.routes.ts';
import { CooperationService } from '../areas/cooperation/cooperation.service.ts';
import { registerCrisisRoutes } from '../areas/crisis/crisis.routes.ts';
import { type CrisisMail, CrisisService } from '../areas/crisis/crisis.service.ts';
import { registerDecisionRoutes } from '../areas/decision/decision.routes.ts';
import { DecisionService } from '../areas/decision/decision.service.ts';
import { DirectoryService } from '../areas/intake/directory.service.ts';
import { registerRequestRoutes } from '../areas/intake/intake.routes.ts';
import { RequestService } from '../areas/intake/intake.service.ts';
import { registerJournalRoutes } from '../areas/journal/journal.routes.ts';
import { JournalService } from '../areas/journal/journal.service.ts';
import { registerLifeStoryRoutes } from '../areas/life-story/life-story.routes.ts';
import { LifeStoryService } from '../areas/life-story/life-story.service.ts';
import { registerOrganisationRoutes } from '../areas/organisation/organisation.routes.ts';
import { OrganisationService } from '../areas/organisation/organisation.service.ts';
import { registerPersonRoutes } from '../areas/person/person.routes.ts';
import { PersonService } from '../areas/person/person.service.ts';
import { registerPlanRoutes } from '../areas/plan/plan.routes.ts';
import { PlanService } from '../areas/plan/plan.service.ts';
import { registerPlatformRoutes } from '../areas/platform/platform.routes.ts';
import { PlatformService } from '../areas/platform/platform.service.ts';
import { registerQuestionnaireRoutes } from '../areas/questionnaire/questionnaire.routes.ts';
import { QuestionnaireService } from '../areas/questionnaire/questionnaire.service.ts';
import { registerServiceDirectoryRoutes } from '../areas/service-directory/service-directory.routes.ts';
import { ServiceDirectoryService } from '../areas/service-directory/service-directory.service.ts';
import { MfaResetService } from '../areas/staff/mfa-reset.service.ts';
import { registerStaffRoutes } from '../areas/staff/staff.routes.ts';
import { StaffService } from '../areas/staff/staff.service.ts';
import { registerSubjectAccessRoutes } from '../areas/subject-access/subject-access.routes.ts';
import { SubjectAccessService } from '../areas/subject-access/subject-access.service.ts';
import { registerSuccessStoryRoutes } from '../areas/success-story/success-story.routes.ts';
import { SuccessStoryService } from '../areas/success-story/success-story.service.ts';
import { registerVoucherRoutes } from '../areas/voucher/voucher.routes.ts';
import { VoucherService } from '../areas/voucher/voucher.service.ts';
import { CaseOverviewService } from '../areas/work/case-overview.service.ts';
import { registerWorkRoutes } from '../areas/work/work.routes.ts';
import { WorkService } from '../areas/work/work.service.ts';
import { canonicalJson } from '../core/audit-chain.ts';
import { type Config, usesHttps } from '../core/config.ts';
import type { Database } from '../core/db/pool.ts';
import { translatorFor } from '../core/documents/documents.ts';
import { DomainError } from '../core/errors.ts';
import { installRoot } from '../core/install-root.ts';
import { type RouteAccess, registerAccessControl, SAFE_METHODS } from './access.ts';
import { registerDrain } from './drain.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { API_PREFIX, openApiOptions } from './openapi.ts';
import { errorHandler, sendProblem } from './problem.ts';

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | null;
  hasBody: boolean;
  hasQuery: boolean;
  hasParams: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
    /** Set when shutdown begins: requests in flight finish, their connections then close. */
    draining: boolean;
    /** Begins shutdown and resolves when no request is in flight or arriving (src/server/drain.ts); then close the server. */
    drain: () => Promise<void>;
  }
}

export interface Services {
  auth: AuthService;
  organisation: OrganisationService;
  platform: PlatformService;
  staff: StaffService;
  mfaResets: MfaResetService;
  persons: PersonService;
  cases: CaseService;
  requests: RequestService;
  directory: DirectoryService;
  work: WorkService;
  agreements: AgreementService;
  assessments: AssessmentService;
  decisions: DecisionService;
  journal: JournalService;
  contacts: ContactService;
  consents: ConsentService;
  crises: CrisisService;
  lifeStories: LifeStoryService;
  successStories: SuccessStoryService;
  plans: PlanService;
  caseOverview: CaseOverviewService;
  questionnaires: QuestionnaireService;
  audit: AuditService;
  subjectAccess: SubjectAccessService;
  serviceDirectory: ServiceDirectoryService;
  vouchers: VoucherService;
  cooperation: CooperationService;
}

const webRoot = path.join(installRoot, 'dist', 'web');
/** Where the web build's content-named scripts and styles are served. */
const ASSETS_PREFIX = '/assets/';

export interface AppOptions {
  config: Config;
  db: Database;
  logger: Logger;
  /** False while the embedded database server is down (it is being started again), for /readyz. */
  databaseServerRunning?: () => boolean;
  /** Wakes the mail delivery job after a commit that queued mail (src/core/mail.ts); mail is queued only where SMTP is configured. */
  wakeMailDelivery?: () => void;
  /** Wakes the job that makes subject-access copies after one was asked for; without it, the next minute's run makes it. */
  wakeSubjectAccess?: () => void;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    // Shutdown drains first (drain.ts). Even then a connection whose request has arrived but not yet
    // been read looks idle, and destroying it would reset the client: connections are left to end,
    // idle keep-alive ones within the keep-alive timeout (5 s).
    forceCloseConnections: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('draining', false);
  app.decorate('drain', registerDrain(app));

  // The route table, for the access-matrix and bad-input tests and for `tillit routes`.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        access: route.config?.access ?? null,
        hasBody: Boolean(route.schema?.body),
        hasQuery: Boolean(route.schema?.querystring),
        hasParams: Boolean(route.schema?.params),
      });
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  // One line per request, without the URL's query string or any body: routes, not values.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  app.addHook('onSend', async (request, reply) => {
    // While shutting down, tell keep-alive clients to reconnect (to another instance) after this answer.
    if (app.draining) reply.header('connection', 'close');
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    // The web build names its scripts and styles by their content: a browser may keep them for good.
    else if (request.url.startsWith(ASSETS_PREFIX) && reply.statusCode === 200)
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (!request.url.startsWith('/api/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, openApiOptions(config));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAccessControl(app, db, usesHttps(config));

  // Creating requests may carry an Idempotency-Key: a retry returns the first result.
  app.addHook('preHandler', async (request) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.session) return;
    if (typeof key !== 'string' || key.length < 8 || key.length > 200) {
      throw new DomainError('validation_failed', 'Invalid Idempotency-Key header', [
        { field: 'header.idempotency-key', code: 'invalid_format', message: 'Use 8–200 characters' },
      ]);
    }
    request.ctx.idempotency = {
      key,
      route: `${request.method} ${request.routeOptions.url}`,
      requestHash: createHash('sha256')
        .update(`${request.url}\n${canonicalJson(request.body ?? null)}`)
        .digest('hex'),
    };
  });

  const cases = new CaseService(db);
  const crisisMail: CrisisMail = {
    enabled: Boolean(config.smtpUrl),
    publicUrl: config.publicUrl,
    wake: options.wakeMailDelivery ?? (() => undefined),
  };
  const services: Services = {
    auth: new AuthService(db),
    organisation: new OrganisationService(db),
    platform: new PlatformService(db),
    staff: new StaffService(db),
    mfaResets: new MfaResetService(db),
    persons: new PersonService(db),
    cases,
    requests: new RequestService(db, cases),
    directory: new DirectoryService(db),
    work: new WorkService(db),
    agreements: new AgreementService(db),
    assessments: new AssessmentService(db),
    plans: new PlanService(db),
    caseOverview: new CaseOverviewService(db),
    questionnaires: new QuestionnaireService(db, crisisMail),
    crises: new CrisisService(db, crisisMail),
    decisions: new DecisionService(db, (language) => translatorFor(language)('appealDefault')),
    journal: new JournalService(db),
    contacts: new ContactService(db, config.publicUrl),
    consents: new ConsentService(db),
    lifeStories: new LifeStoryService(db),
    successStories: new SuccessStoryService(db, (language) => {
      const t = translatorFor(language);
      return {
        person: t('anonymisedName'),
        relative: t('anonymisedRelative'),
        place: t('anonymisedPlace'),
        contact: t('anonymisedContact'),
      };
    }),
    audit: new AuditService(db),
    subjectAccess: new SubjectAccessService(db, options.wakeSubjectAccess ?? (() => undefined)),
    serviceDirectory: new ServiceDirectoryService(db),
    vouchers: new VoucherService(db, config.publicUrl),
    cooperation: new CooperationService(db),
  };

  registerHealthRoutes(app, db, options.databaseServerRunning);
  await app.register(
    async (api) => {
      registerAuthRoutes(api as never, services, usesHttps(config));
      registerOrganisationRoutes(api as never, services);
      registerPlatformRoutes(api as never, services);
      registerStaffRoutes(api as never, services);
      registerPersonRoutes(api as never, services);
      registerCaseRoutes(api as never, services);
      registerRequestRoutes(api as never, services);
      registerWorkRoutes(api as never, services);
      registerAgreementRoutes(api as never, services);
      registerAssessmentRoutes(api as never, services);
      registerDecisionRoutes(api as never, services);
      registerJournalRoutes(api as never, services);
      registerContactRoutes(api as never, services);
      registerConsentRoutes(api as never, services);
      registerCrisisRoutes(api as never, services);
      registerLifeStoryRoutes(api as never, services);
      registerSuccessStoryRoutes(api as never, services);
      registerPlanRoutes(api as never, services);
      registerQuestionnaireRoutes(api as never, services);
      registerAuditRoutes(api as never, services);
      registerSubjectAccessRoutes(api as never, services);
      registerServiceDirectoryRoutes(api as never, services);
      registerVoucherRoutes(api as never, services);
      registerCooperationRoutes(api as never, services);
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: API_PREFIX },
  );

  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false, maxAge: '1h' });

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    // A page's address gets the app, which routes it; a missing script (one a newer build replaced) a 404.
    if (!isApi && !request.url.startsWith(ASSETS_PREFIX) && hasWeb && SAFE_METHODS.has(request.method)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    }
    return sendProblem(reply, request, 'route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
  });

  return app;
}
