import { randomUUID } from "node:crypto";
import { closeSync, linkSync, readdirSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../core/cli-error.ts";
import { createPrivateFile } from "../output/private-files.ts";

/** A held lock on an output folder. */
export interface RunLock {
  /** True when a lock left by a dead process was taken over. */
  readonly tookOverStale: boolean;
  release(): void;
}

const generationName = /^\.lock\.([1-9][0-9]{0,15})$/;
// Runs that keep taking and releasing the folder could make a newcomer lose every race.
const maxAttempts = 20;

/**
 * Makes sure one run at a time uses an output folder: two runs appending to one journal could
 * send records twice.
 *
 * The lock is a file `.lock.N` holding its owner's pid, and the highest N is the one that
 * counts. A run takes the folder by creating generation N+1 with link(2), which fails when
 * the name exists: of two runs that find the same dead owner (killed with -9), exactly one
 * creates N+1 and the other then finds it held. Only generations below the winner's, whose
 * owners are dead, are ever deleted, so no run can remove a lock another run holds.
 */
export function acquireRunLock(outDir: string, pid: number = process.pid): RunLock {
  let tookOverStale = false;
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const current = Math.max(0, ...generations(outDir));
    if (current !== 0) {
      const owner = readOwner(join(outDir, `.lock.${current}`));
      // Gone meanwhile: its owner released it; look again.
      if (owner === undefined) continue;
      if (isAlive(owner)) {
        throw new UsageError(
          `another simlessly run (pid ${owner}) is using ${outDir}; wait for it to end`,
        );
      }
    }
    const next = current + 1;
    const path = join(outDir, `.lock.${next}`);
    if (!createWithContent(path, `${pid}\n`)) continue;
    tookOverStale = current !== 0;
    for (const older of generations(outDir)) {
      if (older < next) removeIfPresent(join(outDir, `.lock.${older}`));
    }
    return { tookOverStale, release: () => removeIfPresent(path) };
  }
  throw new UsageError(`cannot lock ${outDir}: other runs keep taking and releasing it`);
}

function generations(outDir: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync(outDir)) {
    const match = generationName.exec(name);
    if (match !== null) found.push(Number(match[1]));
  }
  return found;
}

// The file appears whole or not at all: it is written under a name of its own, then linked
// to `path`, which fails if `path` exists. Returns false when another run got there first.
function createWithContent(path: string, content: string): boolean {
  const draft = join(path, "..", `.lock-draft-${randomUUID()}`);
  const fd = createPrivateFile(draft);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readOwner(path: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  const owner = Number.parseInt(text, 10);
  // Unreadable content is no owner at all: nothing can be alive behind it.
  return Number.isInteger(owner) && owner > 0 ? owner : 0;
}

function isAlive(pid: number): boolean {
  if (pid === 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to remove.
  }
}
