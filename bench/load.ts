/**
 * The HTTP load driver: autocannon against the running app, loopback only, a fixed number of
 * connections for a fixed time. Each request is built by the scenario (rotating accounts, cookies
 * and ids). Latencies are taken from autocannon's per-response timings with sub-millisecond
 * precision (its own histogram rounds to whole milliseconds) and summarised like the raw-SQL runs.
 */
import autocannon from 'autocannon';
import { type LatencyStats, summarise } from './stats.ts';

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface EndpointScenario {
  method: 'GET' | 'POST';
  /** The next request to send; called once per request. */
  next: () => RequestSpec;
}

export interface EndpointRun {
  stats: LatencyStats;
  /** Responses of any status. */
  responses: number;
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
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        pipelining: 1,
        timeout: 30,
        requests: [
          {
            method: scenario.method,
            setupRequest: (request) => {
              const spec = scenario.next();
              return { ...request, path: spec.path, headers: spec.headers, body: spec.body };
            },
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && !firstFailure) firstFailure = { status, body: body.slice(0, 500) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
        resolve({
          stats: summarise(latencies, result.duration),
          responses: Object.values(statusCodes).reduce((a, b) => a + b, 0),
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
      if (statusCode >= 200 && statusCode <= 299) latencies.push(responseTimeMs);
    });
  });
}
