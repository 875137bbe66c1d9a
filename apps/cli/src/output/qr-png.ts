import { crc32 } from "./crc32.ts";
import { modulePixels, quietZoneModules } from "./qr-layout.ts";
import type { QrMatrix } from "./qr-matrix.ts";
import { ZlibRowsWriter, zlibRowsBound } from "./zlib-rows.ts";

const idatType = [0x49, 0x44, 0x41, 0x54];
const iend = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
/** Signature, IHDR and the IDAT length and type: the bytes before the pixels. */
const headLength = 8 + 25 + 8;
// Images of one run share a handful of sizes (one per QR version): their heads and quiet
// zone rows are reused.
const heads = new Map<number, Uint8Array>();
const lightRows = new Map<number, Uint8Array>();

/**
 * Renders a QR symbol as a PNG: 1-bit grayscale, 8 pixels a module, a quiet zone of 4
 * modules; about half a kilobyte for an activation code.
 */
export function qrPng(matrix: QrMatrix): Buffer {
  const { size, modules } = matrix;
  const side = size + 2 * quietZoneModules;
  // Filter type 0 (None), then one byte per module, 0x00 (dark) or 0xFF: one bit each for
  // zlib-rows.ts, 1 for 0xFF.
  const rowLength = 1 + side;
  const out = Buffer.allocUnsafe(
    headLength + zlibRowsBound(rowLength, side, modulePixels) + 4 + iend.length,
  );
  out.set(headFor(side * modulePixels), 0);

  const zlib = new ZlibRowsWriter(out, headLength, rowLength);
  const lightRow = lightRowFor(rowLength);
  const row = new Uint8Array(lightRow.length);
  for (let y = 0; y < quietZoneModules; y += 1) zlib.add(lightRow, modulePixels);
  for (let symbolRow = 0; symbolRow < size; symbolRow += 1) {
    // Bits gather in a number and go out 8 at a time: the filter byte's 0 and the quiet
    // zone's 1s, then 1 for each light module (no branch on modules as random as these).
    let pending = 0b01111;
    let count = 1 + quietZoneModules;
    let at = 0;
    const from = symbolRow * size;
    for (let x = 0; x < size; x += 1) {
      pending = (pending << 1) | ((modules[from + x] as number) ^ 1);
      count += 1;
      if (count === 8) {
        row[at] = pending;
        at += 1;
        pending = 0;
        count = 0;
      }
    }
    // The right quiet zone, and light bits past the row's end, which zlib-rows.ts ignores.
    pending = (pending << 16) | 0xffff;
    count += 16;
    while (at < row.length) {
      count -= 8;
      row[at] = pending >>> count;
      at += 1;
    }
    zlib.add(row, modulePixels);
  }
  for (let y = 0; y < quietZoneModules; y += 1) zlib.add(lightRow, modulePixels);
  const end = zlib.finish();
  out.writeUInt32BE(end - headLength, headLength - 8);
  out.writeUInt32BE(crc32(out.subarray(headLength - 4, end)), end);
  out.set(iend, end + 4);
  return out.subarray(0, end + 4 + iend.length);
}

/** A row of the quiet zone as bits: the filter byte 0x00, then 0xFF bytes only. */
function lightRowFor(rowLength: number): Uint8Array {
  let row = lightRows.get(rowLength);
  if (row === undefined) {
    row = new Uint8Array(Math.ceil(rowLength / 8)).fill(0xff);
    row[0] = 0x7f;
    lightRows.set(rowLength, row);
  }
  return row;
}

function headFor(pixels: number): Uint8Array {
  let head = heads.get(pixels);
  if (head === undefined) {
    const bytes = Buffer.alloc(headLength);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
    bytes.writeUInt32BE(13, 8);
    bytes.write("IHDR", 12, "latin1");
    bytes.writeUInt32BE(pixels, 16);
    bytes.writeUInt32BE(pixels, 20);
    bytes[24] = 1; // bit depth; then grayscale, deflate, adaptive filters, no interlace: 0
    bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
    bytes.set(idatType, headLength - 4); // the length before it is the image's own
    head = bytes;
    heads.set(pixels, head);
  }
  return head;
}
