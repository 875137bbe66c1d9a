import { closeSync, fsyncSync, unlinkSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../../core/cli-error.ts";
import { createPrivateFile } from "../../output/private-files.ts";

/** A file reserved for a secret answer before the request that produces it is sent. */
export interface SecretFile {
  /** The absolute path, safe to print. */
  readonly path: string;
  /** Writes the whole text, flushes it and closes the file. */
  write(text: string): void;
  /** Closes and removes the file (the call failed: nothing to keep). */
  discard(): void;
}

/**
 * Creates `name` (relative to `cwd`) with mode 0600 set by open(2) itself, so it is never
 * readable by others. The file must not exist: an activation code the platform gives once
 * must not overwrite another one. It is created before sending, so a path that cannot be
 * written is found before the platform has done anything.
 */
export function reserveSecretFile(name: string, cwd: string): SecretFile {
  const path = resolve(cwd, name);
  let fd: number;
  try {
    fd = createPrivateFile(path);
  } catch (error) {
    throw outFileError(path, error);
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    path,
    write(text) {
      const bytes = Buffer.from(text);
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      fsyncSync(fd);
      close();
    },
    discard() {
      close();
      unlinkSync(path);
    },
  };
}

/** The error for an `--out` file that could not be created (exit 2, nothing sent yet). */
export function outFileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  return new InputError(
    code === "EEXIST"
      ? `--out ${path} already exists; name a new file (a file with secrets is never overwritten)`
      : `--out ${path} cannot be created: ${code}`,
  );
}
