import * as zlib from "node:zlib";

// zlib.crc32 arrived in Node 22.2 and 20.15; the engines range starts at 20.11.
const native = (zlib as Partial<typeof zlib>).crc32;

let table: Uint32Array | undefined;

function tableCrc32(data: Uint8Array): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The CRC-32 (ISO-HDLC, as PNG and zlib use) of `data`: zlib's where Node has it. */
export const crc32: (data: Uint8Array) => number =
  native === undefined ? tableCrc32 : (data) => native(data);

/** The table-driven CRC-32 that stands in on Node versions without zlib.crc32. */
export const portableCrc32: (data: Uint8Array) => number = tableCrc32;
