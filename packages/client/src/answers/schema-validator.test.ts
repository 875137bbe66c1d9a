import { describe, expect, it } from "vitest";
import { rspValidator } from "../validation.ts";
import { judgeBody } from "./response-validation.ts";

const success = {
  success: true,
  code: "00000",
  msg: "",
  obj: { iccid: "89860468152080349618", status: "Available" },
};

describe("the RSP validator", () => {
  it("accepts a body of the contract", () => {
    expect(rspValidator.check("GetProfileDetailResponse", success)).toEqual([]);
  });

  it("reports an unknown key inside the matching envelope branch by its path", () => {
    const body = { ...success, obj: { ...success.obj, colour: "blue" }, extra: 1 };
    expect(rspValidator.check("GetProfileDetailResponse", body)).toEqual([
      { path: "obj.colour", code: "unknown-key", message: "not in the contract" },
      { path: "extra", code: "unknown-key", message: "not in the contract" },
    ]);
  });

  it("reports a wrong type in the branch that fits best", () => {
    const issues = rspValidator.check("GetProfileDetailResponse", {
      ...success,
      obj: { iccid: 1, status: "A" },
    });
    expect(issues).toMatchObject([{ path: "obj.iccid", code: "invalid_type" }]);
  });

  it("never puts the value in a message", () => {
    const issues = rspValidator.check("GenerateAcRequest", {
      configName: "c",
      iccid: "89860468152080349618",
      imsi: "460048867619618",
      ki: "SECRET-KI-VALUE",
    });
    expect(issues).toMatchObject([{ path: "ki", code: "invalid_format" }]);
    expect(JSON.stringify(issues)).not.toContain("SECRET-KI-VALUE");
  });

  it("answers null for a schema it does not have", () => {
    expect(rspValidator.check("NoSuchSchema", {})).toBeNull();
  });
});

describe("judgeBody", () => {
  const extra = { ...success, extra: 1 };
  const wrong = { ...success, code: 5 };
  it.each([
    ["strict", extra, 1, 0],
    ["lenient", extra, 0, 1],
    ["off", extra, 0, 0],
    ["strict", wrong, 1, 0],
    ["lenient", wrong, 1, 0],
    ["off", wrong, 0, 0],
  ] as const)("%s: rejects/reports as the mode says", (mode, body, rejected, reported) => {
    const verdict = judgeBody(mode, rspValidator, "GetProfileDetailResponse", body);
    expect([verdict.rejected.length, verdict.reported.length]).toEqual([rejected, reported]);
  });

  it("checks nothing without a validator or a schema name", () => {
    expect(judgeBody("strict", undefined, "GetProfileDetailResponse", 1)).toEqual({
      rejected: [],
      reported: [],
    });
    expect(judgeBody("strict", rspValidator, null, 1)).toEqual({ rejected: [], reported: [] });
  });
});
