/**
 * The app's resident memory, sampled from outside its process: the driver reads `VmRSS` from
 * `/proc/<pid>/status` every 100 ms (one file descriptor kept open, read again from offset 0,
 * which makes the kernel write the file afresh). The app does no work for it (no timer, no IPC
 * message), so the sample cannot disturb what is measured, and the app's busy event loop cannot delay a
 * sample into a quiet moment – which a `process.memoryUsage().rss` report from inside would. Both
 * read the same kernel counter. Linux only: elsewhere there are no samples and the figures are null.
 */
import fs from 'node:fs';

/** The target for the app's resident memory under load. */
export const RSS_TARGET_MB = 250;

/** MB = 10⁶ bytes: a figure that meets 250 MB also meets 250 MiB. */
const MB = 1_000_000;

interface Sample {
  /** performance.now() when it was read. */
  at: number;
  bytes: number;
}

export interface RssSummary {
  samples: number;
  intervalMs: number;
  /** Largest and median VmRSS of the samples, in MB (10⁶ bytes); null without samples. */
  peakRssMB: number | null;
  medianRssMB: number | null;
}

const toMB = (bytes: number) => Number((bytes / MB).toFixed(1));

export class RssSampler {
  private readonly samples: Sample[] = [];
  private readonly buffer = Buffer.alloc(4096);
  private fd: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Time spent reading and parsing, to show what sampling costs the driver. */
  private spentMs = 0;
  private reads = 0;

  constructor(
    private readonly pid: number,
    readonly intervalMs = 100,
  ) {}

  start(): this {
    if (process.platform !== 'linux') return this;
    try {
      this.fd = fs.openSync(`/proc/${this.pid}/status`, 'r');
    } catch {
      return this;
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** The sampler's clock, for `between`. */
  now(): number {
    return performance.now();
  }

  /** The samples taken from `from` to `to` (both from `now()`). */
  between(from: number, to: number): RssSummary {
    return this.summarise(this.samples.filter((s) => s.at >= from && s.at <= to));
  }

  /** Every sample since `start`. */
  overall(): RssSummary & { meanReadMicroseconds: number | null } {
    return {
      ...this.summarise(this.samples),
      meanReadMicroseconds: this.reads > 0 ? Number(((this.spentMs * 1000) / this.reads).toFixed(1)) : null,
    };
  }

  private summarise(samples: readonly Sample[]): RssSummary {
    if (samples.length === 0) return { samples: 0, intervalMs: this.intervalMs, peakRssMB: null, medianRssMB: null };
    const sorted = samples.map((s) => s.bytes).sort((a, b) => a - b);
    return {
      samples: sorted.length,
      intervalMs: this.intervalMs,
      peakRssMB: toMB(sorted[sorted.length - 1]!),
      medianRssMB: toMB(sorted[Math.ceil(sorted.length / 2) - 1]!),
    };
  }

  private sample(): void {
    if (this.fd === null) return;
    const t0 = performance.now();
    let status: string;
    try {
      status = this.buffer.toString('latin1', 0, fs.readSync(this.fd, this.buffer, 0, this.buffer.length, 0));
    } catch {
      this.stop(); // the process has gone
      return;
    }
    const kB = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    const t1 = performance.now();
    this.spentMs += t1 - t0;
    this.reads++;
    if (kB !== undefined) this.samples.push({ at: t1, bytes: Number(kB) * 1024 });
  }
}
