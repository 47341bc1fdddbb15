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
  it('turns on secure cookies for an https public URL', () => {
    expect(usesHttps(loadConfig({ TILLIT_PUBLIC_URL: 'https://tillit.example.org' }))).toBe(true);
  });
});
