import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32, inflateSync } from "node:zlib";
import jsQRModule, { type QRCode } from "jsqr";
import { PNG } from "pngjs";
import qrcode from "qrcode";
import { describe, expect, it } from "vitest";
import { createQrWriter } from "../src/output/qr-writer.ts";
import { tempDir } from "./test-io.ts";

// Images written through the writer are read back by decoders that share no code with the
// encoder: pngjs for the PNG, a path reader of this file for the SVG, jsQR for the symbol
// and qrcode to encode the decoded content again. A decoder corrects damaged codewords, so
// the symbol must also equal, module for module, what the reference encoder makes of it.
// Activation codes are secrets even when made up: failures name the case, never the code.

const jsQR = jsQRModule.default;
const quietZone = 4;

/** Made-up activation codes of the shapes real ones take, short to long, by name. */
function sampleCodes(): Map<string, string> {
  let seed = 0x5eed;
  const hex = (length: number) => {
    let text = "";
    for (let index = 0; index < length; index += 1) {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      text += "0123456789ABCDEF"[seed >>> 28];
    }
    return text;
  };
  const codes = new Map<string, string>([
    ["short", `1$rsp.example.com$${hex(8)}`],
    ["sandbox", `1$rsp.sandbox.simlessly.test$${hex(32)}`],
    ["already prefixed", `LPA:1$rsp-eu.simlessly.com$${hex(32)}`],
    ["upper case only (alphanumeric mode)", `1$RSP-EU.SIMLESSLY.COM$${hex(32)}`],
    ["with OID", `1$rsp-eu.simlessly.com$${hex(32)}$1.3.6.1.4.1.31746$1`],
    [
      "long (version information)",
      `1$rsp-eu.simlessly.com$${hex(32)}$1.3.6.1.4.1.31746.1.500.200.1$1${hex(40)}`,
    ],
  ]);
  for (let index = 0; index < 10; index += 1) {
    codes.set(`production ${index}`, `1$rsp-eu.simlessly.com$${hex(32)}`);
  }
  // Segments of each mode: the encoder mixes byte, alphanumeric and numeric ones.
  codes.set(
    "lower-case matching id (byte mode)",
    `1$rsp-eu.simlessly.com$${hex(24).toLowerCase()}`,
  );
  codes.set(
    "digits-only matching id (numeric)",
    `1$rsp-eu.simlessly.com$${"7".repeat(5)}${hex(30).replace(/[A-F]/g, "1")}`,
  );
  codes.set(
    "matching id with dashes",
    `1$smdp.example.org$${hex(5)}-${hex(5)}-${hex(5)}-${hex(5)}`,
  );
  // Lengths from version 2 to 9, one of each size or so.
  for (let length = 4; length <= 200; length += 14) {
    codes.set(`matching id of ${length}`, `1$rsp.example.com$${hex(length)}`);
  }
  return codes;
}

/** An image decoded: its text, and its modules (quiet zone included) as 0/1 rows. */
interface Decoded {
  readonly text: string;
  readonly chunks: QRCode["chunks"];
  readonly grid: readonly Uint8Array[];
  readonly quietZoneLight: boolean;
  readonly modulePixels: number;
}

/** Samples the centre of every module of an RGBA image whose module size follows from jsQR. */
function decodeRgba(rgba: Uint8ClampedArray, width: number, height: number): Decoded | undefined {
  const result = jsQR(rgba, width, height, { inversionAttempts: "dontInvert" });
  if (result === null) return undefined;
  const side = 17 + 4 * result.version + 2 * quietZone;
  const modulePixels = width / side;
  if (!Number.isInteger(modulePixels) || height !== width) return undefined;
  const grid: Uint8Array[] = [];
  let quietZoneLight = true;
  for (let y = 0; y < side; y += 1) {
    const row = new Uint8Array(side);
    for (let x = 0; x < side; x += 1) {
      const px = x * modulePixels + (modulePixels >> 1);
      const py = y * modulePixels + (modulePixels >> 1);
      const isDark = (rgba[(py * width + px) * 4] as number) < 128 ? 1 : 0;
      const inQuietZone =
        x < quietZone || y < quietZone || x >= side - quietZone || y >= side - quietZone;
      if (inQuietZone && isDark === 1) quietZoneLight = false;
      row[x] = isDark;
    }
    grid.push(row);
  }
  return { text: result.data, chunks: result.chunks, grid, quietZoneLight, modulePixels };
}

