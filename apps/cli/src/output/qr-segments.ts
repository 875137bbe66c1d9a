// Splitting a text into QR segments of the mode that takes fewest bits: an activation code's
// `LPA:1$host$` has lower-case letters (byte mode, 8 bits a character) while its matching id
// is usually upper-case letters and digits (alphanumeric mode, 5.5 bits a character). Mixed,
// the sandbox's 65-character codes fit version 4 instead of 5: fewer, larger modules.

/** The modes used, by index: byte (any byte), alphanumeric, numeric (ISO/IEC 18004 §7.4). */
export const byteMode = 0;
export const alphanumericMode = 1;
export const numericMode = 2;
const modes = 3;

/** A run of the text's bytes `start` … `end − 1` in one mode. */
export interface Segment {
  readonly mode: number;
  readonly start: number;
  readonly end: number;
}

/** Mode indicator bits, by mode. */
export const modeIndicator = [0b0100, 0b0010, 0b0001];
/** The bits of a segment's character count, by mode, for versions 1–9, 10–26 and 27–40. */
const countBitsByGroup = [
  [8, 9, 10],
  [16, 11, 12],
  [16, 13, 14],
];
/** Bits of the last 0, 1 or 2 digits of a numeric segment, after its groups of 3. */
const numericRestBits = [0, 4, 7];

/** The alphanumeric value of each ASCII byte, −1 outside the 45 characters. */
export const alphanumericValue = new Int8Array(128).fill(-1);
const alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
for (let value = 0; value < alphanumerics.length; value += 1) {
  alphanumericValue[alphanumerics.charCodeAt(value)] = value;
}

/** The group of versions sharing character count sizes: 0 (1–9), 1 (10–26) or 2 (27–40). */
export function versionGroup(version: number): number {
  return version < 10 ? 0 : version < 27 ? 1 : 2;
}

/** The bits of a segment's character count field in a symbol of `version`. */
export function countBits(mode: number, version: number): number {
  return (countBitsByGroup[versionGroup(version)] as number[])[mode] as number;
}

/** The bits of `segments` in a symbol of `version`: headers and characters. */
export function segmentsBits(segments: readonly Segment[], version: number): number {
  let bits = 0;
  for (const { mode, start, end } of segments) {
    const count = end - start;
    bits += 4 + countBits(mode, version);
    if (mode === byteMode) bits += 8 * count;
    else if (mode === alphanumericMode) bits += 11 * (count >> 1) + 6 * (count & 1);
    else bits += 10 * Math.floor(count / 3) + (numericRestBits[count % 3] as number);
  }
  return bits;
}

// cameFrom[i·3 + m]: the mode byte i was coded in, on the cheapest way to be ready for mode m
// after it. Reused from text to text, as texts are encoded one at a time.
let cameFrom = new Int8Array(3 * 256);

/**
 * The segments of least bits for the versions of `group`: for each byte, the cheapest way to
 * have coded it and be ready for each mode (the next byte's, its header paid), in sixths of
 * a bit so that 11 bits per 2 and 10 per 3 add up exactly once rounded up per segment.
 */
export function cheapestSegments(bytes: Uint8Array, group: number): Segment[] {
  const [byteCount, alphanumericCount, numericCount] = countBitsByGroup[group] as number[];
  const byteHeader = (4 + (byteCount as number)) * 6;
  const alphanumericHeader = (4 + (alphanumericCount as number)) * 6;
  const numericHeader = (4 + (numericCount as number)) * 6;
  if (cameFrom.length < modes * bytes.length) cameFrom = new Int8Array(modes * bytes.length);
  let inByte = byteHeader;
  let inAlphanumeric = alphanumericHeader;
  let inNumeric = numericHeader;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] as number;
    // Code the byte in the mode it is ready for, where that mode can hold it: 8 bits in byte
    // mode, 5.5 in alphanumeric (11 per 2), 3⅓ in numeric (10 per 3).
    inByte += 48;
    const isAlphanumeric = byte < 128 && (alphanumericValue[byte] as number) >= 0;
    inAlphanumeric = isAlphanumeric ? inAlphanumeric + 33 : Infinity;
    inNumeric = byte >= 0x30 && byte <= 0x39 ? inNumeric + 20 : Infinity;
    // Or end its segment, rounded up to whole bits, and start one of another mode: from the
    // cheapest end, whatever the next mode.
    let endMode = byteMode;
    let endCost = Math.ceil(inByte / 6) * 6;
    if (Math.ceil(inAlphanumeric / 6) * 6 < endCost) {
      endMode = alphanumericMode;
      endCost = Math.ceil(inAlphanumeric / 6) * 6;
    }
    if (Math.ceil(inNumeric / 6) * 6 < endCost) {
      endMode = numericMode;
      endCost = Math.ceil(inNumeric / 6) * 6;
    }
    const at = index * modes;
    cameFrom[at + byteMode] = byteMode;
    cameFrom[at + alphanumericMode] = alphanumericMode;
    cameFrom[at + numericMode] = numericMode;
    if (endCost + byteHeader < inByte) {
      inByte = endCost + byteHeader;
      cameFrom[at + byteMode] = endMode;
    }
    if (endCost + alphanumericHeader < inAlphanumeric) {
      inAlphanumeric = endCost + alphanumericHeader;
      cameFrom[at + alphanumericMode] = endMode;
    }
    if (endCost + numericHeader < inNumeric) {
      inNumeric = endCost + numericHeader;
      cameFrom[at + numericMode] = endMode;
    }
  }
  // The cheapest end, then back to the start through the mode each byte was coded in.
  const ends = [inByte, inAlphanumeric, inNumeric].map((cost) => Math.ceil(cost / 6));
  let state = ends.indexOf(Math.min(...ends));
  const reversed: Segment[] = [];
  let mode = -1;
  let end = bytes.length;
  for (let index = bytes.length - 1; index >= 0; index -= 1) {
    state = cameFrom[index * modes + state] as number;
    if (state !== mode) {
      if (mode >= 0) reversed.push({ mode, start: index + 1, end });
      mode = state;
      end = index + 1;
    }
  }
  if (mode >= 0) reversed.push({ mode, start: 0, end });
  return reversed.reverse();
}
