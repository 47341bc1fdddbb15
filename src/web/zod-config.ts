import { z } from 'zod';

/**
 * The page's Content-Security-Policy forbids eval, and zod probes for it (`new Function`) to
 * compile fast object parsers, which the browser reports as a CSP violation on every page.
 * Jitless mode skips the probe. Object schemas read the setting when they are created, so this
 * module is imported first, before any contract module is evaluated.
 */
z.config({ jitless: true });
