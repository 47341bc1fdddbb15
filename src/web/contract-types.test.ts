/**
 * The web's request and answer types are the contracts' (src/web/README.md, "Types"). Two proofs:
 * type assertions that the feature APIs answer exactly what the contracts describe (checked by the
 * typecheck, `npm run typecheck`), and a compile of the web against a contract with a field taken
 * out, which must fail where the web uses that field – so a server change the web does not follow
 * cannot pass unnoticed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { serviceAgreement } from '../areas/agreement/agreement.contract.ts';
import type { sessionInfo } from '../areas/auth/auth.contract.ts';
import type { caseRecord } from '../areas/case/case.contract.ts';
import type { decision } from '../areas/decision/decision.contract.ts';
import type { person } from '../areas/person/person.contract.ts';
import type { agencySummary, createdAgency } from '../areas/platform/platform.contract.ts';
import type { staffMember } from '../areas/staff/staff.contract.ts';
import type { alert, caseOverview, today } from '../areas/work/work.contract.ts';
import type { staffApi } from './features/admin/staff-api.ts';
import type { authApi } from './features/auth/auth-api.ts';
import type { caseApi } from './features/cases/case-api.ts';
import type { serviceDecisionApi } from './features/decisions/decisions-api.ts';
import type { personApi } from './features/people/people-api.ts';
import type { platformApi } from './features/platform/platform-api.ts';
import type { workApi } from './features/work/work-api.ts';

type Answered<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

describe('the feature APIs', () => {
  it('answer exactly what the contracts describe', () => {
    expectTypeOf<Answered<typeof caseApi.get>>().toEqualTypeOf<z.output<typeof caseRecord>>();
    expectTypeOf<Answered<typeof caseApi.overview>>().toEqualTypeOf<z.output<typeof caseOverview>>();
    expectTypeOf<Answered<typeof caseApi.agreements>>().toEqualTypeOf<{ items: z.output<typeof serviceAgreement>[] }>();
    expectTypeOf<Answered<typeof serviceDecisionApi.sign>>().toEqualTypeOf<z.output<typeof decision>>();
    expectTypeOf<Answered<typeof workApi.today>>().toEqualTypeOf<z.output<typeof today>>();
    expectTypeOf<Answered<typeof workApi.alerts>>().toEqualTypeOf<{ items: z.output<typeof alert>[] }>();
    expectTypeOf<Answered<typeof staffApi.list>>().toEqualTypeOf<{ items: z.output<typeof staffMember>[]; nextCursor: string | null }>();
    expectTypeOf<Answered<typeof personApi.get>>().toEqualTypeOf<z.output<typeof person>>();
    expectTypeOf<Answered<typeof authApi.session>>().toEqualTypeOf<z.output<typeof sessionInfo>>();
    expectTypeOf<Answered<typeof platformApi.agencies>>().toEqualTypeOf<{ items: z.output<typeof agencySummary>[] }>();
    expectTypeOf<Answered<typeof platformApi.createAgency>>().toEqualTypeOf<z.output<typeof createdAgency>>();
  });
});

const root = path.resolve(import.meta.dirname, '../..');
const entry = path.join(root, 'src/web/main.tsx');

function webFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return webFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : [];
  });
}

describe('the calls to the server', () => {
  // The transport (src/web/api.ts) declares `request<T>`; every call is elsewhere.
  const files = webFiles(path.join(root, 'src/web')).filter((file) => file !== 'src/web/api.ts');
  const calls = files.flatMap((file) =>
    [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/\brequest<([^(]*)>\(/g)].map((m) => ({ file, type: m[1]! })),
  );

  it("are made only in the features' *-api.ts files, besides the transport itself", () => {
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.map((c) => c.file).filter((file) => !file.endsWith('-api.ts'))).toEqual([]);
  });

  it('name their answer by a contract schema, never by a hand-written type', () => {
    // TemplateRecord (and ImportedTemplate, the same with the import's warnings) is the contract's template record with its
    // open `definition` typed by the shared questionnaire rules.
    const fromContract = /^(Answer|ListAnswer|PageAnswer)<typeof \w+>$|^TemplateRecord$|^ImportedTemplate$/;
    expect(calls.filter((c) => !fromContract.test(c.type)).map((c) => `${c.file}: request<${c.type}>`)).toEqual([]);
  });
});

function compilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.json could not be read');
  return { ...parsed.options, noEmit: true };
}

let previous: ts.Program | undefined;

/**
 * Type-checks the given web files – the program holds the web from its entry point with every
 * contract and rule it imports – with some files' text replaced. Checking only the files asked
 * about keeps this to seconds; `npm run typecheck` checks everything.
 */
function errorsIn(files: string[], replaced: Record<string, string> = {}): { file: string; message: string }[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const texts = new Map(Object.entries(replaced).map(([file, text]) => [path.join(root, file), text]));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    const text = texts.get(path.resolve(fileName));
    return text === undefined ? getSourceFile(fileName, language, onError, shouldCreate) : ts.createSourceFile(fileName, text, language);
  };
  const program = ts.createProgram([entry], options, host, previous);
  previous = program;
  return files.flatMap((file) => {
    const source = program.getSourceFile(path.join(root, file));
    if (!source) throw new Error(`${file} is not part of the web`);
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => ({
      file,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
  });
}

/** The file's text with one passage taken out; fails if the passage is not there (the test would prove nothing). */
function without(file: string, passage: string): Record<string, string> {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  expect(text, `${file} still has what the test removes`).toContain(passage);
  return { [file]: text.replace(passage, '') };
}

const casePage = 'src/web/features/cases/case-page.tsx';
const todayPage = 'src/web/features/work/today-page.tsx';

describe('the web against the contracts', () => {
  it('compiles as the contracts are', { timeout: 120_000 }, () => {
    expect(errorsIn([casePage, todayPage])).toEqual([]);
  });

  it("fails to compile where the web reads a case's may.reassign once the contract drops it", { timeout: 120_000 }, () => {
    const errors = errorsIn([casePage], without('src/areas/case/case.contract.ts', '      reassign: z.boolean(),\n'));
    expect(errors).toContainEqual({ file: casePage, message: expect.stringContaining("'reassign'") });
  });

  it("fails to compile where Today lists plan steps once the contract drops today's steps", { timeout: 120_000 }, () => {
    const contract = fs.readFileSync(path.join(root, 'src/areas/work/work.contract.ts'), 'utf8');
    const steps = contract.slice(contract.indexOf('  steps: z.array('), contract.indexOf('  planReviews:'));
    expect(steps).toMatch(/^ {2}steps: z\.array\(/);
    const errors = errorsIn([todayPage], without('src/areas/work/work.contract.ts', steps));
    expect(errors).toContainEqual({ file: todayPage, message: expect.stringContaining("'steps'") });
  });
});
