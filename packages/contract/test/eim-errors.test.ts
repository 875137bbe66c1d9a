import { describe, expect, it } from "vitest";
import { findEimError, isEimBatchResultReason, isKnownEimErrorCode } from "../src/index.ts";

describe("findEimError", () => {
  it.each([
    {
      code: 23018,
      want: { known: true, code: 23018, name: "INVALID_IMEI", message: "Invalid parameter: imei" },
    },
    {
      code: 110004,
      want: { known: true, code: 110004, name: "ICCID_NOT_FOUND", message: "Iccid not found" },
    },
    // The platform's own example carries 700, which Appendix 4 does not list: it is kept.
    { code: 700, want: { known: false, code: 700 } },
    { code: -1, want: { known: false, code: -1 } },
  ])("$code", ({ code, want }) => {
    expect(findEimError(code)).toEqual(want);
  });

  it("narrows the code type", () => {
    const code: number = 123009;
    expect(isKnownEimErrorCode(code)).toBe(true);
    expect(isKnownEimErrorCode(1)).toBe(false);
  });
});

describe("isEimBatchResultReason", () => {
  it.each([
    ["EID invalid!", true],
    ["EID,IMEI must exist at least one!", true],
    ["EID invalid", false],
    ["eid invalid!", false],
  ])("%s -> %s", (reason, want) => {
    expect(isEimBatchResultReason(reason)).toBe(want);
  });
});
