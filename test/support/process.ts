import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../../scripts/build-server.ts';

export const tillitBin = path.resolve('bin/tillit.js');

/** Builds the server bundle `npm start` runs (scripts/build-server.mjs) and returns its path. */
export async function builtServer(): Promise<string> {
  const { buildServer } = await import('../../scripts/build-server.ts');
  await buildServer({ entry: 'src/cli/main.ts', outfile: 'dist/server/tillit.mjs' });
  return path.resolve('dist/server/tillit.mjs');
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<void>;
  exited: Promise<number | null>;
}

/**
 * Runs `tillit <args>` as a separate process with its own environment (never inheriting
 * DATABASE_URL or DATABASE_URL_DIRECT unless given): the sources through bin/tillit.js, or the
 * given program (the bundle of `builtServer`).
 */
export function runTillit(args: string[], env: Record<string, string>, input?: string, program = tillitBin): RunningProcess {
  const flags = program === tillitBin ? ['--enable-source-maps'] : SERVER_NODE_FLAGS;
  const { DATABASE_URL: _omit, DATABASE_URL_DIRECT: _omitDirect, ...base } = process.env;
  const child = spawn(process.execPath, [...flags, program, ...args], {
    env: { ...base, LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  if (input !== undefined) child.stdin!.end(input);
  else child.stdin!.end();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (text: string | RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        if (typeof text === 'string' ? out.includes(text) : text.test(out)) {
          clearInterval(timer);
          resolve();
        } else if (Date.now() - started > timeoutMs || child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`did not see ${String(text)}; output:\n${out}`));
        }
      }, 50);
    });
  return { child, output: () => out, waitFor, exited };
}

export async function runToEnd(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<{ code: number | null; output: string }> {
  const p = runTillit(args, env, input);
  const code = await p.exited;
  return { code, output: p.output() };
}
