import { describe, expect, it } from "vitest";
import { describeErrorBody, readEnvelope } from "./read-envelope.ts";

describe("readEnvelope", () => {
  it.each([
    [
      "an RSP success",
      "rsp",
      { success: true, code: "00000", msg: "", obj: { a: 1 } },
      { outcome: "success", data: { a: 1 } },
    ],
    [
      "an RSP success without obj",
      "rsp",
      { success: true, code: "00000", msg: "" },
      { outcome: "success", data: null },
    ],
    [
      "an RSP failure",
      "rsp",
      { success: false, code: "E1", msg: "no" },
      { outcome: "failure", code: "E1", message: "no" },
    ],
    [
      "an eIM failure",
      "eim",
      { status: 123009, success: false, msg: "gone" },
      { outcome: "failure", code: 123009, message: "gone" },
    ],
    ["a CMP body", "none", { token: "t" }, { outcome: "success", data: { token: "t" } }],
    ["an array", "rsp", [1], { outcome: "not-an-envelope" }],
    ["a body without success", "eim", { status: 200 }, { outcome: "not-an-envelope" }],
    ["a CMP array", "none", [], { outcome: "not-an-envelope" }],
  ] as const)("reads %s", (_name, kind, body, want) => {
    expect(readEnvelope(kind, body)).toEqual(want);
  });
});

describe("describeErrorBody", () => {
  it("reads Prism's problem documents and its invalid_json answer", () => {
    expect(
      describeErrorBody("rsp", { title: "Invalid request", detail: "bad", status: 422 }),
    ).toEqual({
      code: null,
      message: "Invalid request: bad",
    });
    expect(
      describeErrorBody("rsp", { error: { code: "invalid_json", message: "Invalid JSON" } }),
    ).toEqual({
      code: "invalid_json",
      message: "Invalid JSON",
    });
    expect(describeErrorBody("none", "not an object")).toEqual({ code: null, message: "" });
  });
});
