import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { UsageError } from "../cli/cli-error.ts";

/** A held lock on an output folder. */
export interface RunLock {
  /** True when a lock left by a dead process was taken over. */
  readonly tookOverStale: boolean;
  release(): void;
}

/**
 * Makes sure one run at a time uses an output folder: two runs appending to one journal could
 * send records twice. The lock file holds the owner's pid; a lock whose process is gone
 * (killed with -9) is taken over.
 */
export function acquireRunLock(path: string, pid: number = process.pid): RunLock {
  let tookOverStale = false;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return {
        tookOverStale,
        release: () => {
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(readLock(path), 10);
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new UsageError(
        `another simlessly run (pid ${owner}) is using ${path.replace(/\/\.lock$/, "")}; wait for it to end`,
      );
    }
    unlinkSync(path);
    tookOverStale = true;
  }
  throw new UsageError(`cannot lock ${path}`);
}

function readLock(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
