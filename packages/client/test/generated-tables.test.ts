// The clients run on compact tables that scripts/generate.ts writes from the spec; they must
// say exactly what @simlessly/contract's metadata says, generated from the same document.
import { cmpMetadata, eimMetadata, rspMetadata } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import * as cmp from "../src/generated/cmp.ts";
import * as eim from "../src/generated/eim.ts";
import * as rsp from "../src/generated/rsp.ts";

describe.each([
  ["rsp", rsp, rspMetadata],
  ["eim", eim, eimMetadata],
  ["cmp", cmp, cmpMetadata],
] as const)("the generated %s table", (_product, table, metadata) => {
  it("lists every operation of the contract metadata with its path, schemas and read-only flag", () => {
    expect(table.operations).toEqual(
      metadata.operations.map(
        ({ operationId, method, path, requestSchema, responseSchema, readOnly }) => ({
          operationId,
          method,
          path,
          requestSchema,
          responseSchema,
          readOnly,
        }),
      ),
    );
  });

  it("has the contract's batch limits and secret property names", () => {
    expect(table.batchLimits).toEqual(metadata.batchLimits);
    expect(table.secretPropertyNames).toEqual(metadata.secretPropertyNames);
  });
});
