import { describe, expect, it } from "vitest";
import { detectDelimiter, parseColumnList } from "./input-layout.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const ki = "6BE2053E8580B135CD43443380DB7111";

describe("detectDelimiter", () => {
  const cases: { first: string; want: string }[] = [
    { first: "iccid,imsi,ki,opc\n1;2,3,4", want: "," },
    { first: "\uFEFFiccid;imsi;ki;opc\r\n", want: ";" },
    { first: "\n\niccid\timsi\tki\n", want: "\t" },
    { first: `89860468152080349618;460048867619618;${ki}`, want: ";" },
    // Separators inside quotes do not count.
    { first: 'iccid,imsi,ki,impu\n"a;b;c;d"', want: "," },
    { first: '"x;y;z;w",imsi,ki', want: "," },
    { first: "iccid", want: "," },
    { first: "", want: "," },
  ];
  it.each(cases)("finds $want in $first", ({ first, want }) => {
    expect(detectDelimiter(bytes(first))).toBe(want);
  });
});

describe("parseColumnList", () => {
  it("reads contract names ignoring case and spaces, msisdn as msidn", () => {
    expect(parseColumnList("ICCID, imsi ,Ki,opc,msisdn")).toEqual([
      "iccid",
      "imsi",
      "ki",
      "opc",
      "msidn",
    ]);
  });

  it("names every problem without echoing what reads like a value", () => {
    const attempt = () => parseColumnList(`iccid,ki,ki,colour,${ki}`);
    expect(attempt).toThrow(/--columns: ki is named twice; unknown column "colour"; column 5/);
    expect(attempt).toThrow(/missing imsi/);
    expect(attempt).not.toThrow(new RegExp(ki));
  });
});
