// The sandbox authenticates the signing package's known-answer vectors (computed by Python
// hmac and openssl, never by the code under test): a sandbox whose credentials and clock are a
// vector's accepts that vector's exact headers and body bytes.
import { type SigningVectorFile, vectorBodyBytes } from "@simlessly/signing/vectors";
import vectorFile from "@simlessly/signing/vectors.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { createSandbox } from "../src/index.ts";

describe("the signing package's known-answer vectors", () => {
  const vectors = (vectorFile as unknown as SigningVectorFile).vectors;

  it.each(vectors.map((vector) => ({ name: vector.name, vector })))(
    "authenticate $name",
    async ({ vector }) => {
      // A sandbox whose credentials and clock are the vector's.
      const sandbox = await createSandbox({
        env: {},
        now: () => Number(vector.timestamp),
        credentials:
          vector.scheme === "rsp"
            ? { rsp: { accessKey: vector.key, secretKey: vector.secret } }
            : {
                eim: {
                  publicKey: vector.key,
                  secretKey: vector.secret,
                  token: vector.token ?? "token",
                },
              },
      });
      try {
        const path =
          vector.scheme === "rsp" ? "/api/v1/config/list" : "/api/v1/open/esim/batch/info";
        const response = await fetch(`${sandbox.url}${path}`, {
          method: "POST",
          headers: {
            ...vector.headers,
            ...(vector.token === undefined && vector.scheme === "appendix"
              ? { authorization: "token" }
              : {}),
          },
          body: vectorBodyBytes(vector),
          signal: AbortSignal.timeout(10_000),
        });
        const body = (await response.json()) as { code?: string; status?: number };
        // Past authentication: the vector bodies are not valid requests of these operations.
        if (vector.scheme === "rsp") expect(body.code).toMatch(/^INVALID_(JSON|REQUEST)$/);
        else expect(body.status).toBeOneOf([400001, 400002]);
      } finally {
        await sandbox.stop();
      }
    },
  );
});
