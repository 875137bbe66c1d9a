import { describe, expect, it } from "vitest";
import { canonicalRequestId, randomRequestId } from "./request-id.ts";

describe("canonicalRequestId", () => {
  const table: { given: string; want: string | undefined }[] = [
    { given: "ddf4654b-fc9b-4d40-a914-964cff6cf379", want: "ddf4654b-fc9b-4d40-a914-964cff6cf379" },
    { given: "DDF4654B-FC9B-4D40-A914-964CFF6CF379", want: "ddf4654b-fc9b-4d40-a914-964cff6cf379" },
    { given: "4ce9d9cdac9e4e17b3a2c66c358c1ce2", want: "4ce9d9cd-ac9e-4e17-b3a2-c66c358c1ce2" },
    { given: "4CE9D9CDAC9E4E17B3A2C66C358C1CE2", want: "4ce9d9cd-ac9e-4e17-b3a2-c66c358c1ce2" },
    { given: "4ce9d9cdac9e4e17b3a2c66c358c1ce", want: undefined },
    { given: "ddf4654bfc9b-4d40-a914-964cff6cf379", want: undefined },
    { given: "ddf4654b-fc9b-4d40-a914-964cff6cf37g", want: undefined },
    { given: " ddf4654b-fc9b-4d40-a914-964cff6cf379", want: undefined },
    { given: "", want: undefined },
  ];
  it.each(table)("maps $given to $want", ({ given, want }) => {
    expect(canonicalRequestId(given)).toBe(want);
  });
});

describe("randomRequestId", () => {
  it("returns a fresh UUID v4 with dashes", () => {
    const first = randomRequestId();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomRequestId()).not.toBe(first);
  });
});