/**
 * True when the file is a PNG as strict readers want it: known chunks in order, each CRC
 * right, and IDAT a zlib stream whose Adler-32 holds (pngjs reads no further than the pixels
 * it needs, so it would miss a wrong one) with exactly the bytes the header promises.
 */
function strictPng(bytes: Buffer): boolean {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) return false;
  const types: string[] = [];
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (
      crc32(bytes.subarray(offset + 4, offset + 8 + length)) !==
      bytes.readUInt32BE(offset + 8 + length)
    ) {
      return false;
    }
    types.push(type);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      // 1-bit grayscale, deflate, adaptive filtering, no interlace.
      if (!data.subarray(8).equals(Buffer.from([1, 0, 0, 0, 0]))) return false;
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  if (types.join(",") !== "IHDR,IDAT,IEND" || offset !== bytes.length) return false;
  const raw = inflateSync(Buffer.concat(idat)); // throws on a wrong Adler-32
  return raw.length === height * (1 + Math.ceil(width / 8));
}

function decodePng(bytes: Buffer): Decoded | undefined {
  if (!strictPng(bytes)) return undefined;
  const image = PNG.sync.read(bytes);
  return decodeRgba(new Uint8ClampedArray(image.data), image.width, image.height);
}

/**
 * Reads the SVG the writer makes (a background and one path of unit strokes along the
 * middle of rows) into modules, paints them 4 pixels a module and decodes that. Anything
 * else in the file fails the read.
 */
function decodeSvg(svg: string): Decoded | undefined {
  const shape =
    /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+)" height="\1" viewBox="0 0 (\d+) \2" shape-rendering="crispEdges"><rect width="\2" height="\2" fill="#fff"\/><path stroke="#000" d="([^"]*)"\/><\/svg>\n$/.exec(
      svg,
    );
  if (shape === null) return undefined;
  const side = Number(shape[2]);
  const path = shape[3] as string;
  const grid = Array.from({ length: side }, () => new Uint8Array(side));
  const command = /([Mm])(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)|h(\d+)/g;
  let penX = 0;
  let penY = 0;
  let read = 0;
  for (const match of path.matchAll(command)) {
    if (match.index !== read) return undefined;
    read += match[0].length;
    if (match[4] !== undefined) {
      const row = grid[penY - 0.5];
      const length = Number(match[4]);
      if (row === undefined || !Number.isInteger(penX) || penX + length > side) return undefined;
      row.fill(1, penX, penX + length);
      penX += length;
    } else {
      const dx = Number(match[2]);
      const dy = Number(match[3]);
      penX = match[1] === "M" ? dx : penX + dx;
      penY = match[1] === "M" ? dy : penY + dy;
    }
  }
  if (read !== path.length) return undefined;
  const scale = 4;
  const width = side * scale;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (grid[Math.floor(y / scale)]?.[Math.floor(x / scale)] !== 1) continue;
      rgba.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return decodeRgba(rgba, width, width);
}

/**
 * True when the symbol inside the quiet zone is what qrcode encodes from the same segments
 * (modes and content, as jsQR read them), version and error correction level M, with one of
 * the 8 masks.
 */
