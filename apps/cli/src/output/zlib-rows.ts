import {
  type BitSink,
  darkCode,
  lightCode,
  writeBlockHeader,
  writeCopy,
  writeEndOfBlock,
} from "./deflate-bilevel-code.ts";

const adlerModulus = 65521;
/**
 * The Adler-32 sums are reduced once past 2^32: then one call of up to 2^20 bytes (rows up to
 * 32 KiB) keeps them below 2^53, exact in doubles. B grows at least as fast as A (W ≥ S).
 */
const adlerReduceAbove = 2 ** 32;
const maxBytesPerCall = 2 ** 20;
/** The longest copy one length code can say. */
const maxCopy = 258;

// For each 8 bytes given as the 8 bits of a byte (most significant first, 1 = 0xFF): their
// codes in a row, the count of light bytes and the sum of their places 0 … 7.
const octetCodes = new Uint16Array(256);
const octetCodeBits = new Uint8Array(256);
const octetLight = new Uint8Array(256);
const octetLightPlaces = new Uint8Array(256);
for (let octet = 0; octet < 256; octet += 1) {
  let code = 0;
  let bits = 0;
  let light = 0;
  let places = 0;
  for (let place = 0; place < 8; place += 1) {
    const isLight = (octet >>> (7 - place)) & 1;
    code |= (isLight === 1 ? lightCode : darkCode) << bits;
    bits += isLight === 1 ? 1 : 2;
    light += isLight;
    places += isLight * place;
  }
  octetCodes[octet] = code;
  octetCodeBits[octet] = bits;
  octetLight[octet] = light;
  octetLightPlaces[octet] = places;
}

/** The most bytes a stream of `rows` calls of {@link ZlibRowsWriter.add} takes. */
export function zlibRowsBound(rowLength: number, rows: number, times: number): number {
  // Header 2, the block's code 35, end of block and padding 2, Adler-32 4; per call
  // a row at 2 bits a byte at most, and its repeats as copies of 4 bytes at most.
  const copies = Math.ceil((times * rowLength) / maxCopy) + 1;
  return 43 + rows * (Math.ceil(rowLength / 4) + 4 * copies);
}

/**
 * Writes bilevel rows of equal length (up to 32 KiB, the reach of a copy) as a zlib stream
 * (RFC 1950). Every byte of a row is 0x00 or 0xFF, so a row is given as bits, one a byte: a
 * PNG row of a 1-bit image at 8 pixels a module (filter byte 0, then a byte per module). A
 * row equal to the one before is a copy of it; any other goes out in the code of
 * deflate-bilevel-code.ts, 8 bytes a step. The Adler-32 is carried per row, so a row
 * repeated costs next to nothing.
 */
export class ZlibRowsWriter implements BitSink {
  readonly #out: Uint8Array;
  readonly #rowLength: number;
  readonly #previous: Uint8Array;
  #position: number;
  /** Bits not yet written, least significant first: fewer than 8 between calls. */
  #bits = 0;
  #count = 0;
  #havePrevious = false;
  #pendingCopies = 0;
  #adlerA = 1;
  #adlerB = 0;
  // Sums over the last row for the Adler-32: S = Σ x, W = Σ (n − i)·x.
  #sum = 0;
  #weighted = 0;

  /**
   * Starts the stream at `offset` of `out`, which must hold {@link zlibRowsBound} bytes, for
   * rows of `rowLength` bytes (3 or more: a copy is 3 bytes or more).
   */
  constructor(out: Uint8Array, offset: number, rowLength: number) {
    if (rowLength < 3) throw new RangeError(`rows of ${rowLength} bytes are too short`);
    this.#out = out;
    this.#rowLength = rowLength;
    out[offset] = 0x78; // deflate, 32 KiB window
    out[offset + 1] = 0x01; // no dictionary, fastest; header divisible by 31
    this.#position = offset + 2;
    this.#previous = new Uint8Array(Math.ceil(rowLength / 8));
    writeBlockHeader(this);
  }

