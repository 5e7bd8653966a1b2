/**
 * A progress bar on a terminal (stderr, only when it is a TTY): what is being done, a bar,
 * done/total, the rate and the time left. One line, redrawn in place at most every 100 ms,
 * cut to the terminal's width (a wrapped line could not be redrawn), erased when done. The
 * clock lives here, never in the engine.
 */

export interface TerminalLike {
  write(text: string): unknown;
  /** Width in columns (0 or undefined when unknown). */
  columns?: number;
}

/** Carriage return, then erase the whole line (CSI 2 K). */
export const ERASE_LINE = '\r\x1b[2K';
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/**
 * One frame: `Scheduling [#########---------------] 1,234/20,000 Pods  850 Pods/s  ETA 0:20`.
 * `rate` is per second (undefined before it can be measured).
 */
export function progressLine(label: string, done: number, total: number, unit: string, rate: number | undefined, width: number): string {
  const frac = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(frac * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  let line = `${label} ${bar} ${count(done)}/${count(total)} ${unit}`;
  if (rate !== undefined && rate > 0) line += `  ${rate < 10 ? rate.toFixed(1) : count(rate)} ${unit}/s  ETA ${duration((total - done) / rate)}`;
  // One column short of the width: writing the last column makes some terminals wrap.
  return line.length > width - 1 ? line.slice(0, Math.max(0, width - 1)) : line;
}

export class ProgressBar {
  private drawn = false;
  private lastDraw = -Infinity;
  private phase = '';
  private phaseStart = 0;
  private phaseDone0 = 0;

  constructor(
    private readonly term: TerminalLike,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Call as often as you like: draws when a phase (`label`) begins, and otherwise at most every
   * 100 ms. The rate is measured from the start of the phase.
   */
  update(label: string, done: number, total: number, unit: string): void {
    const t = this.now();
    if (label !== this.phase) {
      this.phase = label;
      this.phaseStart = t;
      this.phaseDone0 = done;
    } else if (t - this.lastDraw < REDRAW_MS) return;
    const elapsed = (t - this.phaseStart) / 1000;
    const rate = elapsed >= 0.2 && done > this.phaseDone0 ? (done - this.phaseDone0) / elapsed : undefined;
    const width = this.term.columns && this.term.columns > 0 ? this.term.columns : 80;
    this.term.write(`${ERASE_LINE}${progressLine(label, done, total, unit, rate, width)}`);
    this.drawn = true;
    this.lastDraw = t;
  }

  /** Erases the bar (if one is shown), leaving the line empty for what follows. */
  clear(): void {
    if (!this.drawn) return;
    this.term.write(ERASE_LINE);
    this.drawn = false;
    this.lastDraw = -Infinity;
  }
}
