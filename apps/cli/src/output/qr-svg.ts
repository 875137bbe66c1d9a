import { modulePixels, quietZoneModules } from "./qr-layout.ts";
import type { QrMatrix } from "./qr-matrix.ts";

/**
 * Renders a QR symbol as an SVG in module units with a quiet zone of 4 modules: a white
 * background and one path that strokes each horizontal run of dark modules, so a reader
 * gets sharp edges at any size. It opens at the size of the PNG.
 */
export function qrSvg(matrix: QrMatrix): string {
  const { size, modules } = matrix;
  const side = size + 2 * quietZoneModules;
  let path = "";
  for (let y = 0; y < size; y += 1) {
    const from = y * size;
    let penX = -1; // where the last run of this row ended; -1 before the first
    let x = 0;
    while (x < size) {
      if (modules[from + x] !== 1) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && modules[from + x] === 1) x += 1;
      // A stroke of width 1 along the middle of the row covers exactly its modules.
      path +=
        penX < 0
          ? `M${start + quietZoneModules} ${y + quietZoneModules}.5h${x - start}`
          : `m${start - penX} 0h${x - start}`;
      penX = x;
    }
  }
  const pixels = side * modulePixels;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels}" height="${pixels}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path stroke="#000" d="${path}"/></svg>\n`
  );
}
