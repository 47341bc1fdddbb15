/**
 * Behind a pooler in transaction mode (PgBouncer) a connection is the app's only for one
 * transaction: whatever a statement leaves on the session outlives it and is met by the next
 * client (docs/adr/0009-connection-pooler.md). Read from the code itself – every string and
 * template of the server's source and every migration – this fails when a statement uses a
 * session-level feature. test/integration/connection-pooler.test.ts checks the same through a
 * real PgBouncer.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const migrations = path.join(root, 'src/core/db/migrations');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'web'].includes(entry.name) ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** One statement-like text and where it is. */
interface Text {
  where: string;
  text: string;
}

/** Each string and template literal of a file (a template's parts joined by a placeholder), and its calls and objects worth a look. */
function textsOf(file: string): { strings: Text[]; constructs: Text[] } {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const strings: Text[] = [];
  const constructs: Text[] = [];
  const where = (node: ts.Node) => `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.push({ where: where(node), text: node.text });
    else if (ts.isTemplateExpression(node))
      strings.push({ where: where(node), text: [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('$1') });
    // drizzle's .prepare(name) makes a named prepared statement on node-postgres.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'prepare')
      constructs.push({ where: where(node), text: 'a named prepared statement (.prepare)' });
    if (ts.isObjectLiteralExpression(node)) {
      const keys = node.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : []));
      // node-postgres: { name, text } is a named prepared statement.
      if (keys.includes('name') && keys.includes('text'))
        constructs.push({ where: where(node), text: 'a named prepared statement ({ name, text })' });
    }
    if (ts.isNewExpression(node) && /(^|\.)(Pool|Client)$/.test(node.expression.getText(source))) {
      const options = node.arguments?.[0];
      if (options && ts.isObjectLiteralExpression(options))
        for (const p of options.properties) {
          const key = p.name && ts.isIdentifier(p.name) ? p.name.text : '';
          // Sent as startup parameters, which PgBouncer refuses; settings belong in SET LOCAL or the role.
          if (['options', 'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout'].includes(key))
            constructs.push({ where: where(p), text: `a session setting as a startup parameter (${key})` });
        }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { strings, constructs };
}

/** The statements of a migration, comments taken out. */
function migrationStatements(): Text[] {
  return fs
    .readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => ({
      where: `src/core/db/migrations/${f}`,
      text: fs
        .readFileSync(path.join(migrations, f), 'utf8')
        .replace(/--[^\n]*/g, '')
        .replace(/\/\*[\s\S]*?\*\//g, ''),
    }));
}

/** The session-level features, each found in a statement's text. */
const sessionFeatures: { feature: string; found: (sql: string) => boolean }[] = [
  { feature: 'a session-level advisory lock', found: (sql) => /\bpg_(try_)?advisory_(un)?lock(_shared|_all)?\s*\(/i.test(sql) },
  {
    feature: 'SET outside a transaction (not SET LOCAL)',
    // A statement that starts with SET and names a setting (prose such as "Set by hand" does not).
    found: (sql) =>
      sql
        .split(';')
        .some((s) =>
          /^\s*SET\s+(SESSION\s+)?(?!LOCAL\b|TRANSACTION\b|CONSTRAINTS\b)(TIME\s+ZONE\b|ROLE\b|SESSION\s+AUTHORIZATION\b|[\w."]+\s*(=|TO\b))/i.test(
            s,
          ),
        ),
  },
  { feature: 'set_config(…, false): a session setting', found: (sql) => /\bset_config\s*\((?:[^()]|\([^()]*\))*,\s*false\s*\)/i.test(sql) },
  { feature: 'LISTEN', found: (sql) => sql.split(';').some((s) => /^\s*(UN)?LISTEN\s/i.test(s)) },
  { feature: 'a temporary table', found: (sql) => /\bCREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\s+(TABLE|VIEW|SEQUENCE)\b/i.test(sql) },
  { feature: 'PREPARE / DEALLOCATE', found: (sql) => sql.split(';').some((s) => /^\s*(PREPARE|DEALLOCATE)\s/i.test(s)) },
  { feature: 'a cursor WITH HOLD', found: (sql) => /\bWITH\s+HOLD\b/i.test(sql) },
  { feature: 'pg_backend_pid(): one backend assumed across transactions', found: (sql) => /\bpg_backend_pid\s*\(/i.test(sql) },
];

const featuresIn = (sql: string) => sessionFeatures.filter((f) => f.found(sql)).map((f) => f.feature);

describe('the checks for session-level features', () => {
  it.each([
    ['SELECT pg_advisory_lock($1)', 'a session-level advisory lock'],
    ['SELECT pg_try_advisory_lock(7)', 'a session-level advisory lock'],
    ['SELECT pg_advisory_unlock($1)', 'a session-level advisory lock'],
    ["SET search_path = ''", 'SET outside a transaction (not SET LOCAL)'],
    ['SET SESSION statement_timeout = 0', 'SET outside a transaction (not SET LOCAL)'],
    ["SELECT 1; SET TIME ZONE 'UTC'", 'SET outside a transaction (not SET LOCAL)'],
    ["SELECT set_config('search_path', '', false)", 'set_config(…, false): a session setting'],
    ['LISTEN audit_sealer', 'LISTEN'],
    ['CREATE TEMP TABLE chunk (id int)', 'a temporary table'],
    ['CREATE TEMPORARY TABLE chunk (id int) ON COMMIT DROP', 'a temporary table'],
    ['PREPARE find (uuid) AS SELECT 1', 'PREPARE / DEALLOCATE'],
    ['DECLARE c CURSOR WITH HOLD FOR SELECT 1', 'a cursor WITH HOLD'],
    ['SELECT pg_terminate_backend(pg_backend_pid())', 'pg_backend_pid(): one backend assumed across transactions'],
  ])('find %s', (sql, feature) => {
    expect(featuresIn(sql)).toEqual([feature]);
  });

  it.each([
    'SELECT pg_advisory_xact_lock($1)',
    'SET LOCAL pg_trgm.similarity_threshold = 0.3',
    'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
    'UPDATE login_throttle SET blocked_until = now()',
    'Set by hand; otherwise suggested by screening and triage',
    'INSERT INTO t (k) VALUES ($1) ON CONFLICT (k) DO UPDATE SET n = t.n + 1',
    "SELECT set_config('app.actor', $1, true)",
    'CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = public AS $$ SELECT 1 $$',
    "SELECT pg_notify('sealer', '')",
  ])('does not take %s for a session-level feature', (sql) => {
    expect(featuresIn(sql)).toEqual([]);
  });
});

describe('the server and its migrations', () => {
  const files = sourceFiles(path.join(root, 'src'));
  const texts = files.map(textsOf);

  it('use no session-level feature in any statement', () => {
    const statements = [...texts.flatMap((t) => t.strings), ...migrationStatements()];
    const found = statements.flatMap(({ where, text }) => featuresIn(text).map((feature) => `${where}: ${feature}`));
    expect(found).toEqual([]);
  });

  it('make no named prepared statement and send no session setting when connecting', () => {
    expect(texts.flatMap((t) => t.constructs).map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
  });
});
