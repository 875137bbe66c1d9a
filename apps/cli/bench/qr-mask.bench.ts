// Benchmark: what the fixed data mask of src/output/qr-template.ts gives up. ISO/IEC 18004
// has an encoder score the 8 masks by a penalty (runs, blocks, finder-like patterns,
// balance) and keep the lowest; the images use one mask throughout. For made-up activation
// codes of several shapes, in the segments and version the CLI makes of them:
//  1. each mask's penalty (qrcode's scoring, as the tests' reference encoder has it) over the
//     lowest of the 8: which fixed mask stays closest;
//  2. how often jsQR decodes degraded renderings (few pixels a module, blur, noise) of the
//     fixed mask's symbol and of the lowest-penalty mask's, with the same noise.
// Prints Markdown tables. The codes are made up here and never printed.
//   node bench/qr-mask.bench.ts [codes per shape, default 300] [codes per condition, 300]
import { createRequire } from "node:module";
import jsQRModule from "jsqr";
import qrcode from "qrcode";
import { encodeQrMatrix, encodeQrMatrixWithMask, type QrMatrix } from "../src/output/qr-matrix.ts";
import { cheapestSegments, versionGroup } from "../src/output/qr-segments.ts";
import { dataMask } from "../src/output/qr-template.ts";

const jsQR = jsQRModule.default;
type Penalty = (modules: qrcode.QRCode["modules"]) => number;
const scoring = createRequire(import.meta.url)("qrcode/lib/core/mask-pattern.js") as Record<
  "getPenaltyN1" | "getPenaltyN2" | "getPenaltyN3" | "getPenaltyN4",
  Penalty
>;

const perShape = Number(process.argv[2] ?? 300);
const perCondition = Number(process.argv[3] ?? 300);
let seed = 0x5eed;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 2 ** 32;
}
const pick = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
const hex = (length: number) => pick("0123456789ABCDEF", length);

const shapes: Record<string, () => string> = {
  "sandbox, 32 hex digits": () => `LPA:1$rsp.sandbox.simlessly.test$${hex(32)}`,
  "production, 32 hex digits": () => `LPA:1$rsp-eu.simlessly.com$${hex(32)}`,
  "short matching id": () => `LPA:1$rsp.example.com$${hex(8)}`,
  "lower-case matching id": () =>
    `LPA:1$rsp-eu.simlessly.com$${pick("0123456789abcdefghijklmnopqrstuvwxyz-", 24)}`,
  "with OID": () => `LPA:1$rsp-eu.simlessly.com$${hex(32)}$1.3.6.1.4.1.31746$1`,
  long: () => `LPA:1$rsp-eu.simlessly.com$${hex(32)}$1.3.6.1.4.1.31746.1.500.200.1$1${hex(40)}`,
};

const modeNames = ["byte", "alphanumeric", "numeric"] as const;

/** The CLI's symbol of `text` as qrcode builds it, with `mask`, or the lowest-penalty one. */
function referenceSymbol(text: string, mask?: number): qrcode.QRCode {
  const version = (encodeQrMatrix(text).size - 17) / 4;
  const bytes = Buffer.from(text, "utf8");
  const segments = cheapestSegments(bytes, versionGroup(version)).map(({ mode, start, end }) => ({
    mode: modeNames[mode] as (typeof modeNames)[number],
    data: mode === 0 ? bytes.subarray(start, end) : bytes.toString("latin1", start, end),
  }));
  return qrcode.create(segments as qrcode.QRCodeSegment[], {
    errorCorrectionLevel: "M",
    version,
    ...(mask === undefined ? {} : { maskPattern: mask as qrcode.QRCodeMaskPattern }),
  });
}

