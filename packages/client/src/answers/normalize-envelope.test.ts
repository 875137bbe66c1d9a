import { describe, expect, it } from "vitest";
import { eimKeyAliases, normalizeEnvelope, rspKeyAliases } from "./normalize-envelope.ts";

describe("normalizeEnvelope", () => {
  it.each([
    {
      name: "trims keys with stray spaces",
      given: { " code": "00000", " msg": "", success: true },
      want: { code: "00000", msg: "", success: true },
    },
    {
      name: "trims a code with a trailing space",
      given: { success: true, code: "00000 ", msg: "" },
      want: { success: true, code: "00000", msg: "" },
    },
    {
      name: "reads success sent as a string",
      given: { success: "false", code: "1", msg: "no" },
      want: { success: false, code: "1", msg: "no" },
    },
    {
      name: "reads a numeric-string eIM status",
      given: { status: "200", success: true, msg: "" },
      want: { status: 200, success: true, msg: "" },
    },
    {
      name: "reads string booleans at any depth",
      given: { success: true, obj: { results: [{ success: " TRUE " }, { success: "false" }] } },
      want: { success: true, obj: { results: [{ success: true }, { success: false }] } },
    },
    {
      name: "leaves a numeric success count alone (eIM batch task)",
      given: { success: true, obj: { success: 3, fail: 1 } },
      want: { success: true, obj: { success: 3, fail: 1 } },
    },
    {
      name: "leaves a missing obj missing",
      given: { status: 200, success: true, msg: "" },
      want: { status: 200, success: true, msg: "" },
    },
  ])("$name", ({ given, want }) => {
    expect(normalizeEnvelope(given, rspKeyAliases).value).toEqual(want);
  });

  it("renames the RSP example spellings to the documented keys", () => {
    const given = {
      success: true,
      obj: {
        batchTaskInfo: { succeed: 1, failed: 2 },
        result: [{ iccid: "1", errorReson: "why" }],
      },
    };
    expect(normalizeEnvelope(given, rspKeyAliases).value).toEqual({
      success: true,
      obj: {
        batchTaskInfo: { succeedNum: 1, failedNum: 2 },
        results: [{ iccid: "1", errorReason: "why" }],
      },
    });
  });

  it("keeps the documented key when a body sends both spellings", () => {
    const given = { obj: { results: [{ a: 1 }], result: [{ b: 2 }], " code": "x", code: "y" } };
    expect(normalizeEnvelope(given, rspKeyAliases).value).toEqual({
      obj: { results: [{ a: 1 }], result: [{ b: 2 }], code: "y" },
    });
  });

  it("renames eIM's bathId only with the eIM aliases", () => {
    expect(normalizeEnvelope({ obj: { bathId: 4 } }, eimKeyAliases).value).toEqual({
      obj: { batchId: 4 },
    });
    expect(normalizeEnvelope({ obj: { bathId: 4 } }, rspKeyAliases).value).toEqual({
      obj: { bathId: 4 },
    });
  });

  it("returns the same object, unchanged, when there is nothing to fix", () => {
    const given = { success: true, code: "00000", msg: "", obj: { list: [{ a: "b" }] } };
    const result = normalizeEnvelope(given, rspKeyAliases);
    expect(result.changed).toBe(false);
    expect(result.value).toBe(given);
  });

  it("does not take inherited names such as constructor for aliases", () => {
    const body = { success: true, obj: { constructor: 1, toString: "x" } };
    const normalized = normalizeEnvelope(body, rspKeyAliases);
    expect(normalized.changed).toBe(false);
    expect(normalized.value).toBe(body);
  });

  it("reads own keys only, keeping their order, when a key after others changes", () => {
    const inherited = Object.create({ " msg": "inherited" }) as Record<string, unknown>;
    Object.assign(inherited, { success: true, code: "00000", " obj": null });
    const { value } = normalizeEnvelope(inherited, rspKeyAliases);
    expect(Object.keys(value as object)).toEqual(["success", "code", "obj"]);
    expect(value).toEqual({ success: true, code: "00000", obj: null });
  });

  it("keeps a __proto__ key as a plain property", () => {
    const given = JSON.parse('{" x": 1, "__proto__": {"polluted": true}}') as object;
    const { value } = normalizeEnvelope(given);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
