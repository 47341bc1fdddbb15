/**
 * The HTTP load driver: autocannon against the running app, loopback only, a fixed number of
 * connections for a fixed time. Each request is built by the scenario (rotating accounts, cookies
 * and ids). Latencies are taken from autocannon's per-response timings with sub-millisecond
 * precision (its own histogram rounds to whole milliseconds) and summarised like the raw-SQL runs.
 *
 * A scenario is one request, or an operation of several requests in order on one connection
 * (`steps`: create a draft, then sign it), each step built from what the earlier ones answered. An
 * operation's latency is the sum of its requests' latencies, counted when every one of them
 * answered 2xx.
 */
import autocannon from 'autocannon';
import { type LatencyStats, summarise } from './stats.ts';

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type EndpointScenario = OneRequest | Steps;

interface OneRequest {
  method: 'GET' | 'POST';
  /** The next request to send; called once per request. */
  next: () => RequestSpec;
}

/** What the steps of one operation share: their own notes (the draft's id) – a fresh object per operation. */
export type StepContext = Record<string, unknown>;

export interface Step {
  method: 'GET' | 'POST';
  /** This step's request; null when an earlier step's answer is missing (the operation starts again). */
  next: (context: StepContext) => RequestSpec | null;
  /** Reads what later steps need from a 2xx answer. */
  onResponse?: (body: string, context: StepContext) => void;
}

interface Steps {
  /** The requests of one operation, sent in order on one connection. */
  steps: readonly Step[];
}

export interface EndpointRun {
  stats: LatencyStats;
  /** Responses of any status. */
  responses: number;
  /** Operations measured: one per 2xx response, or per operation whose steps all answered 2xx. */
  operations: number;
  /** HTTP requests per operation. */
  requestsPerOperation: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The first response that was not 2xx, to say what went wrong. */
  firstFailure: { status: number; body: string } | null;
  /** autocannon's own summary (whole-millisecond histogram), for reference. */
  autocannon: { p50Ms: number; p90Ms: number; p99Ms: number; requestsPerSecondMean: number };
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
}

export function runEndpoint(scenario: EndpointScenario, options: LoadOptions): Promise<EndpointRun> {
  const latencies: number[] = [];
  let firstFailure: EndpointRun['firstFailure'] = null;
  const noteFailure = (status: number, body: string) => {
    if ((status < 200 || status > 299) && !firstFailure) firstFailure = { status, body: body.slice(0, 500) };
  };
  const steps: readonly Step[] = 'steps' in scenario ? scenario.steps : [];
  // Set by a step's onResponse and read by the 'response' event autocannon emits right after it, in the same tick.
  let answered: { context: StepContext; step: number } | null = null;
  const requests =
    'steps' in scenario
      ? steps.map((step, i) => ({
          method: step.method,
          setupRequest: (request: autocannon.Request, context: StepContext) => {
            const spec = step.next(context);
            return spec ? { ...request, path: spec.path, headers: spec.headers, body: spec.body } : undefined;
          },
          onResponse: (status: number, body: string, context: StepContext) => {
            noteFailure(status, body);
            if (status >= 200 && status <= 299) step.onResponse?.(body, context);
            else context.failed = true;
            answered = { context, step: i };
          },
        }))
      : [
          {
            method: scenario.method,
            setupRequest: (request: autocannon.Request) => {
              const spec = scenario.next();
              return { ...request, path: spec.path, headers: spec.headers, body: spec.body };
            },
            onResponse: (status: number, body: string) => noteFailure(status, body),
          },
        ];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        pipelining: 1,
        timeout: 30,
        // The typings know neither the context argument of setupRequest nor undefined as "start again".
        requests: requests as autocannon.Request[],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
        const responses = Object.values(statusCodes).reduce((a, b) => a + b, 0);
        resolve({
          stats: summarise(latencies, result.duration),
          responses,
          operations: steps.length > 0 ? latencies.length : responses,
          requestsPerOperation: Math.max(1, steps.length),
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          firstFailure,
          autocannon: {
            p50Ms: result.latency.p50,
            p90Ms: result.latency.p90,
            p99Ms: result.latency.p99,
            requestsPerSecondMean: result.requests.mean,
          },
        });
      },
    );
    // The typings omit the first argument (the client) of this event.
    (instance as NodeJS.EventEmitter).on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
      if (steps.length === 0) {
        if (statusCode >= 200 && statusCode <= 299) latencies.push(responseTimeMs);
        return;
      }
      const done = answered;
      answered = null;
      if (!done) return;
      const spent = ((done.context.spentMs as number | undefined) ?? 0) + responseTimeMs;
      done.context.spentMs = spent;
      if (done.step === steps.length - 1 && !done.context.failed) latencies.push(spent);
    });
  });
}