function penalty(text: string, mask: number): number {
  const { modules } = referenceSymbol(text, mask);
  return (
    scoring.getPenaltyN1(modules) +
    scoring.getPenaltyN2(modules) +
    scoring.getPenaltyN3(modules) +
    scoring.getPenaltyN4(modules)
  );
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

function penaltyTable(): void {
  console.log(
    `Penalty of each mask over the lowest of the 8 (qrcode's scoring): median / 95th percentile, ${perShape} codes per shape; the images use mask ${dataMask}.\n`,
  );
  console.log(
    `| shape | versions | ${Array.from({ length: 8 }, (_, mask) => `mask ${mask}`).join(" | ")} |`,
  );
  console.log(`| --- | --- |${" ---: |".repeat(8)}`);
  for (const [name, make] of Object.entries(shapes)) {
    const ratios = Array.from({ length: 8 }, () => [] as number[]);
    const versions = new Set<number>();
    for (let index = 0; index < perShape; index += 1) {
      const text = make();
      versions.add((encodeQrMatrix(text).size - 17) / 4);
      const scores = Array.from({ length: 8 }, (_, mask) => penalty(text, mask));
      const lowest = Math.min(...scores);
      scores.forEach((score, mask) => {
        ratios[mask]?.push(score / lowest);
      });
    }
    const cells = ratios.map((list) => {
      list.sort((a, b) => a - b);
      return `${quantile(list, 0.5).toFixed(2)} / ${quantile(list, 0.95).toFixed(2)}`;
    });
    console.log(
      `| ${name} | ${[...versions].sort((a, b) => a - b).join(", ")} | ${cells.join(" | ")} |`,
    );
  }
}

/**
 * An RGBA rendering with `scale` pixels a module (area-sampled, so modules blur into each
 * other where a module is not a whole number of pixels), a 3×3 blur and Gaussian noise.
 */
function degraded(matrix: QrMatrix, scale: number, noise: number, noiseSeed: number) {
  const side = matrix.size + 8;
  const width = Math.ceil(side * scale);
  const gray = new Float64Array(width * width);
  const samples = 4;
  for (let y = 0; y < width; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let dark = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const mx = Math.floor((x + (sx + 0.5) / samples) / scale) - 4;
          const my = Math.floor((y + (sy + 0.5) / samples) / scale) - 4;
          const inside = mx >= 0 && my >= 0 && mx < matrix.size && my < matrix.size;
          if (inside && matrix.modules[my * matrix.size + mx] === 1) dark += 1;
        }
      }
      gray[y * width + x] = 255 * (1 - dark / samples ** 2);
    }
  }
  seed = noiseSeed;
  const rgba = new Uint8ClampedArray(width * width * 4);
  for (let y = 0; y < width; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let sum = 0;
      let count = 0;
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dx = -1; dx <= 1; dx += 1) {
          const value = gray[(y + dy) * width + x + dx];
          if (value !== undefined && x + dx >= 0 && x + dx < width) {
            sum += value;
            count += 1;
          }
        }
      }
      const gaussian =
        Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
      rgba.fill(sum / count + noise * gaussian, (y * width + x) * 4, (y * width + x) * 4 + 3);
      rgba[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { rgba, width };
}

function decodes(matrix: QrMatrix, text: string, scale: number, noise: number, noiseSeed: number) {
  const { rgba, width } = degraded(matrix, scale, noise, noiseSeed);
  return jsQR(rgba, width, width, { inversionAttempts: "dontInvert" })?.data === text;
}

function decodingTable(): void {
  console.log(
    `\njsQR decoding degraded images: mask ${dataMask} against the lowest-penalty mask, the same noise for both; ${perCondition} codes per condition (sandbox and production shapes).\n`,
  );
  console.log(
    `| pixels a module | noise σ | mask ${dataMask} decoded | lowest-penalty mask decoded |`,
  );
  console.log("| ---: | ---: | ---: | ---: |");
  const conditions = [
    [3, 25],
    [3, 30],
    [2.8, 20],
    [2.8, 25],
    [2.5, 15],
  ] as const;
  for (const [scale, noise] of conditions) {
    let fixed = 0;
    let lowest = 0;
    for (let index = 0; index < perCondition; index += 1) {
      const text =
        index % 2 === 0
          ? shapes["sandbox, 32 hex digits"]?.()
          : shapes["production, 32 hex digits"]?.();
      if (text === undefined) throw new Error("no such shape");
      const bestMask = referenceSymbol(text).maskPattern as number;
      const noiseSeed = Math.floor(random() * 2 ** 32);
      if (decodes(encodeQrMatrix(text), text, scale, noise, noiseSeed)) fixed += 1;
      if (decodes(encodeQrMatrixWithMask(text, bestMask), text, scale, noise, noiseSeed))
        lowest += 1;
      seed = noiseSeed ^ 0x9e3779b9; // on to the next code, whatever the noise used
    }
    console.log(`| ${scale} | ${noise} | ${fixed} | ${lowest} |`);
  }
}

penaltyTable();
decodingTable();
