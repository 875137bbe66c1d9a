// Retry safety comes from the contract: the operations the spec marks `x-read-only: true`
// are exactly those the generated metadata (and so the client) treats as read-only.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cmpMetadata, eimMetadata, rspMetadata } from "@simlessly/contract";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const metadata = { rsp: rspMetadata, eim: eimMetadata, cmp: cmpMetadata };

function markedReadOnly(product: keyof typeof metadata): string[] {
  const document = JSON.parse(
    readFileSync(require.resolve(`@simlessly/spec/${product}.json`), "utf8"),
  ) as { paths: Record<string, Record<string, { operationId: string; "x-read-only"?: boolean }>> };
  return Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .filter((operation) => operation["x-read-only"] === true)
    .map((operation) => operation.operationId)
    .sort();
}

describe.each(Object.keys(metadata) as (keyof typeof metadata)[])(
  "%s read-only operations",
  (product) => {
    it("are the ones the spec marks x-read-only", () => {
      const fromMetadata = metadata[product].operations
        .filter((operation) => operation.readOnly)
        .map((operation) => operation.operationId)
        .sort();
      expect(fromMetadata).toEqual(markedReadOnly(product));
      expect(fromMetadata.length).toBeGreaterThan(0);
    });
  },
);

it("cover the documented reads: batch/info, config/list, profile/detail, profile/log, CMP details", () => {
  const readOnly = [rspMetadata, eimMetadata, cmpMetadata].flatMap((product) =>
    product.operations.filter((operation) => operation.readOnly).map((operation) => operation.path),
  );
  expect(readOnly.sort()).toEqual(
    [
      "/api/v1/batch/info",
      "/api/v1/config/list",
      "/api/v1/profile/detail",
      "/api/v1/profile/log",
      "/api/v1/open/esim/batch/info",
      "/api/v1/external/device/sim/details",
    ].sort(),
  );
});
