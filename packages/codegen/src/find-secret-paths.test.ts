import { describe, expect, it } from "vitest";
import { findSecretPaths } from "./find-secret-paths.ts";
import { documentWith, ref } from "./test-documents.ts";

const object = (properties: Record<string, unknown>) => ({
  type: "object",
  additionalProperties: false,
  properties,
});

describe("findSecretPaths", () => {
  const document = documentWith({
    Ki: { type: "string", "x-secret": true },
    Record: object({
      iccid: { type: "string" },
      ki: ref("Ki"),
      opc: { type: "string", "x-secret": true },
    }),
    Batch: object({
      configName: { type: "string" },
      metaDatas: { type: "array", items: ref("Record") },
    }),
    Envelope: {
      oneOf: [
        object({ obj: ref("Batch") }),
        object({ token: { ...ref("Plain"), "x-secret": true } }),
      ],
    },
    Plain: { type: "string" },
    Matrix: object({ rows: { type: "array", items: { type: "array", items: ref("Ki") } } }),
    Either: { anyOf: [ref("Record"), { type: "null" }] },
    Tree: object({ secret: ref("Ki"), children: { type: "array", items: ref("Tree") } }),
  });

  const cases: Array<{ schema: string; want: string[] }> = [
    { schema: "Ki", want: [""] },
    { schema: "Record", want: ["ki", "opc"] },
    { schema: "Batch", want: ["metaDatas[].ki", "metaDatas[].opc"] },
    { schema: "Envelope", want: ["obj.metaDatas[].ki", "obj.metaDatas[].opc", "token"] },
    { schema: "Plain", want: [] },
    { schema: "Matrix", want: ["rows[][]"] },
    { schema: "Either", want: ["ki", "opc"] },
    // A recursive schema lists its own level; deeper levels repeat the same shape.
    { schema: "Tree", want: ["secret"] },
  ];

  const found = findSecretPaths(document);

  it.each(cases)("$schema: $want", ({ schema, want }) => {
    expect(found.bySchema[schema]).toEqual(want);
  });

  it("lists every schema, in document order", () => {
    expect(Object.keys(found.bySchema)).toEqual([
      "Ki",
      "Record",
      "Batch",
      "Envelope",
      "Plain",
      "Matrix",
      "Either",
      "Tree",
    ]);
  });

  it("collects the secret property names", () => {
    expect(found.propertyNames).toEqual(["ki", "opc", "rows", "secret", "token"]);
  });
});
