import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding Tillit's package.json – found upwards from this module, so the same
 * paths hold whether the code runs from src/ or from the server bundle in dist/server/.
 */
function findInstallRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const installRoot = findInstallRoot(path.dirname(fileURLToPath(import.meta.url)));
