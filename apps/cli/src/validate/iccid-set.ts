const occupied = 0x8000_0000;
const twentyDigits = 0x4000_0000;
const flagBit = 0x4000_0000;
const lowMask = 0x3fff_ffff;
const maxLoad = 0.7;

/**
 * A set of ICCIDs for duplicate detection that stays small for millions of records: an
 * ICCID of the telecom range (`89` + 17 or 18 digits, nearly all of them) is packed exactly
 * into two 32-bit words of an open-addressing table, 8 bytes a slot instead of ~50 for a
 * string in a Set. Anything else falls back to a Map. Each entry keeps one flag, set by the
 * first add (the CLI uses it for "the first occurrence had other problems").
 */
export class IccidSet {
  #high = new Uint32Array(1 << 12);
  #low = new Uint32Array(1 << 12);
  #packedCount = 0;
  readonly #other = new Map<string, boolean>();

  /** Number of distinct ICCIDs added. */
  get size(): number {
    return this.#packedCount + this.#other.size;
  }

  /** Bytes held by the packed table (for memory measurements). */
  get tableBytes(): number {
    return this.#high.byteLength + this.#low.byteLength;
  }

  /**
   * Adds `iccid` (19 or 20 digits) unless present. Returns undefined when it was new, else
   * the flag given when it was first added.
   */
  addOrGet(iccid: string, flag: boolean): boolean | undefined {
    const packed = pack(iccid);
    if (packed === undefined) {
      const previous = this.#other.get(iccid);
      if (previous === undefined) this.#other.set(iccid, flag);
      return previous;
    }
    const [high, low] = packed;
    const slot = this.#find(high, low);
    if (this.#high[slot] !== 0) return ((this.#low[slot] as number) & flagBit) !== 0;
    this.#high[slot] = high;
    this.#low[slot] = flag ? (low | flagBit) >>> 0 : low;
    this.#packedCount += 1;
    if (this.#packedCount > this.#high.length * maxLoad) this.#grow();
    return undefined;
  }

  /** Tells whether `iccid` was added. */
  has(iccid: string): boolean {
    const packed = pack(iccid);
    if (packed === undefined) return this.#other.has(iccid);
    return this.#high[this.#find(packed[0], packed[1])] !== 0;
  }

  // Linear probing: the slot holding (high, low), or the empty slot where it belongs.
  #find(high: number, low: number): number {
    const mask = this.#high.length - 1;
    let slot = mix(high, low) & mask;
    for (;;) {
      const stored = this.#high[slot] as number;
      if (stored === 0) return slot;
      if (stored === high && ((this.#low[slot] as number) & lowMask) >>> 0 === low) return slot;
      slot = (slot + 1) & mask;
    }
  }

  #grow(): void {
    const oldHigh = this.#high;
    const oldLow = this.#low;
    this.#high = new Uint32Array(oldHigh.length * 2);
    this.#low = new Uint32Array(oldLow.length * 2);
    for (let index = 0; index < oldHigh.length; index += 1) {
      const high = oldHigh[index] as number;
      if (high === 0) continue;
      const low = oldLow[index] as number;
      const slot = this.#find(high, (low & lowMask) >>> 0);
      this.#high[slot] = high;
      this.#low[slot] = low;
    }
  }
}

/**
 * Packs `89` + 17/18 digits exactly: the middle 8 or 9 digits with the length as bit 30 (and
 * bit 31 marking the slot used), the last 9 digits in the low word (bit 30 free for the flag).
 */
function pack(iccid: string): [number, number] | undefined {
  const { length } = iccid;
  if ((length !== 19 && length !== 20) || !iccid.startsWith("89")) return undefined;
  const middle = digitsValue(iccid, 2, length - 9);
  const low = digitsValue(iccid, length - 9, length);
  if (middle < 0 || low < 0) return undefined;
  const high = (occupied | (length === 20 ? twentyDigits : 0) | middle) >>> 0;
  return [high, low];
}

/**
 * The number the decimal digits of `text` from `start` to `end` spell, or -1 when one is not
 * a digit. Read in place: the first pass packs every ICCID of the input, and cutting the two
 * parts out and converting them with Number cost as much as the rest of adding one.
 */
function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function mix(high: number, low: number): number {
  let hash = Math.imul(high ^ Math.imul(low, 0x9e37_79b1), 0x85eb_ca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2_ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
