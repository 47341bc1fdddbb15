import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const apiServer = 'http://localhost:3000';

/**
 * The catalog sections the pages before sign-in use (sign-in, setup, the public request form, and
 * the frame's messages). A signed-out page loads these only; the whole catalog comes with the session.
 */
const SIGNED_OUT_SECTIONS = [
  'account',
  'app',
  'autosave',
  'common',
  'conflict',
  'error',
  'forbidden',
  'form',
  'language',
  'languageName',
  'list',
  'login',
  'mfa',
  'nav',
  'notFound',
  'pageLoad',
  'password',
  'publicRequest',
  'setup',
  'validation',
];
const SIGNED_OUT_QUERY = '?signed-out';

/** `./locales/en.json?signed-out` is a module of en.json cut to the signed-out sections. */
function signedOutCatalogs(): Plugin {
  return {
    name: 'tillit-signed-out-catalogs',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(SIGNED_OUT_QUERY)) return null;
      const resolved = await this.resolve(source.slice(0, -SIGNED_OUT_QUERY.length), importer, { skipSelf: true });
      return resolved ? `${resolved.id}${SIGNED_OUT_QUERY}` : null;
    },
    async load(id) {
      if (!id.endsWith(SIGNED_OUT_QUERY)) return null;
      const file = id.slice(0, -SIGNED_OUT_QUERY.length);
      this.addWatchFile(file);
      const catalog = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      const sections = SIGNED_OUT_SECTIONS.filter((section) => section in catalog).map((section) => [section, catalog[section]]);
      return { code: `export default ${JSON.stringify(Object.fromEntries(sections))};`, moduleType: 'js' };
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [signedOutCatalogs(), react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks cache better.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
            // zod-config.ts goes with zod: its jitless setting must come before any chunk creates a schema.
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]web[\\/]zod-config\.ts$/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
    },
  },
});
