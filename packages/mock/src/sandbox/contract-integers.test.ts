import { describe, expect, it } from "vitest";
import { integerFieldPaths, rspIntegerFields } from "./contract-integers.ts";

describe("integerFieldPaths", () => {
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
          },
        },
      },
    },
  };

  it("follows properties, items, references and unions, and stops at a cycle", () => {
    // `children` is a Tree again: a recursive schema is read down to its first repetition.
    expect(integerFieldPaths(document, "Tree")).toEqual([
      ["size"],
      ["page", "pageNum"],
      ["either"],
    ]);
  });

  it("finds nothing in a schema the document does not have", () => {
    expect(integerFieldPaths(document, "Missing")).toEqual([]);
  });
});

describe("rspIntegerFields", () => {
  it("reads the integer fields of the RSP requests from the contract", () => {
    const fields = rspIntegerFields();
    expect(fields.get("listConfigs")).toEqual([
      ["pageParam", "total"],
      ["pageParam", "pageNum"],
      ["pageParam", "pageSize"],
    ]);
    expect(fields.get("generateAcByBatch")).toEqual([["encryptionMode"]]);
    expect(fields.get("getBatchInfo")).toEqual([]);
  });
});
