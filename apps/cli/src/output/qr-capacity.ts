// The codeword budget of QR symbols at error correction level M (ISO/IEC 18004 Table 9), the
// only level the images use. Index 0 is version 1.

/** Error correction codewords in each block. */
const eccPerBlockM = [
  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28,
  28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];
/** Blocks the codewords are split into. */
const blocksM = [
  1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26,
  28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];

export const minVersion = 1;
export const maxVersion = 40;

/** Modules on a side of a symbol of `version`. */
export function symbolSize(version: number): number {
  return 17 + 4 * version;
}

/**
 * Modules left for codewords once the function patterns are drawn: the square less finders
 * with separators and format areas, timing lines, alignment patterns and version areas.
 */
export function dataModules(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const alignments = Math.floor(version / 7) + 2;
    modules -= (25 * alignments - 10) * alignments - 55;
    if (version >= 7) modules -= 36;
  }
  return modules;
}

/** How the codewords of `version` at level M are split into blocks. */
export function blockLayout(version: number): { blocks: number; eccPerBlock: number } {
  return {
    blocks: blocksM[version - 1] as number,
    eccPerBlock: eccPerBlockM[version - 1] as number,
  };
}

/** Data codewords (before error correction) that a symbol of `version` at level M holds. */
export function dataCodewords(version: number): number {
  const { blocks, eccPerBlock } = blockLayout(version);
  return Math.floor(dataModules(version) / 8) - blocks * eccPerBlock;
}
