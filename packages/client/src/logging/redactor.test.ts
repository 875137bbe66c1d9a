import { cmpMetadata, eimMetadata, rspMetadata } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import { createRedactor, redactedMarker } from "./redactor.ts";

const redactor = createRedactor({
  secretPropertyNames: ["ki", "opc", "token"],
  secretValues: ["my-secret-key-123"],
});

describe("createRedactor", () => {
  it("hides secret property names at any depth", () => {
    expect(
      redactor.redactBody({
        metaDatas: [{ iccid: "1", ki: "AA" }],
        nested: { opc: "CC", keep: 1 },
        token: "t",
      }),
    ).toEqual({
      metaDatas: [{ iccid: "1", ki: redactedMarker }],
      nested: { opc: redactedMarker, keep: 1 },
      token: redactedMarker,
    });
  });

  it("leaves null secrets null and does not change its input", () => {
    const input = { opc: null, metaDatas: [{ ki: "AA" }] };
    expect(redactor.redactBody(input)).toEqual({ opc: null, metaDatas: [{ ki: redactedMarker }] });
    expect(input.metaDatas[0]?.ki).toBe("AA");
  });

  it("scrubs known values from text and body strings without regard to case", () => {
    expect(redactor.scrub("key MY-SECRET-KEY-123 leaked")).toBe(`key ${redactedMarker} leaked`);
    expect(redactor.redactBody({ msg: "my-secret-key-123!" })).toEqual({
      msg: `${redactedMarker}!`,
    });
  });

  it("scrubs extra values anywhere, and values under six characters only as whole words", () => {
    expect(redactor.scrub("pin 1234 ki 6BE2053E", ["1234", "6be2053e"])).toBe(
      `pin ${redactedMarker} ki ${redactedMarker}`,
    );
    expect(redactor.scrub("ICCID 89860412345 pin=1234.", ["1234"])).toBe(
      `ICCID 89860412345 pin=${redactedMarker}.`,
    );
    expect(redactor.redactBody(["echo 6BE2053E"], ["6be2053e"])).toEqual([
      `echo ${redactedMarker}`,
    ]);
  });

  it("hides signature and authorization headers in any case", () => {
    const headers = new Headers({ Signature: "AB", authorization: "Bearer x", RequestID: "id" });
    expect(redactor.redactHeaders(headers)).toEqual({
      signature: redactedMarker,
      authorization: redactedMarker,
      requestid: "id",
    });
    expect(redactor.redactHeaders({ Authorization: "t" })).toEqual({
      Authorization: redactedMarker,
    });
  });

  it("collects the secret strings of a body", () => {
    expect(
      redactor.secretValuesIn({
        metaDatas: [{ ki: "AA", iccid: "1" }],
        nested: { opc: ["x", "y"] },
      }),
    ).toEqual(["AA", "x", "y"]);
  });

  it("scrubs a value added later", () => {
    const later = createRedactor();
    later.addSecretValue("fresh-token-value");
    expect(later.scrub("Bearer fresh-token-value")).toBe(`Bearer ${redactedMarker}`);
  });
});

describe.each([
  ["rsp", rspMetadata],
  ["eim", eimMetadata],
  ["cmp", cmpMetadata],
] as const)("the %s secret markers", (_product, metadata) => {
  it("name the property of every secret path, so hiding names covers every path", () => {
    const names = new Set<string>(metadata.secretPropertyNames);
    const paths = Object.values(metadata.secretPaths as Record<string, readonly string[]>).flat();
    const uncovered = paths
      .filter((path) => path !== "")
      .filter((path) => !names.has(/([^.[\]]+)(\[\])*$/.exec(path)?.[1] ?? path));
    expect(paths.length).toBeGreaterThan(0);
    expect(uncovered).toEqual([]);
  });
});
