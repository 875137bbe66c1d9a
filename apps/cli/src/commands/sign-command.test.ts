import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { runCliForTest } from "../../test/run-cli.ts";

interface Vector {
  name: string;
  scheme: string;
  secret: string;
  key: string;
  timestamp: string;
  requestId: string;
  token?: string;
  body?: string;
  headers: Record<string, string>;
}

const vectorsPath = createRequire(import.meta.url).resolve("@simlessly/signing/vectors.json");
const vectors = (
  JSON.parse(readFileSync(vectorsPath, "utf8")) as { vectors: Vector[] }
).vectors.filter((vector) => vector.body !== undefined);

describe("simlessly sign", () => {
  it("includes the RSP demo vector", () => {
    expect(vectors.map((vector) => vector.name)).toContain("rsp-demo");
  });

  it.each(vectors.map((vector) => [vector.name, vector] as const))(
    "prints the headers of vector %s",
    async (_name, vector) => {
      const { headers, name: _, ...input } = vector;
      const run = await runCliForTest(["sign"], { stdin: JSON.stringify(pick(input)) });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(headers);
      // The demo's secret "1111" is part of its key "11111": check the secret only elsewhere.
      const withoutEchoes = Object.values(headers).reduce(
        (text, value) => text.replaceAll(value, ""),
        run.stdout,
      );
      expect(withoutEchoes).not.toContain(vector.secret);
    },
  );

  it("serializes a JSON body compactly before signing", async () => {
    const demo = vectors.find((vector) => vector.name === "rsp-demo") as Vector;
    const input = { ...pick(demo), body: { imsi: "326543826" } };
    const run = await runCliForTest(["sign", "-"], { stdin: JSON.stringify(input, null, 2) });
    expect(JSON.parse(run.stdout)).toEqual(demo.headers);
  });

  it("reads the description from a file", async () => {
    const demo = vectors.find((vector) => vector.name === "rsp-demo") as Vector;
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "sign-"));
    writeFileSync(join(dir, "req.json"), JSON.stringify(pick(demo)));
    const run = await runCliForTest(["sign", "req.json"], { cwd: dir });
    expect(JSON.parse(run.stdout)).toEqual(demo.headers);
  });

  const bad = [
    { stdin: "{not json, secret 1111", want: "the input is not valid JSON", secret: "1111" },
    { stdin: "[]", want: "the input must be a JSON object" },
    {
      stdin: '{"scheme":"hmac","key":"k","secret":"s","timestamp":1,"requestId":"r"}',
      want: 'scheme must be "rsp" or "appendix"',
    },
    {
      stdin: '{"scheme":"rsp","key":"k","secret":"s","timestamp":1,"requestId":"r","extra":1}',
      want: 'unknown key "extra"',
    },
    {
      stdin: '{"scheme":"rsp","key":"k","secret":"","timestamp":1,"requestId":"r"}',
      want: "secret must be a non-empty string",
    },
    {
      stdin: '{"scheme":"rsp","key":"k","secret":"s3cr3t","timestamp":"soon","requestId":"r"}',
      want: "timestamp must be",
      secret: "s3cr3t",
    },
    {
      stdin:
        '{"scheme":"rsp","key":"k","secret":"s3cr3t","timestamp":1,"requestId":"r","token":"t"}',
      want: "token is not used by the rsp scheme",
      secret: "s3cr3t",
    },
  ];
  it.each(bad)(
    "exits 2 with a message without the secret: $want",
    async ({ stdin, want, secret }) => {
      const run = await runCliForTest(["sign"], { stdin });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(want);
      if (secret !== undefined) expect(run.stderr).not.toContain(secret);
    },
  );
});

function pick(vector: Omit<Vector, "headers" | "name">) {
  return {
    scheme: vector.scheme,
    key: vector.key,
    secret: vector.secret,
    timestamp: vector.timestamp,
    requestId: vector.requestId,
    body: vector.body,
    ...(vector.token === undefined ? {} : { token: vector.token }),
  };
}
