import { blockLayout, dataCodewords, dataModules } from "./qr-capacity.ts";
import {
  alphanumericMode,
  alphanumericValue,
  byteMode,
  countBits,
  modeIndicator,
  type Segment,
} from "./qr-segments.ts";
import { writeReedSolomon } from "./reed-solomon.ts";

/**
 * The codewords of a symbol of `version` at level M holding `bytes` as `segments`, in the order
 * they are placed (ISO/IEC 18004 §7.4–7.6): the segments, a terminator, padding, then the data
 * and error correction codewords of the blocks interleaved.
 */
export function symbolCodewords(
  bytes: Uint8Array,
  segments: readonly Segment[],
  version: number,
): Uint8Array {
  return interleaveWithEcc(dataBytes(bytes, segments, version), version);
}

function dataBytes(bytes: Uint8Array, segments: readonly Segment[], version: number): Uint8Array {
  const data = new Uint8Array(dataCodewords(version));
  // Bits go in most significant first; at most 7 wait in `pending` between calls.
  let pending = 0;
  let pendingBits = 0;
  let length = 0;
  const put = (value: number, bits: number) => {
    pending = (pending << bits) | value;
    pendingBits += bits;
    while (pendingBits >= 8) {
      pendingBits -= 8;
      data[length] = (pending >>> pendingBits) & 0xff;
      length += 1;
    }
    pending &= (1 << pendingBits) - 1;
  };
  for (const { mode, start, end } of segments) {
    put(modeIndicator[mode] as number, 4);
    put(end - start, countBits(mode, version));
    if (mode === byteMode) {
      for (let index = start; index < end; index += 1) put(bytes[index] as number, 8);
    } else if (mode === alphanumericMode) {
      let index = start;
      const value = (at: number) => alphanumericValue[bytes[at] as number] as number;
      for (; index + 1 < end; index += 2) put(45 * value(index) + value(index + 1), 11);
      if (index < end) put(value(index), 6);
    } else {
      let index = start;
      const digit = (at: number) => (bytes[at] as number) - 0x30;
      for (; index + 2 < end; index += 3) {
        put(100 * digit(index) + 10 * digit(index + 1) + digit(index + 2), 10);
      }
      if (index + 1 < end) put(10 * digit(index) + digit(index + 1), 7);
      else if (index < end) put(digit(index), 4);
    }
  }
  let bits = length * 8 + pendingBits;
  if (bits > data.length * 8) throw new Error("the text does not fit");
  if (pendingBits > 0) data[length] = (pending << (8 - pendingBits)) & 0xff;
  // A terminator of up to 4 zero bits, zeros up to a whole byte (the array's), then pad bytes.
  bits += Math.min(4, data.length * 8 - bits);
  length = Math.ceil(bits / 8);
  for (let pad = 0xec; length < data.length; length += 1, pad ^= 0xec ^ 0x11) data[length] = pad;
  return data;
}

/**
 * Splits the data codewords into blocks (the short ones first, the long ones one codeword
 * longer), appends each block's error correction and interleaves them codeword by codeword.
 */
function interleaveWithEcc(data: Uint8Array, version: number): Uint8Array {
  const { blocks, eccPerBlock } = blockLayout(version);
  const total = Math.floor(dataModules(version) / 8);
  const shortBlocks = blocks - (total % blocks);
  const shortDataLength = Math.floor(total / blocks) - eccPerBlock;
  const out = new Uint8Array(total);
  let start = 0;
  for (let block = 0; block < blocks; block += 1) {
    const length = shortDataLength + (block < shortBlocks ? 0 : 1);
    // Data codeword i of block b goes to i·blocks + b, but the last of a long block follows
    // all the others; the error correction comes after all the data, interleaved alike.
    for (let index = 0; index < shortDataLength; index += 1) {
      out[index * blocks + block] = data[start + index] as number;
    }
    if (length > shortDataLength) {
      out[shortDataLength * blocks + block - shortBlocks] = data[start + shortDataLength] as number;
    }
    writeReedSolomon(data, start, length, eccPerBlock, out, data.length + block, blocks);
    start += length;
  }
  return out;
}
