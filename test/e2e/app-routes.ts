import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Permission } from '../../src/core/roles.contract.ts';

/** One page of the web's route table: its pattern, and whether it needs a session and which permissions. */
export interface AppRoute {
  /** The full pattern, e.g. `/cases/:id/plan`; `*` for the page shown on an unknown path. */
  pattern: string;
  signedIn: boolean;
  permissions: Permission[];
}

const APP_FILE = path.resolve(import.meta.dirname, '../../src/web/app.tsx');

/** The JSX tags `<Route …>`, `<Route … />` and `</Route>` of a source text, in order, with their attributes. */
function* routeTags(source: string): Generator<{ kind: 'open' | 'self' | 'close'; attributes: string }> {
  const tag = /<Route\b|<\/Route>/g;
  for (let match = tag.exec(source); match; match = tag.exec(source)) {
    if (match[0] === '</Route>') {
      yield { kind: 'close', attributes: '' };
      continue;
    }
    // Up to the `>` that ends this tag: one outside any `{…}` (an element={<Page />} has its own).
    let depth = 0;
    let end = tag.lastIndex;
    for (; end < source.length; end++) {
      const c = source[end];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0) break;
    }
    const attributes = source.slice(tag.lastIndex, end);
    tag.lastIndex = end + 1;
    yield { kind: attributes.trimEnd().endsWith('/') ? 'self' : 'open', attributes };
  }
}

/**
 * Every page of `src/web/app.tsx`, read from its `<Route>` elements: nested paths joined, the
 * permissions of the `RequirePermission` guards around it, and whether `RequireSession` is.
 */
export function appRoutes(source = readFileSync(APP_FILE, 'utf8')): AppRoute[] {
  interface Level {
    path: string | null;
    permission: Permission | null;
    session: boolean;
  }
  const stack: Level[] = [];
  const routes: AppRoute[] = [];
  for (const { kind, attributes } of routeTags(source)) {
    if (kind === 'close') {
      stack.pop();
      continue;
    }
    const level: Level = {
      path: /\bpath="([^"]*)"/.exec(attributes)?.[1] ?? null,
      permission: (/\bpermission="([^"]*)"/.exec(attributes)?.[1] as Permission | undefined) ?? null,
      session: /<RequireSession\b/.test(attributes),
    };
    const levels = [...stack, level];
    const isPage = /\belement=\{<(?!RequirePermission|RequireSession|AppShell)/.test(attributes);
    if (isPage) {
      const segments = levels.map((l) => l.path).filter((p): p is string => p !== null);
      const joined = `/${segments.join('/')}`.replace(/\/+/g, '/');
      routes.push({
        pattern: joined === '/' || !joined.endsWith('/') ? joined : joined.slice(0, -1),
        signedIn: levels.some((l) => l.session),
        permissions: levels.map((l) => l.permission).filter((p): p is Permission => p !== null),
      });
    }
    if (kind === 'open') stack.push(level);
  }
  return routes;
}
