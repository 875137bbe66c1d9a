import { describe, expect, it } from "vitest";
import { findBatchLimits } from "./find-batch-limits.ts";
import { documentWith, postOperation, ref } from "./test-documents.ts";

describe("findBatchLimits", () => {
  const document = documentWith(
    {
      Batch: {
        type: "object",
        additionalProperties: false,
        properties: {
          configName: { type: "string" },
          metaDatas: { type: "array", minItems: 1, maxItems: 200, items: { type: "string" } },
          plmns: ref("PlmnList"),
          free: { type: "array", items: { type: "string" } },
          nested: { type: "object", properties: { deep: { type: "array", maxItems: 3 } } },
        },
      },
      PlmnList: { type: "array", maxItems: 64, items: { type: "string" } },
      ByList: {
        oneOf: [
          {
            type: "object",
            properties: { eidList: { type: "array", minItems: 1, maxItems: 100 } },
          },
          ref("ByIccid"),
        ],
      },
      ByIccid: {
        type: "object",
        properties: { iccidList: { type: ["array", "null"], maxItems: 100 } },
      },
      Scalar: { type: "string" },
    },
    {
      paths: {
        "/batch": postOperation("generateAcByBatch", "Batch", null),
        "/list": postOperation("listDevices", "ByList", null),
        "/scalar": postOperation("scalar", "Scalar", null),
        "/none": postOperation("none", null, null),
      },
    },
  );

  it("lists bounded top-level arrays, following $ref and oneOf branches", () => {
    expect(findBatchLimits(document)).toEqual([
      { operationId: "generateAcByBatch", field: "metaDatas", minItems: 1, maxItems: 200 },
      { operationId: "generateAcByBatch", field: "plmns", minItems: 0, maxItems: 64 },
      { operationId: "listDevices", field: "eidList", minItems: 1, maxItems: 100 },
      { operationId: "listDevices", field: "iccidList", minItems: 0, maxItems: 100 },
    ]);
  });
});
