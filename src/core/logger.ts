import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Request lines carry the request id, route pattern, status and timing –
 * never bodies, query strings, cookies or headers – so no personal data or secrets reach the log.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tillit' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['req.headers', 'headers', 'cookie', '*.password', '*.token', 'body'], remove: true },
    },
    destination,
  );
}
