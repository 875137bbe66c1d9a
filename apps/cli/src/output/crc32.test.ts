import { randomBytes } from "node:crypto";
import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, portableCrc32 } from "./crc32.ts";

describe("crc32", () => {
  it("gives the check value of CRC-32/ISO-HDLC", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(portableCrc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("agrees with zlib on other data when that has one (Node 20.15+)", () => {
    const native = (zlib as Partial<typeof zlib>).crc32;
    for (let length = 0; length < 300; length += 7) {
      const data = randomBytes(length);
      expect(portableCrc32(data)).toBe(crc32(data));
      if (native !== undefined) expect(crc32(data)).toBe(native(data));
    }
  });
});