function matchesReference(decoded: Decoded): boolean {
  const size = decoded.grid.length - 2 * quietZone;
  const version = (size - 17) / 4;
  const segments: qrcode.QRCodeSegment[] = [];
  for (const chunk of decoded.chunks) {
    if (chunk.type === "byte" && "bytes" in chunk) {
      segments.push({ data: Uint8Array.from(chunk.bytes), mode: "byte" });
    } else if ((chunk.type === "alphanumeric" || chunk.type === "numeric") && "text" in chunk) {
      segments.push({ data: chunk.text, mode: chunk.type });
    } else {
      return false; // kanji or ECI: nothing an activation code needs
    }
  }
  for (let mask = 0; mask < 8; mask += 1) {
    const reference = qrcode.create(segments, {
      errorCorrectionLevel: "M",
      version,
      maskPattern: mask as qrcode.QRCodeMaskPattern,
    }).modules;
    let same = reference.size === size;
    for (let y = 0; same && y < size; y += 1) {
      for (let x = 0; same && x < size; x += 1) {
        // BitMatrix.get answers 0 or 1 despite its declared boolean.
        const dark = Boolean(reference.get(y, x));
        same = (decoded.grid[y + quietZone]?.[x + quietZone] === 1) === dark;
      }
    }
    if (same) return true;
  }
  return false;
}

function expectPrivateRegularFile(path: string): void {
  const stats = lstatSync(path);
  expect(stats.isFile()).toBe(true);
  expect(stats.mode & 0o777).toBe(0o600);
}

describe.each(["png", "svg"] as const)("QR images as %s", (format) => {
  const codes = sampleCodes();

  it("decode to the exact LPA: text and equal the reference encoder's symbol", async () => {
    const folder = join(tempDir(), "qr");
    const writer = await createQrWriter(folder, format);
    const iccids = new Map<string, string>();
    let serial = 0;
    for (const [name, code] of codes) {
      serial += 1;
      const iccid = `89049032000000000${String(serial).padStart(3, "0")}`;
      iccids.set(name, iccid);
      await writer.write(iccid, code);
    }
    const versions = new Set<number>();
    const modes = new Set<string>();
    for (const [name, code] of codes) {
      const path = join(folder, `${iccids.get(name)}.${format}`);
      expectPrivateRegularFile(path);
      const bytes = readFileSync(path);
      const decoded = format === "png" ? decodePng(bytes) : decodeSvg(bytes.toString("latin1"));
      expect(decoded !== undefined, `${name}: decodes`).toBe(true);
      if (decoded === undefined) continue;
      const expected = code.startsWith("LPA:") ? code : `LPA:${code}`;
      expect(decoded.text === expected, `${name}: decoded text is the LPA: text`).toBe(true);
      expect(decoded.quietZoneLight, `${name}: quiet zone of 4 light modules`).toBe(true);
      expect(matchesReference(decoded), `${name}: modules equal the reference`).toBe(true);
      if (format === "png") expect(decoded.modulePixels).toBe(8);
      versions.add((decoded.grid.length - 2 * quietZone - 17) / 4);
      for (const chunk of decoded.chunks) modes.add(chunk.type);
    }
    // The sample reaches every size from version 2 to 9, and segments of all three modes.
    for (let version = 2; version <= 9; version += 1) expect(versions.has(version)).toBe(true);
    expect([...modes].sort()).toEqual(["alphanumeric", "byte", "numeric"]);
  });

  it("replaces an earlier image of the same ICCID", async () => {
    const folder = join(tempDir(), "qr");
    const writer = await createQrWriter(folder, format);
    const [first, second] = [...codes.values()];
    await writer.write("8904903200000000001", first as string);
    await writer.write("8904903200000000001", second as string);
    const path = join(folder, `8904903200000000001.${format}`);
    expectPrivateRegularFile(path);
    const bytes = readFileSync(path);
    const decoded = format === "png" ? decodePng(bytes) : decodeSvg(bytes.toString("latin1"));
    expect(decoded?.text === `LPA:${second}`, "the second code is in the image").toBe(true);
  });
});
