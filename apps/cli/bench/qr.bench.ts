// Benchmark: CPU per QR image by step (matrix, raster, PNG/zlib, SVG, file) for the encoders
// and image writers considered, and whether a worker thread pays. Prints a Markdown table.
// What the fixed data mask gives up is bench/qr-mask.bench.ts's subject.
// The activation codes are made up here and never printed. Rows with files vary with the
// file system's state: ext4 mounted with `discard` creates files slowly for a while after
// many were deleted (as every run of this and of e2e.bench.ts does at its end).
//   node --expose-gc bench/qr.bench.ts
import { closeSync, mkdtempSync, rmSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { constants, deflateSync } from "node:zlib";
import { correction, generate } from "lean-qr";
import encodeQR from "qr";
import qrcode from "qrcode";
import qrcodeGenerator from "qrcode-generator";
import { crc32 } from "../src/output/crc32.ts";
import { replacePrivateFile } from "../src/output/private-files.ts";
import { renderQrImage } from "../src/output/qr-image.ts";
import { encodeQrMatrix, type QrMatrix } from "../src/output/qr-matrix.ts";
import { qrPng } from "../src/output/qr-png.ts";
import { qrSvg } from "../src/output/qr-svg.ts";
import { createQrWriter } from "../src/output/qr-writer.ts";

/** What the worker variant is asked to do: render `text` and write it to `path`. */
interface Job {
  readonly id: number;
  readonly path: string;
  readonly text: string;
}

interface Measure {
  readonly cpuMicros: number;
  /** The part of cpuMicros spent in the kernel (system calls: the files). */
  readonly kernelMicros: number;
  readonly wallMicros: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const oldOptions = { errorCorrectionLevel: "M", margin: 2 } as const;

/** Codes of the sandbox's shape: about 70 characters, all different. */
function sampleTexts(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const hex = (0x1000_0000 + index * 7919).toString(16).toUpperCase().padStart(32, "0");
    return `LPA:1$rsp.sandbox.simlessly.test$${hex}`;
  });
}

function writeFile(path: string, data: Uint8Array): void {
  const fd = replacePrivateFile(path);
  try {
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset);
  } finally {
    closeSync(fd);
  }
}

function cpuNow(scope: "process" | "thread"): NodeJS.CpuUsage {
  // threadCpuUsage (Node 23.9+) leaves out other threads: the worker's, zlib's pool, the GC's.
  return scope === "thread" && typeof process.threadCpuUsage === "function"
    ? process.threadCpuUsage()
    : process.cpuUsage();
}

/**
 * Median over 5 rounds (after a warm-up round) of CPU and wall time per call. Each round
 * starts after a full collection, and the collector's catch-up after it is charged to the
 * round: the fast steps get enough calls for rounds of a few hundred milliseconds, else that
 * cost, about the same whatever the round's length, doubles their CPU per call.
 */
