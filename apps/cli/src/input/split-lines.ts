import type { Readable } from "node:stream";

/** One line of a byte stream. */
export interface Line {
  /** The line's text, decoded as UTF-8, without LF or a CR before it. */
  readonly text: string;
  /** Byte offset just past the line's LF (or the end of the input). */
  readonly end: number;
  /** False for a last line without LF: it may have been cut short. */
  readonly terminated: boolean;
}

const newline = 0x0a;

/**
 * Splits a byte stream into lines without holding more than one line, and refuses a line
 * longer than `maxLineBytes` (which would otherwise grow without bound).
 */
export async function* splitLines(
  stream: Readable,
  maxLineBytes: number,
  onTooLong: (lineNumber: number) => Error,
): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;
  let lineNumber = 1;
  try {
    for await (const part of stream) {
      let chunk = typeof part === "string" ? Buffer.from(part) : (part as Buffer);
      let index = chunk.indexOf(newline);
      while (index !== -1) {
        pending.push(chunk.subarray(0, index));
        offset += pendingBytes + index + 1;
        yield { text: decode(Buffer.concat(pending)), end: offset, terminated: true };
        lineNumber += 1;
        pending = [];
        pendingBytes = 0;
        chunk = chunk.subarray(index + 1);
        index = chunk.indexOf(newline);
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > maxLineBytes) throw onTooLong(lineNumber);
    }
  } finally {
    stream.destroy();
  }
  if (pendingBytes > 0) {
    yield { text: decode(Buffer.concat(pending)), end: offset + pendingBytes, terminated: false };
  }
}

function decode(bytes: Buffer): string {
  const end =
    bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
  return bytes.toString("utf8", 0, end);
}
