// Deflate (RFC 1951) with the fixed Huffman codes: no code tables to build or send, which
// suits images whose repetition is known in advance and needs no search for matches.

const lengthBase = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const lengthExtra = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const distanceBase = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const distanceExtra = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/** The longest copy one length code can say. */
const maxCopy = 258;
const endOfBlock = 256;

// Huffman codes go out most significant bit first into a stream filled from the least
// significant bit: each code is stored reversed once, so writing it is one shift.
const codeBits = new Uint16Array(288);
const codeLength = new Uint8Array(288);
for (let symbol = 0; symbol < 288; symbol += 1) {
  const [code, length] =
    symbol < 144
      ? [0x30 + symbol, 8]
      : symbol < 256
        ? [0x190 + symbol - 144, 9]
        : symbol < 280
          ? [symbol - 256, 7]
          : [0xc0 + symbol - 280, 8];
  codeBits[symbol] = reverse(code, length);
  codeLength[symbol] = length;
}
const distanceCodeBits = Uint8Array.from({ length: 30 }, (_, code) => reverse(code, 5));
// Length codes by length, so a copy needs no search.
const lengthCodeOf = new Uint8Array(maxCopy + 1);
for (let code = 0; code < lengthBase.length; code += 1) {
  const last = code + 1 < lengthBase.length ? (lengthBase[code + 1] as number) - 1 : maxCopy;
  lengthCodeOf.fill(code, lengthBase[code] as number, last + 1);
}
// "Copy n bytes from 1 back", which follows the first byte of every run of 4 or more, as one
// bit string per n: length code, its extra bits, then distance code 0 (five 0 bits, no extra
// bits); 18 bits at most.
const nearCopyBits = new Uint32Array(maxCopy + 1);
const nearCopyLength = new Uint8Array(maxCopy + 1);
for (let length = 3; length <= maxCopy; length += 1) {
  const lengthCode = lengthCodeOf[length] as number;
  const symbol = 257 + lengthCode;
  const symbolLength = codeLength[symbol] as number;
  const extra = length - (lengthBase[lengthCode] as number);
  nearCopyBits[length] = (codeBits[symbol] as number) | (extra << symbolLength);
  nearCopyLength[length] = symbolLength + (lengthExtra[lengthCode] as number) + 5;
}

/** Writes one final fixed-Huffman deflate block into a buffer sized by the caller. */
export class FixedDeflateWriter {
  readonly #out: Uint8Array;
  #position: number;
  #bits = 0;
  #count = 0;

  /** Starts the block at `offset`: BFINAL = 1, BTYPE = 01 (fixed codes). */
  constructor(out: Uint8Array, offset: number) {
    this.#out = out;
    this.#position = offset;
    this.#put(0b011, 3);
  }

  /**
   * Emits `length` copies of `byte`: from 4 on as the byte and a copy of it from 1 back
   * (about 20 bits for what takes 32 to 36 as literals), else as literals.
   */
  run(byte: number, length: number): void {
    const code = codeBits[byte] as number;
    const bits = codeLength[byte] as number;
    if (length === 1) {
      this.#put(code, bits);
    } else if (length <= 3) {
      this.#put(code | (code << bits), 2 * bits); // 18 bits at most: one write
      if (length === 3) this.#put(code, bits);
    } else if (length - 1 <= maxCopy) {
      this.#put(code, bits);
      this.#put(nearCopyBits[length - 1] as number, nearCopyLength[length - 1] as number);
    } else {
      this.#put(code, bits);
      this.copy(length - 1, 1);
    }
  }

  /** Emits "copy `length` bytes from `distance` back" (overlapping copies repeat). */
  copy(length: number, distance: number): void {
    const distanceCode = distanceCodeOf(distance);
    const distanceRest = distance - (distanceBase[distanceCode] as number);
    let left = length;
    while (left > 0) {
      // A piece of 1 or 2 bytes cannot be said: leave at least 3 for the last one.
      let piece = Math.min(left, maxCopy);
      if (left - piece > 0 && left - piece < 3) piece = left - 3;
      const lengthCode = lengthCodeOf[piece] as number;
      const symbol = 257 + lengthCode;
      this.#put(codeBits[symbol] as number, codeLength[symbol] as number);
      this.#put(piece - (lengthBase[lengthCode] as number), lengthExtra[lengthCode] as number);
      this.#put(distanceCodeBits[distanceCode] as number, 5);
      this.#put(distanceRest, distanceExtra[distanceCode] as number);
      left -= piece;
    }
  }

  /** Ends the block, pads to a byte and returns the offset after the last byte. */
  finish(): number {
    this.#put(codeBits[endOfBlock] as number, codeLength[endOfBlock] as number);
    if (this.#count > 0) this.#put(0, 8 - this.#count);
    return this.#position;
  }

  #put(value: number, length: number): void {
    this.#bits |= value << this.#count;
    this.#count += length;
    while (this.#count >= 8) {
      this.#out[this.#position] = this.#bits & 0xff;
      this.#position += 1;
      this.#bits >>>= 8;
      this.#count -= 8;
    }
  }
}

/** The distance code of 1 … 32768: two codes per power of two above 4. */
function distanceCodeOf(distance: number): number {
  if (distance <= 4) return distance - 1;
  const high = 31 - Math.clz32(distance - 1);
  return 2 * high + (((distance - 1) >>> (high - 1)) & 1);
}

function reverse(code: number, length: number): number {
  let reversed = 0;
  for (let bit = 0; bit < length; bit += 1) reversed |= ((code >>> bit) & 1) << (length - 1 - bit);
  return reversed;
}
