/** Light modules around every QR image: the 4 that ISO/IEC 18004 asks for. */
export const quietZoneModules = 4;

/**
 * Pixels per module of a PNG, and of an SVG at its own size: a 62-character activation code
 * (version 4, 33 modules) makes 328 px, about 28 mm at 300 dpi, and in a 1-bit PNG a module
 * is exactly one byte of a row.
 */
export const modulePixels = 8;
