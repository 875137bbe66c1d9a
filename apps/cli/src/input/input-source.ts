import {
  closeSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { InputError } from "../core/cli-error.ts";

/**
 * An input that can be read from the start more than once (validation, then sending) through
 * one open file descriptor, so renaming or replacing the file meanwhile changes nothing.
 */
export interface InputSource {
  /** Absolute path of the file, or null for stdin. */
  readonly path: string | null;
  /** How messages name the input. */
  readonly displayName: string;
  /** Size in bytes when opened. */
  readonly size: number;
  /** A fresh stream over every byte, from the first. */
  open(): Readable;
  /** Up to `length` bytes from the start, for format sniffing. */
  head(length: number): Uint8Array;
  close(): void;
}

/** Opens the file named, or copies stdin aside for `-` (see {@link spoolStdin}). */
export async function openInputSource(
  name: string,
  stdin: Readable,
  cwd: string,
): Promise<InputSource> {
  if (name === "-") return spoolStdin(stdin);
  const path = resolve(cwd, name);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(
      `cannot open input ${name}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw new InputError(`input ${name} is not a regular file`);
  }
  return fromDescriptor(fd, path, name, stat.size);
}

/**
 * Stdin can be read only once, but validation must finish before anything is sent: its bytes
 * are copied to a private temporary file that is unlinked at once, so they vanish with the
 * process even after kill -9.
 */
async function spoolStdin(stdin: Readable): Promise<InputSource> {
  const folder = mkdtempSync(join(tmpdir(), "simlessly-"));
  const file = join(folder, "stdin");
  const fd = openSync(file, "wx+", 0o600);
  unlinkSync(file);
  rmdirSync(folder);
  let size = 0;
  for await (const part of stdin) {
    const bytes = typeof part === "string" ? Buffer.from(part) : (part as Buffer);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    size += bytes.length;
  }
  return fromDescriptor(fd, null, "stdin", size);
}

function fromDescriptor(
  fd: number,
  path: string | null,
  displayName: string,
  size: number,
): InputSource {
  return {
    path,
    displayName,
    size,
    // One piece ahead at most: each is read when the one before it is taken.
    open: () => Readable.from(pieces(fd), { highWaterMark: 1 }),
    head: (length) => {
      const buffer = Buffer.alloc(length);
      const read = readSync(fd, buffer, 0, length, 0);
      return buffer.subarray(0, read);
    },
    close: () => closeSync(fd),
  };
}

// 64 KiB: V8 keeps a longer decoded string outside the young generation, and reading the
// records of 256 KiB pieces cost nearly twice the CPU (80 against 45 ms per 100,000 records).
const pieceBytes = 64 * 1024;

/**
 * The bytes of the file from the first, a piece at a time, read with readSync on the calling
 * thread. A read of a regular file (stdin is copied to one) takes tens of microseconds, while
 * each read of fs.createReadStream goes through libuv's thread pool, and on a busy 2-core
 * machine waking a pool thread cost the main thread up to a millisecond, in the middle of a
 * run that sends and polls. The descriptor stays open: every pass reads it, close() ends it.
 */
function* pieces(fd: number): Generator<Buffer> {
  let position = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(pieceBytes);
    const length = readSync(fd, buffer, 0, pieceBytes, position);
    if (length === 0) return;
    position += length;
    yield buffer.subarray(0, length);
  }
}