async function measure(
  calls: number,
  run: (index: number) => unknown,
  scope: "process" | "thread" = "process",
): Promise<Measure> {
  const rounds: Measure[] = [];
  for (let round = 0; round < 6; round += 1) {
    gc?.();
    const started = process.hrtime.bigint();
    const before = cpuNow(scope);
    for (let index = 0; index < calls; index += 1) {
      const result = run(index);
      if (result instanceof Promise) await result;
    }
    const after = cpuNow(scope);
    const kernelMicros = (after.system - before.system) / calls;
    const cpuMicros = (after.user - before.user) / calls + kernelMicros;
    const wallMicros = Number(process.hrtime.bigint() - started) / 1000 / calls;
    if (round > 0) rounds.push({ cpuMicros, kernelMicros, wallMicros });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[2] as number;
  return {
    cpuMicros: median(rounds.map((entry) => entry.cpuMicros)),
    kernelMicros: median(rounds.map((entry) => entry.kernelMicros)),
    wallMicros: median(rounds.map((entry) => entry.wallMicros)),
  };
}

const zlibRaws = new Map<number, Uint8Array>();

/**
 * The PNG writer weighed against qrPng: the same 1-bit image, 8 pixels a module, as filter
 * None rows followed by 7 filter Up rows of zeros, for zlib's deflateSync (level 1, Z_RLE).
 * The Up rows never change, so each size's buffer is kept and only symbol rows rewritten.
 */
function zlibPng(matrix: QrMatrix): Buffer {
  const { size, modules } = matrix;
  const side = size + 8;
  const rowLength = side + 1;
  const block = rowLength * 8;
  let raw = zlibRaws.get(side);
  if (raw === undefined) {
    raw = new Uint8Array(block * side);
    for (let y = 0; y < side; y += 1) {
      raw.fill(0xff, y * block + 1, y * block + rowLength);
      for (let repeat = 1; repeat < 8; repeat += 1) raw[y * block + repeat * rowLength] = 2;
    }
    zlibRaws.set(side, raw);
  }
  for (let y = 0; y < size; y += 1) {
    const at = (y + 4) * block + 5;
    for (let x = 0; x < size; x += 1) raw[at + x] = modules[y * size + x] === 1 ? 0 : 0xff;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side * 8, 0);
  header.writeUInt32BE(side * 8, 4);
  header[8] = 1;
  const idat = deflateSync(raw, { level: 1, strategy: constants.Z_RLE });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", idat),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, "latin1");
  chunk.set(data, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/**
 * The same image with the pixels in stored (uncompressed) deflate blocks: no coding at all,
 * the rows copied (each module row 8 times) and their Adler-32 carried per module row.
 */
function storedPng(matrix: QrMatrix): Buffer {
  const { size, modules } = matrix;
  const side = size + 8;
  const rowLength = side + 1;
  const raw = Buffer.allocUnsafe(rowLength * side * 8);
  let a = 1;
  let b = 0;
  for (let y = 0; y < side; y += 1) {
    const at = y * 8 * rowLength;
    raw[at] = 0;
    raw.fill(0xff, at + 1, at + rowLength);
    const symbolRow = y - 4;
    if (symbolRow >= 0 && symbolRow < size) {
      for (let x = 0; x < size; x += 1)
        raw[at + 5 + x] = (modules[symbolRow * size + x] as number) - 1;
    }
    let sum = 0;
    let weighted = 0;
    for (let index = 0; index < rowLength; index += 1) {
      sum += raw[at + index] as number;
      weighted += (rowLength - index) * (raw[at + index] as number);
    }
    for (let repeat = 1; repeat <= 8; repeat += 1) {
      if (repeat < 8) raw.copyWithin(at + repeat * rowLength, at, at + rowLength);
      b = (b + rowLength * a + weighted) % 65_521;
      a = (a + sum) % 65_521;
    }
  }
  const blocks = Math.ceil(raw.length / 65_535);
  const idat = Buffer.allocUnsafe(2 + raw.length + 5 * blocks + 4);
  idat[0] = 0x78;
  idat[1] = 0x01;
  let at = 2;
  for (let from = 0; from < raw.length; from += 65_535) {
    const length = Math.min(65_535, raw.length - from);
    idat[at] = from + length === raw.length ? 1 : 0; // BFINAL, BTYPE 00: stored
    idat.writeUInt16LE(length, at + 1);
    idat.writeUInt16LE(length ^ 0xffff, at + 3);
    raw.copy(idat, at + 5, from, from + length);
    at += 5 + length;
  }
  idat.writeUInt32BE(((b << 16) | a) >>> 0, at);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side * 8, 0);
  header.writeUInt32BE(side * 8, 4);
  header[8] = 1;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", idat),
    pngChunk("IEND", new Uint8Array(0)),
  ]);
}

/** qr's matrix (byte mode only: one version larger for most codes), one byte a module. */
function qrLibraryMatrix(text: string, mask?: number): QrMatrix {
  const rows = encodeQR(text, "raw", { ecc: "medium", border: 1, mask });
  const size = rows.length - 2;
  const modules = new Uint8Array(size * size);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) modules[y * size + x] = rows[y + 1]?.[x + 1] === true ? 1 : 0;
  }
  return { size, modules };
}

function generatorMatrix(text: string) {
  const symbol = qrcodeGenerator(0, "M");
  symbol.addData(text);
  symbol.make();
  return symbol;
}

/** The table: one row per candidate of each step. */
class Table {
  readonly lines: string[] = [];

  async add(
    step: string,
    candidate: string,
    calls: number,
    run: (index: number) => unknown,
    bytes?: number,
  ): Promise<void> {
    const { cpuMicros, kernelMicros } = await measure(calls, run);
    this.lines.push(
      `| ${step} | ${candidate} | ${cpuMicros.toFixed(1)} | ${kernelMicros.toFixed(1)} | ${bytes ?? ""} |`,
    );
  }