  /**
   * Appends a row `times` times (1 MiB at most): byte i is 0xFF where bit i of `bits` is set
   * (bit 0 the most significant of bits[0]), else 0x00. Bits past the row are ignored.
   */
  add(bits: Uint8Array, times: number): void {
    const n = this.#rowLength;
    if (bits.length !== this.#previous.length || n * times > maxBytesPerCall) {
      throw new RangeError(`${times} rows of ${bits.length} bytes of bits do not fit one call`);
    }
    if (!this.#havePrevious || !this.#sameRow(bits)) {
      this.#flushCopies();
      this.#writeRow(bits);
      this.#previous.set(bits);
      this.#havePrevious = true;
      this.#pendingCopies = times - 1;
    } else {
      this.#pendingCopies += times;
    }
    // Appending n bytes k times: A' = A + k·S, B' = B + k·n·A + k·W + n·S·k(k − 1)/2, exact in
    // doubles: reduced modulo 65521 only now and then, as a % of doubles calls fmod.
    const a = this.#adlerA;
    this.#adlerA = a + times * this.#sum;
    this.#adlerB +=
      times * n * a + times * this.#weighted + (n * this.#sum * times * (times - 1)) / 2;
    if (this.#adlerB > adlerReduceAbove) {
      this.#adlerA %= adlerModulus;
      this.#adlerB %= adlerModulus;
    }
  }

  /** Ends the stream with its Adler-32 and returns the offset after it. */
  finish(): number {
    this.#flushCopies();
    writeEndOfBlock(this);
    if (this.#count > 0) this.put(0, 8 - this.#count);
    const out = this.#out;
    const end = this.#position;
    const adler = (((this.#adlerB % adlerModulus) << 16) | (this.#adlerA % adlerModulus)) >>> 0;
    out[end] = adler >>> 24;
    out[end + 1] = (adler >>> 16) & 0xff;
    out[end + 2] = (adler >>> 8) & 0xff;
    out[end + 3] = adler & 0xff;
    return end + 4;
  }

  /** Sends up to 25 bits, least significant first. */
  put(value: number, bits: number): void {
    let pending = this.#bits | (value << this.#count);
    let count = this.#count + bits;
    while (count >= 8) {
      this.#out[this.#position] = pending & 0xff;
      this.#position += 1;
      pending >>>= 8;
      count -= 8;
    }
    this.#bits = pending;
    this.#count = count;
  }

  /** Writes the row's codes 8 bytes at a time, and takes its sums for the Adler-32. */
  #writeRow(bits: Uint8Array): void {
    const out = this.#out;
    const n = this.#rowLength;
    let position = this.#position;
    let pending = this.#bits;
    let count = this.#count;
    let lightBytes = 0;
    let lightWeight = 0; // Σ (n − i) over the light bytes
    const whole = n >>> 3;
    for (let index = 0; index < whole; index += 1) {
      const octet = bits[index] as number;
      const light = octetLight[octet] as number;
      pending |= (octetCodes[octet] as number) << count;
      count += octetCodeBits[octet] as number;
      lightBytes += light;
      lightWeight += light * (n - 8 * index) - (octetLightPlaces[octet] as number);
      if (count >= 16) {
        out[position] = pending & 0xff;
        out[position + 1] = (pending >>> 8) & 0xff;
        position += 2;
        pending >>>= 16;
        count -= 16;
      }
    }
    this.#position = position;
    this.#bits = pending;
    this.#count = count;
    this.put(0, 0); // fewer than 8 bits waiting, as put expects
    // The last few bytes one by one.
    const last = bits[whole] ?? 0;
    for (let place = 0; place < (n & 7); place += 1) {
      const isLight = (last >>> (7 - place)) & 1;
      this.put(isLight === 1 ? lightCode : darkCode, isLight === 1 ? 1 : 2);
      lightBytes += isLight;
      lightWeight += isLight * (n - 8 * whole - place);
    }
    this.#sum = 0xff * lightBytes;
    this.#weighted = 0xff * lightWeight;
  }

  /** Whether `bits` says the same row as the last one written. */
  #sameRow(bits: Uint8Array): boolean {
    const previous = this.#previous;
    const whole = this.#rowLength >>> 3;
    for (let index = 0; index < whole; index += 1)
      if (bits[index] !== previous[index]) return false;
    const rest = this.#rowLength & 7;
    if (rest === 0) return true;
    const used = (0xff00 >>> rest) & 0xff; // the first `rest` bits of the last byte
    return (((bits[whole] as number) ^ (previous[whole] as number)) & used) === 0;
  }

  /** Sends the repeats of the previous row as copies of it, in pieces of up to 258 bytes. */
  #flushCopies(): void {
    const distance = this.#rowLength;
    let left = this.#pendingCopies * distance;
    this.#pendingCopies = 0;
    while (left > 0) {
      // A piece of 1 or 2 bytes cannot be said: leave at least 3 for the last one.
      let piece = Math.min(left, maxCopy);
      if (left - piece > 0 && left - piece < 3) piece = left - 3;
      writeCopy(this, piece, distance);
      left -= piece;
    }
  }
}
