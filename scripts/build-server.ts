/**
 * Bundles the server into one ES module for `npm start` (docs/adr/0011): run as plain JavaScript
 * it needs no TypeScript loader, whose off-thread isolate costs ≈ 60 MB of resident memory.
 * Packages stay in node_modules (`packages: 'external'`); only Tillit's own sources are bundled.
 * `npm run build:server` writes dist/server/tillit.mjs; the bench builds its app server
 * with the same options through `buildServer`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Node flags `npm start` runs the bundle with (package.json repeats them): stack traces in
 * TypeScript lines, and a young generation of 4 MB semi-spaces instead of 16, which under load
 * keeps ≈ 50 MB less resident at the same CPU per request (bench/README.md, "resident memory").
 */
export const SERVER_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=4'];

/** Paths relative to the repository. */
export async function buildServer({ entry, outfile }: { entry: string; outfile: string }): Promise<void> {
  await build({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, outfile),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer({ entry: 'src/cli/main.ts', outfile: 'dist/server/tillit.mjs' });
}
