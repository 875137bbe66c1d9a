import { closeSync, lstatSync, openSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/cli-error.ts";

/** The files of a run's output folder. */
export interface OutputPaths {
  readonly outDir: string;
  readonly journal: string;
  readonly results: string;
  readonly rejected: string;
  readonly qr: string;
}

/** The paths of the files a run keeps in `outDir`. */
export function outputPaths(outDir: string): OutputPaths {
  return {
    outDir,
    journal: join(outDir, "journal.jsonl"),
    results: join(outDir, "results.csv"),
    rejected: join(outDir, "rejected.csv"),
    qr: join(outDir, "qr"),
  };
}

/**
 * Tells whether anything is at `path`, a link included (whether or not its target exists):
 * the run's files are never reached through a link, so a link counts as taken.
 */
export function isTaken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * Refuses a folder whose journal or results.csv is a symbolic link: a run reads and writes
 * its own files only, and a link planted there would point its writes at another file.
 */
export function refuseLinkedRunFiles(paths: OutputPaths): void {
  for (const path of [paths.journal, paths.results]) {
    if (isTaken(path) && lstatSync(path).isSymbolicLink()) {
      throw new InputError(`${path} is a symbolic link; a run writes its own files only`);
    }
  }
}

/**
 * A journal without a whole first line means the run died while creating it, before any
 * submission could be journaled (and so sent): its files can go and the run start afresh.
 */
export function discardUnstartedRun(paths: OutputPaths): boolean {
  if (!isTaken(paths.journal)) return false;
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
