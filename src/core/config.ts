import path from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  /** External PostgreSQL ≥ 15. When absent Tillit runs its own embedded server under dataDir. */
  databaseUrl: z.string().url().optional(),
  /**
   * The same database without a connection pooler in between, for what needs a session of its
   * own: migrations, backup and restore (docs/adr/0009-connection-pooler.md). Defaults to databaseUrl.
   */
  databaseUrlDirect: z.string().url().optional(),
  dataDir: z.string().min(1),
  embeddedDatabasePort: z.coerce.number().int().min(1024).max(65535),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  /** Public URL as users reach it; https:// turns on Secure cookies with the __Host- prefix. */
  publicUrl: z.string().url(),
  /** Number of reverse proxies in front of Tillit whose X-Forwarded-For is trusted. */
  trustProxyHops: z.coerce.number().int().min(0).max(10),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Largest accepted request body in bytes. */
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024),
  /**
   * Where mail is sent (smtp:// or smtps://, with user and password in the URL if the server wants
   * them). Without it Tillit sends no mail; in-app alerts work either way.
   */
  smtpUrl: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), 'Use an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of Tillit's mail: `Tillit <tillit@example.org>`. */
  mailFrom: z.string().min(3).max(300),
});
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads the environment once; a bad value stops the process with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ?? '3000';
  const raw = {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseUrlDirect: env.DATABASE_URL_DIRECT || undefined,
    dataDir: path.resolve(env.TILLIT_DATA_DIR ?? 'data'),
    embeddedDatabasePort: env.TILLIT_EMBEDDED_DB_PORT ?? '54329',
    host: env.HOST ?? '127.0.0.1',
    port,
    publicUrl: env.TILLIT_PUBLIC_URL ?? `http://localhost:${port}`,
    trustProxyHops: env.TILLIT_TRUST_PROXY_HOPS ?? '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: env.TILLIT_BODY_LIMIT_BYTES ?? String(1024 * 1024),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || `Tillit <tillit@${hostOf(env.TILLIT_PUBLIC_URL ?? 'http://localhost')}>`,
  };
  const names: Record<keyof Config, string> = {
    databaseUrl: 'DATABASE_URL',
    databaseUrlDirect: 'DATABASE_URL_DIRECT',
    dataDir: 'TILLIT_DATA_DIR',
    embeddedDatabasePort: 'TILLIT_EMBEDDED_DB_PORT',
    host: 'HOST',
    port: 'PORT',
    publicUrl: 'TILLIT_PUBLIC_URL',
    trustProxyHops: 'TILLIT_TRUST_PROXY_HOPS',
    logLevel: 'LOG_LEVEL',
    bodyLimitBytes: 'TILLIT_BODY_LIMIT_BYTES',
    smtpUrl: 'SMTP_URL',
    mailFrom: 'MAIL_FROM',
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path[0] as keyof Config;
      return `${names[key] ?? String(key)}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (parsed.data.databaseUrlDirect && !parsed.data.databaseUrl) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL_DIRECT: needs DATABASE_URL (the embedded database has no pooler)');
  }
  return parsed.data;
}

/** The host name of a URL, or `localhost` when it is none (the URL itself is checked on its own). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

export function usesHttps(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https://');
}
