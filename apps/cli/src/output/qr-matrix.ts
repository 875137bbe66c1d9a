import encodeQR from "qr";

/** A QR symbol's modules without quiet zone: `size` × `size`, row by row, 1 = dark. */
export interface QrMatrix {
  readonly size: number;
  readonly modules: Uint8Array;
}

/**
 * Encodes text as a QR symbol with error correction level M, the smallest version that
 * holds it and the mask of lowest penalty, as ISO/IEC 18004 asks.
 */
export function encodeQrMatrix(text: string): QrMatrix {
  // M recovers up to about 15 % of damaged codewords: the usual choice for printed codes,
  // and the level the images always had. The library insists on a quiet zone: one ring is
  // asked for and cut off here, the renderers draw the real one.
  const rows = encodeQR(text, "raw", { ecc: "medium", border: 1 });
  const size = rows.length - 2;
  const modules = new Uint8Array(size * size);
  for (let y = 0; y < size; y += 1) {
    const row = rows[y + 1] as boolean[];
    const offset = y * size;
    for (let x = 0; x < size; x += 1) if (row[x + 1] === true) modules[offset + x] = 1;
  }
  return { size, modules };
}
