import { describe, expect, it } from 'vitest';
import { loadConfig, usesHttps } from './config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', publicUrl: 'http://localhost:3000', databaseUrl: undefined });
    expect(usesHttps(config)).toBe(false);
  });
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
  it('takes a direct database address beside the pooled one, and refuses it without one', () => {
    const pooled = 'postgres://tillit@pooler.example.org:6432/tillit';
    const direct = 'postgres://tillit@db.example.org:5432/tillit';
    expect(loadConfig({ DATABASE_URL: pooled, DATABASE_URL_DIRECT: direct })).toMatchObject({
      databaseUrl: pooled,
      databaseUrlDirect: direct,
    });
    expect(loadConfig({ DATABASE_URL: pooled }).databaseUrlDirect).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL_DIRECT: direct })).toThrow(/DATABASE_URL_DIRECT: needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: pooled, DATABASE_URL_DIRECT: 'not a url' })).toThrow(/DATABASE_URL_DIRECT/);
  });
  it('sends mail only where an SMTP server is named, from the public host unless told otherwise', () => {
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(loadConfig({ TILLIT_PUBLIC_URL: 'https://tillit.example.org' }).mailFrom).toBe('Tillit <tillit@tillit.example.org>');
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', MAIL_FROM: 'Kontoret <post@example.org>' })).toMatchObject({
      smtpUrl: 'smtp://mail.example.org:587',
      mailFrom: 'Kontoret <post@example.org>',
    });
    expect(() => loadConfig({ SMTP_URL: 'https://mail.example.org' })).toThrow(/SMTP_URL/);
  });
  it('turns on secure cookies for an https public URL', () => {
    expect(usesHttps(loadConfig({ TILLIT_PUBLIC_URL: 'https://tillit.example.org' }))).toBe(true);
  });
});
