import { closeSync, fsyncSync, mkdirSync, openSync, statSync } from "node:fs";
import { InputError } from "../cli/cli-error.ts";

/** Permission bits for files that hold secrets: owner read/write only. */
export const privateFileMode = 0o600;

/**
 * Opens a file that holds secrets. A new file is created with mode 0600 by open(2) itself,
 * so there is no moment at which it is readable by others (no chmod afterwards).
 */
export function openPrivateFile(path: string, flags: "wx" | "w" | "r+"): number {
  return openSync(path, flags, privateFileMode);
}

/** Creates a folder for secrets with mode 0700 (and missing parents), or accepts it as is. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

/** Refuses to reuse a secrets file that group or others can read (someone widened it). */
export function checkPrivateFile(path: string): void {
  if (process.platform === "win32") return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new InputError(
      `${path} holds activation codes but is readable by others (mode ${mode.toString(8).padStart(3, "0")}); run: chmod 600 '${path}'`,
    );
  }
}

/**
 * Flushes a folder's entries to disk, so files just created in it survive a power cut along
 * with their contents. Some platforms cannot open a folder for this; there it is skipped.
 */
export function syncDirectory(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    fsyncSync(fd);
  } catch {
    // Not supported here (Windows): the files' own fsync still holds their contents.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
