import type { Style, TextSink } from "../core/terminal.ts";

/** Counts shown by the progress display. */
export interface ProgressCounts {
  /** Records whose outcome is settled (written to results.csv or known unknown). */
  readonly settled: number;
  /** Records of submissions on their way. */
  readonly sending: number;
  /** Records of batches submitted and still processing on the platform. */
  readonly processing: number;
}

/** Shows how far a run is. */
export interface Progress {
  update(counts: ProgressCounts): void;
  /** Draws the final state and ends the bar's line. */
  finish(counts: ProgressCounts): void;
}

interface ProgressOptions {
  readonly total: number;
  /** Records settled by earlier runs (a resumed run's ETA counts only its own pace). */
  readonly alreadySettled: number;
  readonly sink: TextSink;
  readonly style: Style;
  readonly now: () => number;
}

const redrawMs = 100;
const plainEveryMs = 30_000;
const barWidth = 24;

/**
 * A progress bar with ETA on a terminal (redrawn at most ten times a second), and plain
 * lines elsewhere (every 10 % and at least every 30 s) so logs stay readable.
 */
export function createProgress(options: ProgressOptions): Progress {
  const started = options.now();
  let lastDraw = 0;
  let lastPercentStep = -1;
  let drewBar = false;
  let lastLine = "";
  const tty = options.sink.isTTY === true;

  const describe = (counts: ProgressCounts) => {
    const { total } = options;
    const percent = total === 0 ? 100 : Math.floor((counts.settled / total) * 100);
    const eta = estimate(counts.settled);
    const processing = counts.processing > 0 ? ` · ${counts.processing} processing` : "";
    const sending = counts.sending > 0 ? ` · ${counts.sending} sending` : "";
    return {
      percent,
      text: `${counts.settled}/${total} done (${percent}%)${processing}${sending}${eta}`,
    };
  };

  const estimate = (settled: number) => {
    const doneNow = settled - options.alreadySettled;
    const elapsed = options.now() - started;
    if (doneNow <= 0 || elapsed < 1000 || settled >= options.total) return "";
    const remainingMs = ((options.total - settled) / doneNow) * elapsed;
    return ` · ETA ${formatDuration(remainingMs)}`;
  };

  const draw = (counts: ProgressCounts, force: boolean) => {
    const now = options.now();
    const { percent, text } = describe(counts);
    if (tty) {
      if (!force && now - lastDraw < redrawMs) return;
      const filled = Math.round((percent / 100) * barWidth);
      const bar =
        options.style.green("█".repeat(filled)) + options.style.dim("░".repeat(barWidth - filled));
      options.sink.write(`\r\u001b[2K${bar} ${text}`);
      drewBar = true;
      lastDraw = now;
      return;
    }
    const step = Math.floor(percent / 10);
    if (!force && step === lastPercentStep && now - lastDraw < plainEveryMs) return;
    // The last line repeated at the end says nothing new.
    if (force && text === lastLine) return;
    lastPercentStep = step;
    lastDraw = now;
    lastLine = text;
    options.sink.write(`progress: ${text}\n`);
  };

  return {
    update: (counts) => draw(counts, false),
    finish: (counts) => {
      draw(counts, true);
      if (drewBar) options.sink.write("\n");
    },
  };
}

/** `1h 02m`, `3m 05s`, `12s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, "0")}m`;
  if (minutes > 0) return `${minutes}m ${String(rest).padStart(2, "0")}s`;
  return `${rest}s`;
}
