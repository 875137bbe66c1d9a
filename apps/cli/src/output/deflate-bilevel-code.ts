// One Huffman code, chosen once, for deflate streams of bilevel image rows: rows whose bytes
// are all 0x00 or 0xFF (a 1-bit PNG at 8 pixels a module makes each module one such byte, and
// filter type 0 is byte 0x00), each row repeated a few times. A light byte costs 1 bit, a dark
// one 2; repeats are copies of the row before. Sent in the block's header (RFC 1951 §3.2.7,
// "dynamic" codes) it costs 35 bytes, against the fixed code's 8 and 9 bits a byte.

/** Writes values least significant bit first, as deflate packs them. */
export interface BitSink {
  put(value: number, bits: number): void;
}

const lengthBase = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258,
];
const lengthExtraBits = [
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const distanceBase = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const distanceExtraBits = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];

const dark = 0x00;
const light = 0xff;
const endOfBlock = 256;
const literalLengthSymbols = 286;
const distanceSymbols = 30;

// Code lengths. Literals: light 1 bit, dark 2 (light is the more frequent: the quiet zone);
// the 30 length symbols and end of block share the last quarter, 7 bits each but for a copy
// of 258 (the pieces long repeats are cut into) and the end of block at 6. Distances: 5 bits,
// but codes 10 and 11 (33–64 bytes, the rows of versions 2–9) at 4. Both codes are complete,
// as zlib's inflate insists (zlib-rows.test.ts inflates with it).
const literalLengthLengths = new Uint8Array(literalLengthSymbols);
literalLengthLengths[dark] = 2;
literalLengthLengths[light] = 1;
literalLengthLengths.fill(7, endOfBlock, literalLengthSymbols);
literalLengthLengths[endOfBlock] = 6;
literalLengthLengths[285] = 6;
const distanceLengths = new Uint8Array(distanceSymbols).fill(5);
distanceLengths[10] = 4;
distanceLengths[11] = 4;

const literalLengthCodes = canonicalCodes(literalLengthLengths);
const distanceCodes = canonicalCodes(distanceLengths);

/** The code of a light byte (1 bit) and of a dark one (2 bits), ready for a {@link BitSink}. */
export const lightCode = literalLengthCodes[light] as number;
export const darkCode = literalLengthCodes[dark] as number;

/** Starts the single, final block and sends the code: the same bits for every stream. */
export function writeBlockHeader(out: BitSink): void {
  for (let index = 0; index < blockHeader.length; index += 2) {
    out.put(blockHeader[index] as number, blockHeader[index + 1] as number);
  }
}

const blockHeader = headerBits();

/** The bits of the block's header, as pairs of value and bit count. */
function headerBits(): number[] {
  const pairs: number[] = [];
  const out: BitSink = { put: (value, bits) => pairs.push(value, bits) };
  out.put(1, 1); // BFINAL
  out.put(0b10, 2); // BTYPE: dynamic codes
  // The code lengths, as symbols of the code-length alphabet: 1–15 for a length, 17 and 18
  // for runs of 3–10 and 11–138 zeros; the symbols used get a complete code of 2 and 3 bits.
  const lengths = [...literalLengthLengths, ...distanceLengths];
  const symbols: [symbol: number, extra: number, extraBits: number][] = [];
  for (let index = 0; index < lengths.length; ) {
    const length = lengths[index] as number;
    let run = 1;
    while (length === 0 && lengths[index + run] === 0 && run < 138) run += 1;
    if (length !== 0) symbols.push([length, 0, 0]);
    else if (run >= 11) symbols.push([18, run - 11, 7]);
    else if (run >= 3) symbols.push([17, run - 3, 3]);
    else throw new Error("a run of 1 or 2 zeros needs symbol 0, which has no code here");
    index += length === 0 ? run : 1;
  }
  const used = [...new Set(symbols.map(([symbol]) => symbol))];
  const codeLengthLengths = new Uint8Array(19);
  // k symbols in a complete code: 2^L − k of them (L = ⌈log₂ k⌉) one bit shorter.
  const longest = Math.ceil(Math.log2(used.length));
  used.forEach((symbol, index) => {
    codeLengthLengths[symbol] = index < 2 ** longest - used.length ? longest - 1 : longest;
  });
  const codeLengthCodes = canonicalCodes(codeLengthLengths);
  // Their lengths go in this order, trailing zeros left out.
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  let sent = order.length;
  while (codeLengthLengths[order[sent - 1] as number] === 0) sent -= 1;
  out.put(literalLengthSymbols - 257, 5);
  out.put(distanceSymbols - 1, 5);
  out.put(sent - 4, 4);
  for (let index = 0; index < sent; index += 1) {
    out.put(codeLengthLengths[order[index] as number] as number, 3);
  }
  for (const [symbol, extra, extraBits] of symbols) {
    out.put(codeLengthCodes[symbol] as number, codeLengthLengths[symbol] as number);
    out.put(extra, extraBits);
  }
  return pairs;
}

/** Ends the block. */
export function writeEndOfBlock(out: BitSink): void {
  out.put(literalLengthCodes[endOfBlock] as number, literalLengthLengths[endOfBlock] as number);
}

// Length codes by copy length, so that a copy needs no search.
const lengthCodeOf = new Uint8Array(259);
lengthBase.forEach((base, code) => {
  lengthCodeOf.fill(code, base);
});

/**
 * Sends "copy `length` bytes from `distance` back" (3 … 258 bytes, 1 … 32768 back): length
 * code and its extra bits (12 bits at most), then distance code and its extra bits (18).
 */
export function writeCopy(out: BitSink, length: number, distance: number): void {
  const lengthCode = lengthCodeOf[length] as number;
  const symbol = 257 + lengthCode;
  const symbolBits = literalLengthLengths[symbol] as number;
  out.put(
    (literalLengthCodes[symbol] as number) |
      ((length - (lengthBase[lengthCode] as number)) << symbolBits),
    symbolBits + (lengthExtraBits[lengthCode] as number),
  );
  const distanceCode = distanceCodeOf(distance);
  const codeBits = distanceLengths[distanceCode] as number;
  out.put(
    (distanceCodes[distanceCode] as number) |
      ((distance - (distanceBase[distanceCode] as number)) << codeBits),
    codeBits + (distanceExtraBits[distanceCode] as number),
  );
}

/** The distance code of 1 … 32768: two codes per power of two above 4. */
function distanceCodeOf(distance: number): number {
  if (distance <= 4) return distance - 1;
  const high = 31 - Math.clz32(distance - 1);
  return 2 * high + (((distance - 1) >>> (high - 1)) & 1);
}

/**
 * The canonical Huffman codes of code lengths (RFC 1951 §3.2.2), each bit-reversed: deflate
 * sends a code's most significant bit first into a stream filled from the least significant.
 */
function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const countOfLength = new Uint16Array(16);
  for (const length of lengths) {
    if (length > 0) countOfLength[length] = (countOfLength[length] as number) + 1;
  }
  const nextCode = new Uint16Array(16);
  for (let length = 1, code = 0; length < 16; length += 1) {
    code = (code + (countOfLength[length - 1] as number)) << 1;
    nextCode[length] = code;
  }
  const codes = new Uint16Array(lengths.length);
  lengths.forEach((length, symbol) => {
    if (length === 0) return;
    const code = nextCode[length] as number;
    nextCode[length] = code + 1;
    let reversed = 0;
    for (let bit = 0; bit < length; bit += 1)
      reversed |= ((code >>> bit) & 1) << (length - 1 - bit);
    codes[symbol] = reversed;
  });
  return codes;
}
