import { dataCodewords, maxVersion, minVersion } from "./qr-capacity.ts";
import { symbolCodewords } from "./qr-codewords.ts";
import { cheapestSegments, type Segment, segmentsBits, versionGroup } from "./qr-segments.ts";
import { dataMask, symbolTemplate } from "./qr-template.ts";

/** A QR symbol's modules without quiet zone: `size` × `size`, row by row, 1 = dark. */
export interface QrMatrix {
  readonly size: number;
  readonly modules: Uint8Array;
}

/**
 * Encodes text (as UTF-8) as a QR symbol with error correction level M, in the segments of
 * fewest bits and the smallest version that holds them, with the fixed data mask of
 * qr-template.ts. M recovers up to about 15 % of damaged codewords: the usual choice for
 * printed codes, and the level the images always had.
 */
export function encodeQrMatrix(text: string): QrMatrix {
  return encodeQrMatrixWithMask(text, dataMask);
}

/** {@link encodeQrMatrix} with data mask `mask` (0–7), for comparing masks. */
export function encodeQrMatrixWithMask(text: string, mask: number): QrMatrix {
  const bytes = Buffer.from(text, "utf8");
  const { version, segments } = smallestSymbol(bytes);
  const codewords = symbolCodewords(bytes, segments, version);
  const { size, modules: template, dataPositions } = symbolTemplate(version, mask);
  const modules = template.slice();
  // Codeword bits, most significant first, along the placement order; remainder bits stay 0.
  // No branch on the bits: they are as random as error correction makes them.
  for (let index = 0; index < codewords.length; index += 1) {
    const byte = codewords[index] as number;
    const at = index * 8;
    for (let bit = 0; bit < 8; bit += 1) {
      const position = dataPositions[at + bit] as number;
      modules[position] = (modules[position] as number) ^ ((byte >>> (7 - bit)) & 1);
    }
  }
  return { size, modules };
}

/** The smallest version the text fits, with its segments: their sizes depend on the version. */
function smallestSymbol(bytes: Uint8Array): { version: number; segments: Segment[] } {
  let group = -1;
  let segments: Segment[] = [];
  for (let version = minVersion; version <= maxVersion; version += 1) {
    if (versionGroup(version) !== group) {
      group = versionGroup(version);
      segments = cheapestSegments(bytes, group);
    }
    if (segmentsBits(segments, version) <= 8 * dataCodewords(version)) return { version, segments };
  }
  throw new RangeError(`${bytes.length} bytes are too many for a QR code`);
}