  print(): void {
    const cpu = cpus()[0]?.model ?? "unknown CPU";
    const date = new Date().toISOString().slice(0, 10);
    console.log(
      `QR images: CPU per image in µs (process CPU, zlib's pool and GC included; median of 5 rounds). ${date}, ${cpus().length} CPUs (${cpu}), Node ${process.version}.\n`,
    );
    console.log("| step | candidate | CPU µs/image | of which kernel | bytes |");
    console.log("| --- | --- | ---: | ---: | ---: |");
    for (const line of this.lines) console.log(line);
  }
}

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const qrcodePngRenderer = require("qrcode/lib/renderer/png.js") as {
    render(
      data: qrcode.QRCode,
      options: qrcode.QRCodeRenderersOptions,
    ): { data: Buffer; width: number; height: number };
  };
  // qrcode's own pngjs (5), the one toBuffer packs with.
  const { PNG } = createRequire(require.resolve("qrcode"))("pngjs") as typeof import("pngjs");
  const texts = sampleTexts(2000);
  const text = (index: number) => texts[index % texts.length] as string;
  const matrices = texts.slice(0, 200).map(encodeQrMatrix);
  const matrix = (index: number) => matrices[index % matrices.length] as QrMatrix;
  const table = new Table();
  const modules = (size: number) => `${size}×${size}`;

  // 1. Matrix: text to modules at level M.
  const qrcodeSize = qrcode.create(text(0), oldOptions).modules.size;
  await table.add("matrix", `qrcode 1.5.4 create (${modules(qrcodeSize)}, mixed modes)`, 400, (i) =>
    qrcode.create(text(i), oldOptions),
  );
  const lean = { minCorrectionLevel: correction.M, maxCorrectionLevel: correction.M };
  const leanSize = generate(text(0), lean).size;
  await table.add(
    "matrix",
    `lean-qr 2.7.4 generate (${modules(leanSize)}, mixed modes)`,
    1000,
    (i) => generate(text(i), lean),
  );
  const generatorSize = generatorMatrix(text(0)).getModuleCount();
  await table.add(
    "matrix",
    `qrcode-generator 2.0.4 (${modules(generatorSize)}, byte mode)`,
    200,
    (i) => generatorMatrix(text(i)),
  );
  const raw = { ecc: "medium", border: 1 } as const;
  const qrSize = encodeQR(text(0), "raw", raw).length - 2;
  await table.add("matrix", `qr 0.7.0 encodeQR raw (${modules(qrSize)}, byte mode)`, 10_000, (i) =>
    encodeQR(text(i), "raw", raw),
  );
  await table.add("matrix", "qr 0.7.0 encodeQR raw, mask fixed (no penalty search)", 10_000, (i) =>
    encodeQR(text(i), "raw", { ...raw, mask: 2 }),
  );
  await table.add(
    "matrix",
    "qr 0.7.0 as before: encodeQR raw, then one byte a module",
    10_000,
    (i) => qrLibraryMatrix(text(i)),
  );
  await table.add(
    "matrix",
    `**encodeQrMatrix** (own: ${modules(matrix(0).size)}, mixed segments, mask 2)`,
    40_000,
    (i) => encodeQrMatrix(text(i)),
  );

  // 2. The PNG as it was: qrcode's RGBA raster, pngjs's filters, deflate on zlib's pool.
  const oldPng = await qrcode.toBuffer(text(0), { ...oldOptions, type: "png" });
  await table.add(
    "PNG, whole",
    "qrcode toBuffer, 4 px a module, margin 2 (before)",
    300,
    (i) => qrcode.toBuffer(text(i), { ...oldOptions, type: "png" }),
    oldPng.length,
  );
  const symbols = texts.slice(0, 50).map((value) => qrcode.create(value, oldOptions));
  await table.add("PNG: raster", "qrcode's PNG renderer to RGBA", 400, (i) =>
    qrcodePngRenderer.render(symbols[i % 50] as qrcode.QRCode, oldOptions),
  );
  const rasters = symbols.map((symbol) => qrcodePngRenderer.render(symbol, oldOptions));
  await table.add("PNG: encode", "pngjs 5 sync write of that RGBA (filters, deflate)", 300, (i) => {
    const raster = rasters[i % 50] as (typeof rasters)[number];
    const png = new PNG({ width: raster.width, height: raster.height });
    raster.data.copy(png.data);
    return PNG.sync.write(png);
  });

  // 3. PNG from a ready matrix: 1-bit, 8 px a module, quiet zone 4.
  await table.add(
    "PNG from matrix",
    "1-bit rows, zlib deflateSync level 1 Z_RLE",
    10_000,
    (i) => zlibPng(matrix(i)),
    zlibPng(matrix(0)).length,
  );
  await table.add(
    "PNG from matrix",
    "1-bit rows, stored deflate blocks (no coding)",
    10_000,
    (i) => storedPng(matrix(i)),
    storedPng(matrix(0)).length,
  );
  await table.add(
    "PNG from matrix",
    "**qrPng**: 1-bit rows, own deflate, one constant Huffman code",
    40_000,
    (i) => qrPng(matrix(i)),
    qrPng(matrix(0)).length,
  );
  const qrMatrices = texts.slice(0, 200).map((value) => qrLibraryMatrix(value));
  await table.add(
    "PNG from matrix",
    `**qrPng** of qr's ${modules(qrMatrices[0]?.size ?? 0)} matrices (as before)`,
    40_000,
    (i) => qrPng(qrMatrices[i % qrMatrices.length] as QrMatrix),
    qrPng(qrMatrices[0] as QrMatrix).length,
  );

  // 4. SVG.
  const oldSvg = await qrcode.toString(text(0), { ...oldOptions, type: "svg" });
  await table.add(
    "SVG, whole",
    "qrcode toString svg (before)",
    400,
    (i) => qrcode.toString(text(i), { ...oldOptions, type: "svg" }),
    oldSvg.length,
  );
  const svgOptions = { ecc: "medium", border: 4 } as const;
  await table.add(
    "SVG, whole",
    "qr 0.7.0 encodeQR svg, border 4",
    10_000,
    (i) => encodeQR(text(i), "svg", svgOptions),
    encodeQR(text(0), "svg", svgOptions).length,
  );
  await table.add(
    "SVG from matrix",
    "**qrSvg**: one stroked path",
    20_000,
    (i) => Buffer.from(qrSvg(matrix(i)), "latin1"),
    qrSvg(matrix(0)).length,
  );

  // 5. Whole images with their files, one after another as the pipeline asks for them.
  const folder = mkdtempSync(join(tmpdir(), "simlessly-qr-bench-"));
  try {
    let serial = 0;
    const nextIccid = () => {
      serial += 1;
      return `8904903200${String(serial).padStart(9, "0")}`;
    };
    const path = (format: string) => join(folder, `${nextIccid()}.${format}`);
    const png = qrPng(matrix(0));
    await table.add("file", "create 0600 exclusively, write, close", 4000, () =>
      writeFile(path("bin"), png),
    );

    await table.add("image + file", "qrcode toBuffer + file (before)", 300, async (i) =>
      writeFile(path("png"), await qrcode.toBuffer(text(i), { ...oldOptions, type: "png" })),
    );
    for (const format of ["png", "svg"] as const) {
      const writer = await createQrWriter(join(folder, format), format);
      await table.add("image + file", `**createQrWriter ${format}**`, 8000, (i) =>
        writer.write(nextIccid(), text(i)),
      );
    }
    table.lines.push(...(await workerLines(folder, text, nextIccid)));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  table.print();
}

