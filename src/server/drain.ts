import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.ts';

/** How long no request may have arrived before the server stops listening. */
const QUIET_MS = 300;
/** The longest a shutdown waits for requests in flight before it stops listening anyway. */
const MAX_DRAIN_MS = 15_000;

/**
 * Shutting down without resetting anyone. Closing the listening socket at once would reset every
 * connection the kernel has accepted but Node has not yet taken from the backlog – on a busy event
 * loop, many. So the server keeps listening while it drains: requests being handled finish, each
 * one that arrives now is answered 503 with a retry hint and `Connection: close` (a load balancer
 * sends it to another instance), and only when none is in flight and none has arrived for a
 * moment does `drain` resolve, for the caller to close the server.
 */
export function registerDrain(app: FastifyInstance): () => Promise<void> {
  const counted = new WeakSet<FastifyRequest>();
  let inFlight = 0;
  let lastArrival = 0;
  const done = (request: FastifyRequest) => {
    if (counted.delete(request)) inFlight -= 1;
  };
  app.addHook('onRequest', async (request, reply) => {
    lastArrival = Date.now();
    if (app.draining) {
      await sendProblem(reply, request, 'service_unavailable', 'The server is shutting down: send the request again', undefined, 1);
      return reply;
    }
    counted.add(request);
    inFlight += 1;
  });
  app.addHook('onResponse', async (request) => done(request));
  app.addHook('onRequestAbort', async (request) => done(request));

  return async () => {
    app.draining = true;
    const until = Date.now() + MAX_DRAIN_MS;
    while (Date.now() < until && (inFlight > 0 || Date.now() - lastArrival < QUIET_MS)) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
}
