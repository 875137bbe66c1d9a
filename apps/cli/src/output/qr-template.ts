import { dataModules, symbolSize } from "./qr-capacity.ts";

/**
 * The data mask of every symbol: pattern 2, dark where the column is a multiple of 3.
 *
 * ISO/IEC 18004 §7.8 has an encoder score the 8 masks by a penalty (long runs, blocks,
 * finder-like patterns, dark/light balance) and keep the lowest, which costs more than all
 * the rest of the symbol (13 µs of 35 in `qr`). Readers take the mask from the format
 * information, so any mask decodes; the penalty only steers away from patterns that can
 * hinder a reader. For activation codes, pattern 2 scores closest to the lowest of the 8
 * (median 1.01–1.03 times it, 95th percentile 1.18–1.26), and degraded images of it decode
 * as often as those of the lowest-penalty mask: see bench/qr-mask.bench.ts.
 */
export const dataMask = 2;

/** Everything about a symbol of one version that is not its data. */
export interface SymbolTemplate {
  readonly size: number;
  /**
   * Function patterns, format and version information, and the data area as if every data
   * bit were 0 (light), masked: a dark data bit flips its module.
   */
  readonly modules: Uint8Array;
  /** The module index of each data bit, in placement order. */
  readonly dataPositions: Uint16Array;
}

// By version and mask; a run uses a handful of versions and one mask.
const templates = new Map<number, SymbolTemplate>();

/** The template of `version` with data mask `mask` (0–7), built on first use. */
export function symbolTemplate(version: number, mask: number): SymbolTemplate {
  let template = templates.get(version * 8 + mask);
  if (template === undefined) {
    template = buildTemplate(version, mask);
    templates.set(version * 8 + mask, template);
  }
  return template;
}

/** Whether mask pattern `mask` darkens the module at column x, row y (ISO/IEC 18004 Table 10). */
function masked(mask: number, x: number, y: number): boolean {
  switch (mask) {
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    case 7:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      throw new RangeError(`no mask pattern ${mask}`);
  }
}

function buildTemplate(version: number, mask: number): SymbolTemplate {
  const size = symbolSize(version);
  const modules = new Uint8Array(size * size);
  const isFunction = new Uint8Array(size * size);
  const set = (x: number, y: number, dark: boolean) => {
    modules[y * size + x] = dark ? 1 : 0;
    isFunction[y * size + x] = 1;
  };

  // Timing patterns, then the finders with their separators over their ends.
  for (let index = 0; index < size; index += 1) {
    set(6, index, index % 2 === 0);
    set(index, 6, index % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy += 1) {
      for (let dx = -4; dx <= 4; dx += 1) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const ring = Math.max(Math.abs(dx), Math.abs(dy));
        set(x, y, ring !== 2 && ring !== 4);
      }
    }
  }
  // Alignment patterns on the grid of centres, except the three corners the finders hold.
  const centres = alignmentCentres(version, size);
  const last = centres.length - 1;
  centres.forEach((cy, row) => {
    centres.forEach((cx, column) => {
      if ((row === 0 && column === 0) || (row === 0 && column === last)) return;
      if (row === last && column === 0) return;
      for (let dy = -2; dy <= 2; dy += 1) {
        for (let dx = -2; dx <= 2; dx += 1) {
          set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      }
    });
  });
  drawFormatInformation(size, mask, set);
  if (version >= 7) drawVersionInformation(version, size, set);

  // Data modules in placement order: two columns at a time from the right, up then down,
  // the vertical timing column skipped; each as a data bit 0 comes out of the mask.
  const positions = new Uint16Array(dataModules(version));
  let count = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step += 1) {
      const y = upward ? size - 1 - step : step;
      for (let x = right; x >= right - 1; x -= 1) {
        const index = y * size + x;
        if (isFunction[index] === 1) continue;
        positions[count] = index;
        count += 1;
        modules[index] = masked(mask, x, y) ? 1 : 0;
      }
    }
  }
  if (count !== positions.length) throw new Error(`version ${version}: ${count} data modules`);
  return { size, modules, dataPositions: positions };
}

/** Centres of alignment patterns along each axis (ISO/IEC 18004 Annex E), evenly spaced. */
function alignmentCentres(version: number, size: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = Math.floor((version * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
  const centres = [6];
  for (let centre = size - 7; centres.length < count; centre -= step) centres.splice(1, 0, centre);
  return centres;
}

/**
 * Level M and the mask as 15 bits (BCH code, XOR 0x5412), twice: around the top-left finder,
 * and split between the other two; then the dark module beside the bottom-left one.
 */
function drawFormatInformation(
  size: number,
  mask: number,
  set: (x: number, y: number, dark: boolean) => void,
): void {
  const levelM = 0b00;
  const data = (levelM << 3) | mask;
  let remainder = data;
  for (let step = 0; step < 10; step += 1)
    remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  const bits = ((data << 10) | remainder) ^ 0x5412;
  const bit = (index: number) => ((bits >>> index) & 1) === 1;
  for (let index = 0; index <= 5; index += 1) set(8, index, bit(index));
  set(8, 7, bit(6));
  set(8, 8, bit(7));
  set(7, 8, bit(8));
  for (let index = 9; index < 15; index += 1) set(14 - index, 8, bit(index));
  for (let index = 0; index < 8; index += 1) set(size - 1 - index, 8, bit(index));
  for (let index = 8; index < 15; index += 1) set(8, size - 15 + index, bit(index));
  set(8, size - 8, true);
}

/** From version 7: the version as 18 bits (Golay code), beside two of the finders. */
function drawVersionInformation(
  version: number,
  size: number,
  set: (x: number, y: number, dark: boolean) => void,
): void {
  let remainder = version;
  for (let step = 0; step < 12; step += 1) {
    remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
  }
  const bits = (version << 12) | remainder;
  for (let index = 0; index < 18; index += 1) {
    const dark = ((bits >>> index) & 1) === 1;
    const a = size - 11 + (index % 3);
    const b = Math.floor(index / 3);
    set(a, b, dark);
    set(b, a, dark);
  }
}
