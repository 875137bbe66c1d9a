import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import vectorFile from "../vectors/signing-vectors.json" with { type: "json" };
import { computeSignatureWith } from "./compute-signature.ts";
import type { HmacSha256 } from "./hmac.ts";
import { nodeHmacSha256 } from "./node-hmac.ts";
import { signRequestWith } from "./sign-request.ts";
import { signingPrefix } from "./string-to-sign.ts";
import { type SigningVectorFile, vectorBodyBytes } from "./vectors.ts";
import { createWebCryptoHmacSha256 } from "./web-crypto-hmac.ts";

const { vectors } = vectorFile as SigningVectorFile;
const paths: { path: string; hmac: HmacSha256 }[] = [
  { path: "Web Crypto", hmac: createWebCryptoHmacSha256() },
  { path: "node:crypto", hmac: nodeHmacSha256 },
];
const cases = paths.flatMap(({ path, hmac }) => vectors.map((vector) => ({ path, hmac, vector })));

describe("signing-vectors.json", () => {
  it("holds both schemes, an empty body, a non-ASCII body and a ~60 KB body", () => {
    const names = vectors.map((vector) => vector.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "rsp-demo",
        "rsp-empty-body",
        "rsp-non-ascii-body",
        "rsp-large-body",
      ]),
    );
    expect(vectors.filter((vector) => vector.scheme === "appendix").length).toBeGreaterThanOrEqual(
      3,
    );
    expect(Math.max(...vectors.map((vector) => vector.bodyBytes))).toBeGreaterThanOrEqual(59_000);
  });

  it("pins the documented RSP demo signature", () => {
    const demo = vectors.find((vector) => vector.name === "rsp-demo");
    expect(demo?.headers.Signature).toBe(
      "7EB765E27DF5373DEA2DBC8C41A7D9557743E46C8054750F3D851B3FD01D0835",
    );
    expect(demo?.signature).toBe(
      "7eb765e27df5373dea2dbc8c41a7d9557743e46c8054750f3d851b3fd01d0835",
    );
    const empty = vectors.find((vector) => vector.name === "rsp-empty-body");
    expect(empty?.signature).toBe(
      "2aefb37e939662fa91a7dd762260e43dd2b403181fc8dd31db97a0b540d50049",
    );
  });

  it.each(vectors)("expands the $name body to the recorded length and SHA-256", (vector) => {
    const body = vectorBodyBytes(vector);
    expect(body.length).toBe(vector.bodyBytes);
    expect(createHash("sha256").update(body).digest("hex")).toBe(vector.bodySha256);
  });

  it.each(vectors)("builds the recorded prefix for $name", (vector) => {
    expect(signingPrefix(vector.scheme, vector)).toBe(vector.signingPrefix);
  });
});

describe("known answers", () => {
  it.each(cases)("signs $vector.name on $path over the body bytes", async ({ hmac, vector }) => {
    const body = vectorBodyBytes(vector);
    const want = vector.scheme === "rsp" ? vector.signature.toUpperCase() : vector.signature;
    await expect(computeSignatureWith({ ...vector, body }, hmac)).resolves.toBe(want);
  });

  it.each(cases.filter(({ vector }) => vector.body !== undefined))(
    "signs $vector.name on $path over the body text",
    async ({ hmac, vector }) => {
      const want = vector.scheme === "rsp" ? vector.signature.toUpperCase() : vector.signature;
      await expect(computeSignatureWith({ ...vector, body: vector.body }, hmac)).resolves.toBe(
        want,
      );
    },
  );

  it.each(cases)(
    "returns the recorded header set for $vector.name on $path",
    async ({ hmac, vector }) => {
      const headers = await signRequestWith({ ...vector, body: vectorBodyBytes(vector) }, hmac);
      expect(headers).toEqual(vector.headers);
      // Same order as the docs, so fixtures and logs read alike.
      expect(Object.keys(headers)).toEqual(Object.keys(vector.headers));
    },
  );
});
