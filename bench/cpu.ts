/**
 * CPU time used by the app and by the database while a run lasts, read from outside both
 * (`/proc/<pid>/stat`: user + system time, in the kernel's clock ticks of 10 ms), so a run's
 * CPU per request shows where the time goes: the app's share against the database's.
 * The database's is its postmaster and every process it forked that is alive at both readings
 * (the pools' backends, the WAL writer, the checkpointer); a backend that ends within the run
 * takes its time with it, so the figure is a lower bound. Linux only: elsewhere, null.
 */
import fs from 'node:fs';

/** Linux reports times in USER_HZ, which is 100 on every architecture it runs on. */
const TICK_MS = 10;

function ticksOf(pid: number): { ticks: number; parent: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) may hold spaces and parentheses: the fields after it start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

export interface CpuSnapshot {
  appMs: number | null;
  /** Per process of the database cluster. */
  databaseMs: Map<number, number>;
}

/** CPU milliseconds used so far by the app process and by each process of the database cluster. */
export function cpuSnapshot(appPid: number, postmasterPid: number | null): CpuSnapshot | null {
  if (process.platform !== 'linux') return null;
  const app = ticksOf(appPid);
  const databaseMs = new Map<number, number>();
  if (postmasterPid !== null) {
    for (const entry of fs.readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      const stat = ticksOf(pid);
      if (stat && (pid === postmasterPid || stat.parent === postmasterPid)) databaseMs.set(pid, stat.ticks * TICK_MS);
    }
  }
  return { appMs: app ? app.ticks * TICK_MS : null, databaseMs };
}

export interface CpuUse {
  /** CPU ms of the app process over the run, per request answered (null when not measured). */
  appMsPerRequest: number | null;
  /** CPU ms of the database's processes over the run, per request or raw operation. */
  databaseMsPerRequest: number | null;
}

/** CPU per request (or operation) between two snapshots. */
export function cpuPerRequest(before: CpuSnapshot | null, after: CpuSnapshot | null, requests: number): CpuUse {
  if (!before || !after || requests === 0) return { appMsPerRequest: null, databaseMsPerRequest: null };
  const perRequest = (ms: number) => Number((ms / requests).toFixed(2));
  let database = 0;
  for (const [pid, ms] of after.databaseMs) {
    const was = before.databaseMs.get(pid);
    if (was !== undefined) database += ms - was;
  }
  return {
    appMsPerRequest: before.appMs !== null && after.appMs !== null ? perRequest(after.appMs - before.appMs) : null,
    databaseMsPerRequest: after.databaseMs.size > 0 ? perRequest(database) : null,
  };
}
