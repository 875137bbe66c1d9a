import { crc32 } from "./crc32.ts";
import { modulePixels, quietZoneModules } from "./qr-layout.ts";
import type { QrMatrix } from "./qr-matrix.ts";
import { ZlibRowsWriter, zlibRowsBound } from "./zlib-rows.ts";

const dark = 0x00; // 1-bit grayscale: 0 is black
const light = 0xff;
const idatType = [0x49, 0x44, 0x41, 0x54];
const iend = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
/** Signature, IHDR and the IDAT length and type: the bytes before the pixels. */
const headLength = 8 + 25 + 8;
// Images of one run share a handful of sizes (one per QR version): their heads are reused.
const heads = new Map<number, Uint8Array>();

/**
 * Renders a QR symbol as a PNG: 1-bit grayscale, 8 pixels a module, a quiet zone of 4
 * modules; one or two kilobytes for an activation code.
 */
export function qrPng(matrix: QrMatrix): Buffer {
  const { size, modules } = matrix;
  const side = size + 2 * quietZoneModules;
  const rowLength = 1 + side; // filter type 0 (None), then one byte per module
  const out = Buffer.allocUnsafe(
    headLength + zlibRowsBound(rowLength, side, modulePixels) + 4 + iend.length,
  );
  out.set(headFor(side * modulePixels), 0);

  const zlib = new ZlibRowsWriter(out, headLength, rowLength);
  const row = new Uint8Array(rowLength).fill(light);
  row[0] = 0;
  for (let y = 0; y < side; y += 1) {
    const symbolRow = y - quietZoneModules;
    if (symbolRow >= 0 && symbolRow < size) {
      const from = symbolRow * size;
      for (let x = 0; x < size; x += 1) {
        row[1 + quietZoneModules + x] = modules[from + x] === 1 ? dark : light;
      }
    } else if (symbolRow === size) {
      row.fill(light, 1);
    }
    zlib.add(row, modulePixels);
  }
  const end = zlib.finish();
  out.writeUInt32BE(end - headLength, headLength - 8);
  out.writeUInt32BE(crc32(out.subarray(headLength - 4, end)), end);
  out.set(iend, end + 4);
  return out.subarray(0, end + 4 + iend.length);
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
