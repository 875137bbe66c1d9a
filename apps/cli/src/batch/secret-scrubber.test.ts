import { describe, expect, it } from "vitest";
import { SecretScrubber } from "./secret-scrubber.ts";

const ki = "6BE2053E8580B135CD43443380DB7111";
const opc = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";

function grouped(value: string, size: number, separator: string): string {
  return value.match(new RegExp(`.{1,${size}}`, "g"))?.join(separator) ?? value;
}

describe("HeldSecrets", () => {
  it("hides only its own chunk's secrets", () => {
    const scrubber = new SecretScrubber();
    const mine = scrubber.hold([ki]);
    scrubber.hold([opc]);
    expect(mine.scrub(`${ki} ${opc}`)).toBe(`[hidden] ${opc}`);
    expect(scrubber.scrub(`${ki} ${opc}`)).toBe("[hidden] [hidden]");
  });
});

describe("SecretScrubber", () => {
  const scrubber = new SecretScrubber();
  scrubber.hold([ki, opc, "1234", "87654321"]);

  const cases: { name: string; text: string; want: string }[] = [
    { name: "as written", text: `Ki ${ki} refused`, want: "Ki [hidden] refused" },
    { name: "lower case", text: `bad key ${ki.toLowerCase()}.`, want: "bad key [hidden]." },
    {
      name: "grouped with spaces",
      text: `OPc=${grouped(opc, 4, " ")}; retry`,
      want: "OPc=[hidden]; retry",
    },
    {
      name: "grouped with dashes, re-cased",
      text: `(${grouped(ki.toLowerCase(), 2, "-")})`,
      want: "([hidden])",
    },
    { name: "with colons", text: `k:${grouped(ki, 2, ":")}`, want: "k:[hidden]" },
    { name: "inside a longer word", text: `x${ki}y`, want: "x[hidden]y" },
    { name: "two in one text", text: `${opc}/${ki}`, want: "[hidden]/[hidden]" },
    { name: "a PIN as a word", text: "PIN 1234 is wrong", want: "PIN [hidden] is wrong" },
    { name: "a PUK grouped", text: "PUK 8765-4321", want: "PUK [hidden]" },
    {
      name: "a PIN's digits inside an ICCID, left alone",
      text: "ICCID 89860412340000000001 exists",
      want: "ICCID 89860412340000000001 exists",
    },
    { name: "nothing held", text: "plain reason", want: "plain reason" },
  ];
  it.each(cases)("hides a secret $name", ({ text, want }) => {
    expect(scrubber.scrub(text)).toBe(want);
  });

  it("forgets values once every holder has released them", () => {
    const counted = new SecretScrubber();
    const first = counted.hold([ki, "1234"]);
    const second = counted.hold([ki.toLowerCase(), "1234"]);
    counted.release(first);
    expect(counted.scrub(`${ki} 1234`)).toBe("[hidden] [hidden]");
    counted.release(second);
    expect(counted.scrub(`${ki} 1234`)).toBe(`${ki} 1234`);
  });

  it("keeps fingerprints, not the values it was handed", () => {
    const held = new SecretScrubber().hold([ki, opc, "1234"]);
    expect(held.tokens).toHaveLength(1);
    expect(held.grouped.get(32)).toHaveLength(2);
    expect(Object.keys(held).sort()).toEqual(["grouped", "tokens"]);
  });
});