/**
 * The same PNG images written by a worker thread, awaited one at a time (as the pipeline
 * does) and 4 at a time: CPU of the main thread, and wall time, against the main thread alone.
 */
async function workerLines(
  folder: string,
  text: (index: number) => string,
  nextIccid: () => string,
): Promise<string[]> {
  const worker = new Worker(new URL(import.meta.url), { workerData: "png" });
  const waiting = new Map<number, () => void>();
  worker.on("message", (id: number) => {
    waiting.get(id)?.();
    waiting.delete(id);
  });
  let nextId = 0;
  const viaWorker = (index: number) =>
    new Promise<void>((resolve) => {
      nextId += 1;
      waiting.set(nextId, resolve);
      const job: Job = { id: nextId, path: join(folder, `${nextIccid()}.png`), text: text(index) };
      worker.postMessage(job);
    });
  const line = (label: string, { cpuMicros, kernelMicros, wallMicros }: Measure, perCall = 1) =>
    `| worker? | ${label}: main thread CPU (wall ${(wallMicros / perCall).toFixed(1)} µs/image) | ${(cpuMicros / perCall).toFixed(1)} | ${(kernelMicros / perCall).toFixed(1)} | |`;
  try {
    await measure(200, viaWorker); // the worker loads the encoder and warms up
    const one = await measure(2000, viaWorker, "thread");
    const four = await measure(
      500,
      (index) => Promise.all([0, 1, 2, 3].map((lane) => viaWorker(index * 4 + lane))),
      "thread",
    );
    const writer = await createQrWriter(join(folder, "inline"), "png");
    const inline = await measure(8000, (index) => writer.write(nextIccid(), text(index)), "thread");
    return [
      line("png in a worker, one at a time", one),
      line("png in a worker, 4 in flight", four, 4),
      line("png on the main thread", inline),
    ];
  } finally {
    await worker.terminate();
  }
}

if (isMainThread) {
  await main();
} else {
  // The worker variant: renders, writes the file, answers with the job's id.
  const format = workerData as "png" | "svg";
  parentPort?.on("message", (job: Job) => {
    writeFile(job.path, renderQrImage(job.text, format));
    parentPort?.postMessage(job.id);
  });
}
