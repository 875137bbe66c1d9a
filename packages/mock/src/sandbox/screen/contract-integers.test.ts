import { describe, expect, it } from "vitest";
import { numericFieldPaths, numericFields } from "./contract-integers.ts";

describe("numericFieldPaths", () => {
  const document = {
    components: {
      schemas: {
        Page: {
          type: "object",
          properties: { pageNum: { type: "integer" }, name: { type: "string" } },
        },
        Tree: {
          type: "object",
          properties: {
            size: { type: ["integer", "null"] },
            children: { type: "array", items: { $ref: "#/components/schemas/Tree" } },
            page: { $ref: "#/components/schemas/Page" },
            either: { anyOf: [{ type: "integer" }, { type: "string" }] },
            ratio: { type: "number" },
          },
        },
      },
    },
  };

  it("follows properties, items, references and unions, and stops at a cycle", () => {
    // `children` is a Tree again: a recursive schema is read down to its first repetition.
    expect(numericFieldPaths(document, "Tree")).toEqual([
      ["size"],
      ["page", "pageNum"],
      ["either"],
      ["ratio"],
    ]);
  });

  it("finds nothing in a schema the document does not have", () => {
    expect(numericFieldPaths(document, "Missing")).toEqual([]);
  });

  it("lists a field that several union branches share once", () => {
    const union = {
      components: {
        schemas: {
          ByA: { type: "object", properties: { a: { type: "string" }, page: { type: "integer" } } },
          ByB: { type: "object", properties: { b: { type: "string" }, page: { type: "integer" } } },
          Either: {
            oneOf: [{ $ref: "#/components/schemas/ByA" }, { $ref: "#/components/schemas/ByB" }],
          },
        },
      },
    };
    expect(numericFieldPaths(union, "Either")).toEqual([["page"]]);
  });
});

describe("numericFields", () => {
  it("reads the integer fields of the RSP requests from the contract", () => {
    const fields = numericFields("rsp");
    expect(fields.get("listConfigs")).toEqual([
      ["pageParam", "total"],
      ["pageParam", "pageNum"],
      ["pageParam", "pageSize"],
    ]);
    expect(fields.get("generateAcByBatch")).toEqual([["encryptionMode"]]);
    expect(fields.get("getBatchInfo")).toEqual([]);
  });

  it("reads those of the eIM and CMP requests by the same rule", () => {
    const eim = numericFields("eim");
    expect(eim.get("getBatchTaskResult")).toEqual([["batchId"]]);
    expect(eim.get("batchImportAc")).toEqual([]);
    // No CMP request has a number today: every operation is listed, with no field.
    const cmp = numericFields("cmp");
    expect([...cmp.keys()].sort()).toEqual([
      "changeSimStatus",
      "getAccessToken",
      "getDeviceSimsDetail",
    ]);
    for (const paths of cmp.values()) expect(paths).toEqual([]);
  });
});
