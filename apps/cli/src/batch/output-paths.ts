import { closeSync, existsSync, openSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";

/** The files of a run's output folder. */
export interface OutputPaths {
  readonly outDir: string;
  readonly journal: string;
  readonly results: string;
  readonly rejected: string;
  readonly qr: string;
  readonly lock: string;
}

/** The paths of the files a run keeps in `outDir`. */
export function outputPaths(outDir: string): OutputPaths {
  return {
    outDir,
    journal: join(outDir, "journal.jsonl"),
    results: join(outDir, "results.csv"),
    rejected: join(outDir, "rejected.csv"),
    qr: join(outDir, "qr"),
    lock: join(outDir, ".lock"),
  };
}

/**
 * A journal without a whole first line means the run died while creating it, before any
 * submission could be journaled (and so sent): its files can go and the run start afresh.
 */
export function discardUnstartedRun(paths: OutputPaths): boolean {
  if (!existsSync(paths.journal)) return false;
  const head = Buffer.alloc(64 * 1024);
  const fd = openSync(paths.journal, "r");
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, read).includes(0x0a)) return false;
  rmSync(paths.journal);
  rmSync(paths.results, { force: true });
  return true;
}
