import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  type Stats,
  statSync,
  unlinkSync,
} from "node:fs";
import { InputError } from "../core/cli-error.ts";

/** Permission bits for files that hold secrets: owner read/write only. */
export const privateFileMode = 0o600;

// O_NOFOLLOW does not exist on Windows (0 there): links need privileges to create there.
const noFollow = constants.O_NOFOLLOW ?? 0;
const checksModes = process.platform !== "win32";

/**
 * Creates a new file for secrets with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 set by open(2)
 * itself: nothing at `path` is ever written through (a link planted there makes it fail with
 * EEXIST), and there is no moment at which the file is readable by others.
 */
export function createPrivateFile(path: string): number {
  const { O_CREAT, O_EXCL, O_WRONLY } = constants;
  return openSync(path, O_WRONLY | O_CREAT | O_EXCL | noFollow, privateFileMode);
}

/**
 * Creates a file anew where an earlier run may have left one (a QR image, rejected.csv): what
 * is at `path` is unlinked first (a link goes, its target stays untouched), then the file is
 * created exclusively. A link planted again in between makes it fail instead of followed.
 */
export function replacePrivateFile(path: string): number {
  try {
    return createPrivateFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  unlinkSync(path);
  return createPrivateFile(path);
}

/**
 * Opens a file of an earlier run to continue it (`update`: read and write in place;
 * `append`: writes go to the end), never through a link. Refuses one that is not a regular
 * file, that group or others can write to, or, when it holds secrets, that they can read
 * (someone widened it); the message names the chmod that fixes it.
 */
export function reopenPrivateFile(
  path: string,
  mode: "update" | "append",
  options: { readonly holdsSecrets: boolean },
): number {
  const { O_APPEND, O_RDWR, O_WRONLY } = constants;
  const flags = (mode === "append" ? O_WRONLY | O_APPEND : O_RDWR) | noFollow;
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Linux and macOS say ELOOP for a link under O_NOFOLLOW, FreeBSD EMLINK.
    if (code === "ELOOP" || code === "EMLINK") {
      throw new InputError(`${path} is a symbolic link; a run writes its own files only`);
    }
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError(`${path} is not a regular file`);
    const fix = options.holdsSecrets ? "chmod 600" : "chmod go-w";
    if (checksModes && options.holdsSecrets && (stats.mode & 0o044) !== 0) {
      throw new InputError(
        `${path} holds activation codes but is readable by others (mode ${modeText(stats)}); run: ${fix} '${path}'`,
      );
    }
    if (checksModes && (stats.mode & 0o022) !== 0) {
      throw new InputError(
        `${path} can be written by group or others (mode ${modeText(stats)}); run: ${fix} '${path}'`,
      );
    }
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/**
 * Makes sure a folder for secrets exists and is safe to write into: new folders (and missing
 * parents) are created 0700; an existing one must be a folder that group and others cannot
 * write to (they could plant links or swap files), else the chmod that fixes it is named.
 * `followLink` is for a folder the user named (`--out DIR` may be a link they made); a
 * folder inside it must be a real one.
 */
export function ensurePrivateDir(path: string, options: { followLink: boolean }): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  const stats = options.followLink ? statSync(path) : lstatSync(path);
  if (!stats.isDirectory()) {
    throw new InputError(
      `${path} is ${stats.isSymbolicLink() ? "a symbolic link" : "not a folder"}; remove it or choose another --out`,
    );
  }
  if (checksModes && (stats.mode & 0o022) !== 0) {
    throw new InputError(
      `${path} can be written by group or others (mode ${modeText(stats)}), who could replace the files of the run; run: chmod go-w '${path}'`,
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

function modeText(stats: Stats): string {
  return (stats.mode & 0o777).toString(8).padStart(3, "0");
}
