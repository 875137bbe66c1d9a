import { describe, expect, it } from "vitest";
import { isShowableName, looksLikeValue, shownValue } from "./safe-to-show.ts";

const ki = "6BE2053E8580B135CD43443380DB7111";

describe("shownValue", () => {
  const cases: { field: string; value: unknown; want: string | undefined }[] = [
    { field: "iccid", value: "898604681520803496", want: '"898604681520803496"' },
    { field: "imsi", value: "46004886761961", want: '"46004886761961"' },
    { field: "expireTime", value: "2030/01/02", want: '"2030/01/02"' },
    { field: "impu", value: "sip:a@x example", want: undefined },
    { field: "impi", value: "260036614799000@ims", want: '"260036614799000@ims"' },
    { field: "msidn", value: "8613912345678901", want: '"8613912345678901"' },
    { field: "impi", value: "", want: '""' },
    // A Ki where an ICCID or IMSI belongs, re-cased or all digits: never shown.
    { field: "iccid", value: ki, want: undefined },
    { field: "iccid", value: ki.toLowerCase(), want: undefined },
    { field: "imsi", value: "12345678901234567890123456789012", want: undefined },
    // A PUK or PIN in the wrong column: the contract's own secret shapes are never shown.
    { field: "imsi", value: "12345678", want: undefined },
    { field: "msidn", value: "1234", want: undefined },
    // Secret fields and fields without a near-miss shape show nothing.
    { field: "ki", value: "6BE2", want: undefined },
    { field: "c9", value: "0C3C03XX", want: undefined },
    { field: "colour", value: "red", want: undefined },
    { field: "iccid", value: 8986046815208034, want: undefined },
  ];
  it.each(cases)("shows $field $value as $want", ({ field, value, want }) => {
    expect(shownValue(field, value)).toBe(want);
  });

  it("cuts a long value to 40 characters", () => {
    expect(shownValue("impi", `a@${"b".repeat(60)}`)).toBe(`"a@${"b".repeat(38)}…"`);
  });
});

describe("isShowableName", () => {
  it.each(["colour", "ICCID ", "sim_type", "pin-3", "Expire Time"])("shows %j", (name) => {
    expect(isShowableName(name.trim())).toBe(true);
  });
  it.each([ki, ki.toLowerCase(), `ABCDEF${ki}`, "deadbeefcafe", "x12345", "1234", "iccid;imsi;ki"])(
    "hides %j",
    (name) => {
      expect(isShowableName(name)).toBe(false);
    },
  );
});

describe("looksLikeValue", () => {
  it.each(["89860468152080349618", ki, "1234", "12 34 56", "+86 139"])(
    "takes %j for a value",
    (cell) => {
      expect(looksLikeValue(cell)).toBe(true);
    },
  );
  it.each(["iccid", "colour", "cc", "c9", "ki2", "abc", "cafe"])("takes %j for a name", (cell) => {
    expect(looksLikeValue(cell)).toBe(false);
  });
});
