import { FixedDeflateWriter } from "./deflate-fixed.ts";

const adlerModulus = 65521;

/** The most bytes a stream of `rows` calls of {@link ZlibRowsWriter.add}, each `times` times, takes. */
export function zlibRowsBound(rowLength: number, rows: number, times: number): number {
  // Header 2, end of block and padding 2, Adler-32 4; per call a row of literals at 9 bits a
  // byte at most (runs as copies take less), and its repeats as copies of 4 bytes at most.
  const copies = Math.ceil((times * rowLength) / 258) + 1;
  return 8 + rows * (Math.ceil((rowLength * 9) / 8) + 4 * copies);
}

/**
 * Writes rows of equal length (up to 32 KiB, the reach of a deflate copy) as a zlib stream
 * (RFC 1950): a row equal to the one before is a copy of it, any other row goes out as runs
 * of equal bytes. The Adler-32 is carried per row, so a row repeated costs next to nothing.
 */
export class ZlibRowsWriter {
  readonly #deflate: FixedDeflateWriter;
  readonly #out: Uint8Array;
  readonly #previous: Uint8Array;
  #havePrevious = false;
  #pendingCopies = 0;
  #adlerA = 1;
  #adlerB = 0;
  // Row sums for the Adler-32 of the last row: S = Σ x, W = Σ (n − i)·x.
  #sum = 0;
  #weighted = 0;

  /** Starts the stream at `offset` of `out`, which must hold {@link zlibRowsBound} bytes. */
  constructor(out: Uint8Array, offset: number, rowLength: number) {
    this.#out = out;
    out[offset] = 0x78; // deflate, 32 KiB window
    out[offset + 1] = 0x01; // no dictionary, fastest; header divisible by 31
    this.#deflate = new FixedDeflateWriter(out, offset + 2);
    this.#previous = new Uint8Array(rowLength);
  }

  /** Appends `row` `times` times. */
  add(row: Uint8Array, times: number): void {
    if (!this.#havePrevious || !sameBytes(row, this.#previous)) {
      this.#flushCopies();
      this.#writeRow(row);
      this.#previous.set(row);
      this.#havePrevious = true;
      this.#pendingCopies = times - 1;
    } else {
      this.#pendingCopies += times;
    }
    for (let time = 0; time < times; time += 1) this.#adlerAddRow();
  }

  /** Ends the stream with its Adler-32 and returns the offset after it. */
  finish(): number {
    this.#flushCopies();
    const end = this.#deflate.finish();
    const adler = ((this.#adlerB << 16) | this.#adlerA) >>> 0;
    this.#out[end] = adler >>> 24;
    this.#out[end + 1] = (adler >>> 16) & 0xff;
    this.#out[end + 2] = (adler >>> 8) & 0xff;
    this.#out[end + 3] = adler & 0xff;
    return end + 4;
  }

  /** Writes the row as runs of equal bytes, and takes its sums for the Adler-32 per run. */
  #writeRow(row: Uint8Array): void {
    const n = row.length;
    let sum = 0;
    let weighted = 0;
    let index = 0;
    while (index < n) {
      const byte = row[index] as number;
      let end = index + 1;
      while (end < n && row[end] === byte) end += 1;
      const length = end - index;
      this.#deflate.run(byte, length);
      // Σ (n − j) over j = index … end − 1, times the byte.
      sum += length * byte;
      weighted += byte * (length * (n - index) - (length * (length - 1)) / 2);
      index = end;
    }
    this.#sum = sum % adlerModulus;
    this.#weighted = weighted % adlerModulus;
  }

  #flushCopies(): void {
    if (this.#pendingCopies === 0) return;
    this.#deflate.copy(this.#pendingCopies * this.#previous.length, this.#previous.length);
    this.#pendingCopies = 0;
  }

  #adlerAddRow(): void {
    // Appending n bytes: A' = A + S, B' = B + n·A + W (all mod 65521).
    const n = this.#previous.length;
    this.#adlerB =
      (this.#adlerB + ((n * this.#adlerA) % adlerModulus) + this.#weighted) % adlerModulus;
    this.#adlerA = (this.#adlerA + this.#sum) % adlerModulus;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}
