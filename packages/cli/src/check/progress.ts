/** A one-line progress bar on stderr: items, MB/s and time left. Drawn at most ten times a second. */

export interface ProgressStream {
  write(s: string): boolean;
  columns?: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** The line a progress bar shows (pure, for tests). */
export function progressLine(items: number, bytes: number, total: number | undefined, seconds: number, width = 80): string {
  const mbps = seconds > 0 ? bytes / 1e6 / seconds : 0;
  const parts = [`${items.toLocaleString('en-US')} items`, `${mbps.toFixed(1)} MB/s`];
  let bar = '';
  if (total !== undefined && total > 0) {
    const share = Math.min(1, bytes / total);
    const left = mbps > 0 ? (total - bytes) / 1e6 / mbps : Number.NaN;
    parts.push(`${Math.floor(share * 100)}%`, `${formatDuration(left)} left`);
    const size = Math.max(10, Math.min(30, width - 60));
    const done = Math.round(share * size);
    bar = `[${'#'.repeat(done)}${'-'.repeat(size - done)}] `;
  }
  return `${bar}${parts.join(' · ')}`;
}

export class Progress {
  private items = 0;
  private bytes = 0;
  private last = 0;
  private readonly started = performance.now();
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number | undefined,
  ) {}

  tick(items: number, bytes: number): void {
    this.items += items;
    this.bytes += bytes;
    const now = performance.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.draw();
  }

  private draw(): void {
    const line = progressLine(this.items, this.bytes, this.total, (performance.now() - this.started) / 1000, this.stream.columns ?? 80);
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the line before other output goes to stderr. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  done(): void {
    this.draw();
    this.stream.write('\n');
    this.drawn = false;
  }
}
