import { encodeQrMatrix } from "./qr-matrix.ts";
import { qrPng } from "./qr-png.ts";
import { qrSvg } from "./qr-svg.ts";

/** The bytes of a QR image of `text`, error correction level M, as PNG or SVG. */
export function renderQrImage(text: string, format: "png" | "svg"): Buffer {
  const matrix = encodeQrMatrix(text);
  return format === "png" ? qrPng(matrix) : Buffer.from(qrSvg(matrix), "latin1");
}
