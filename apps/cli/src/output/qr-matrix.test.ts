import qrcode from "qrcode";
import { describe, expect, it } from "vitest";
import { encodeQrMatrix, encodeQrMatrixWithMask, type QrMatrix } from "./qr-matrix.ts";
import { cheapestSegments, versionGroup } from "./qr-segments.ts";
import { dataMask } from "./qr-template.ts";

// The encoder against qrcode, an encoder sharing no code with it: the same segments, version
// and mask must give the same modules, and the version must be the smallest qrcode finds
// for the text with its own choice of segments.

const modeNames = ["byte", "alphanumeric", "numeric"] as const;

function texts(): string[] {
  let seed = 0x5eed;
  const pick = (alphabet: string, length: number) => {
    const characters = [...alphabet];
    let text = "";
    for (let index = 0; index < length; index += 1) {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      text += characters[(seed >>> 8) % characters.length];
    }
    return text;
  };
  const alphabets = [
    "0123456789", // numeric
    "0123456789ABCDEFXYZ $%*+-./:", // alphanumeric
    "abcdefXYZ0123456789$:.-_~", // mixed
    "aé€😀 b", // beyond ASCII: UTF-8 bytes
  ];
  const lengths = [1, 2, 3, 7, 14, 20, 33, 47, 62, 80, 106, 150, 230, 400, 700, 1100, 1700];
  // Characters, not bytes: 1700 characters of 4 bytes do not fit, so those stop at 550.
  const list = lengths.flatMap((length) =>
    alphabets.map((alphabet) =>
      pick(alphabet, alphabet.includes("😀") ? Math.min(length, 550) : length),
    ),
  );
  list.push(`LPA:1$rsp-eu.simlessly.com$${pick("0123456789ABCDEF", 32)}`);
  list.push(`LPA:1$rsp.sandbox.simlessly.test$${pick("0123456789ABCDEF", 32)}`);
  list.push(`LPA:1$rsp-eu.simlessly.com$${pick("0123456789abcdef-", 40)}$1.3.6.1.4.1.31746$1`);
  return list;
}

/** What qrcode makes of the segments this encoder chose, at its version, with `mask`. */
function reference(text: string, version: number, mask: number): QrMatrix {
  const bytes = Buffer.from(text, "utf8");
  const segments = cheapestSegments(bytes, versionGroup(version)).map(({ mode, start, end }) => ({
    mode: modeNames[mode] as (typeof modeNames)[number],
    data: mode === 0 ? bytes.subarray(start, end) : bytes.toString("latin1", start, end),
  }));
  const { modules } = qrcode.create(segments as qrcode.QRCodeSegment[], {
    errorCorrectionLevel: "M",
    version,
    maskPattern: mask as qrcode.QRCodeMaskPattern,
  });
  return { size: modules.size, modules: Uint8Array.from(modules.data) };
}

describe("encodeQrMatrix", () => {
  it("makes qrcode's modules from the same segments, version and mask", () => {
    const versions = new Set<number>();
    texts().forEach((text, index) => {
      // The fixed mask throughout, and every other mask on some texts.
      for (const mask of new Set([dataMask, index % 8])) {
        const matrix = encodeQrMatrixWithMask(text, mask);
        const version = (matrix.size - 17) / 4;
        versions.add(version);
        const expected = reference(text, version, mask);
        expect(matrix.size, `text ${index}, mask ${mask}: size`).toBe(expected.size);
        expect(
          Buffer.from(matrix.modules).equals(Buffer.from(expected.modules)),
          `text ${index} (version ${version}), mask ${mask}: modules`,
        ).toBe(true);
      }
    });
    // From version 1 to beyond 27, where character counts take their longest fields.
    expect(Math.min(...versions)).toBe(1);
    expect(Math.max(...versions)).toBeGreaterThanOrEqual(27);
  });

  it("takes the smallest version that holds the text", () => {
    texts().forEach((text, index) => {
      const version = (encodeQrMatrix(text).size - 17) / 4;
      const smallest = qrcode.create(text, { errorCorrectionLevel: "M" }).version;
      expect(version, `text ${index}`).toBe(smallest);
    });
  });

  it("refuses a text too long for any version", () => {
    expect(() => encodeQrMatrix("a".repeat(2332))).toThrow(RangeError);
    expect(encodeQrMatrix("a".repeat(2331)).size).toBe(177);
  });
});
