import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeSignatureWith } from "./compute-signature.ts";
import { bytesToHex } from "./hex.ts";
import type { MessagePart } from "./hmac.ts";
import { nodeHmacSha256 } from "./node-hmac.ts";
import { createWebCryptoHmacSha256 } from "./web-crypto-hmac.ts";

const webCrypto = createWebCryptoHmacSha256();
const hex = async (result: Promise<Uint8Array>) => bytesToHex(await result);

describe("the Web Crypto and node:crypto paths", () => {
  const table: { name: string; secret: string; message: MessagePart[] }[] = [
    { name: "an empty message", secret: "s", message: [] },
    { name: "empty parts", secret: "s", message: ["", new Uint8Array()] },
    {
      name: "text parts",
      secret: "1111",
      message: ["16286704214ce9d9cdac9e4e17b3a2c66c358c1ce211111", '{"imsi":"326543826"}'],
    },
    {
      name: "a non-ASCII secret and body",
      secret: "sécret-ключ-✓",
      message: ["prefix", '{"spn":"Café Ünïcode ✓"}'],
    },
    { name: "lone surrogates in text", secret: "k", message: ["a\ud800", "\udc00b"] },
    { name: "random bytes", secret: "k", message: ["p", new Uint8Array(randomBytes(4096))] },
    { name: "a ~60 KB body", secret: "k", message: ["p", "x".repeat(60_000)] },
    { name: "a secret longer than the SHA-256 block", secret: "k".repeat(200), message: ["p"] },
  ];

  it.each(table)("give identical MACs for $name", async ({ secret, message }) => {
    const fromWeb = await hex(webCrypto(secret, message));
    expect(fromWeb).toMatch(/^[0-9a-f]{64}$/);
    expect(await hex(nodeHmacSha256(secret, message))).toBe(fromWeb);
  });

  it("give identical MACs over 200 random inputs", async () => {
    for (let round = 0; round < 200; round++) {
      const secret = randomBytes(1 + (round % 70)).toString("base64");
      const message = [
        randomBytes(round % 50).toString("hex"),
        new Uint8Array(randomBytes(round * 37)),
      ];
      expect(await hex(webCrypto(secret, message))).toBe(
        await hex(nodeHmacSha256(secret, message)),
      );
    }
  });

  it("match a one-shot createHmac over the joined bytes", async () => {
    const body = new Uint8Array(randomBytes(1000));
    const want = createHmac("sha256", "key")
      .update(Buffer.concat([Buffer.from("prefix"), body]))
      .digest("hex");
    expect(await hex(nodeHmacSha256("key", ["prefix", body]))).toBe(want);
    expect(await hex(webCrypto("key", ["prefix", body]))).toBe(want);
  });
});

function countingSubtle(options: { failFirstImport?: boolean } = {}) {
  const imports: string[] = [];
  let failNext = options.failFirstImport ?? false;
  const real = globalThis.crypto.subtle;
  const subtle = {
    importKey(...args: Parameters<SubtleCrypto["importKey"]>) {
      imports.push(new TextDecoder().decode(args[1] as Uint8Array));
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error("import failed"));
      }
      return Reflect.apply(real.importKey, real, args);
    },
    sign: real.sign.bind(real),
  } as unknown as SubtleCrypto;
  return { subtle, imports };
}

describe("computeSignature", () => {
  it.each([
    ["Web Crypto", webCrypto],
    ["node:crypto", nodeHmacSha256],
  ] as const)(
    "refuses an empty secret on %s, which Web Crypto could not import",
    async (_, hmac) => {
      const input = {
        scheme: "rsp",
        key: "k",
        secret: "",
        timestamp: "1",
        requestId: "r",
      } as const;
      await expect(computeSignatureWith(input, hmac)).rejects.toMatchObject({ field: "secret" });
    },
  );
});

describe("createWebCryptoHmacSha256", () => {
  it("imports each secret once across calls", async () => {
    const { subtle, imports } = countingSubtle();
    const hmac = createWebCryptoHmacSha256({ subtle });
    await Promise.all([hmac("a", ["1"]), hmac("a", ["2"]), hmac("b", ["3"])]);
    await hmac("a", ["4"]);
    expect(imports).toEqual(["a", "b"]);
  });

  it("evicts the least recently used key beyond maxCachedKeys", async () => {
    const { subtle, imports } = countingSubtle();
    const hmac = createWebCryptoHmacSha256({ subtle, maxCachedKeys: 2 });
    await hmac("a", []);
    await hmac("b", []);
    await hmac("a", []); // a is now the most recent
    await hmac("c", []); // evicts b
    await hmac("a", []);
    await hmac("b", []);
    expect(imports).toEqual(["a", "b", "c", "b"]);
  });

  it("retries an import that failed instead of caching the failure", async () => {
    const { subtle, imports } = countingSubtle({ failFirstImport: true });
    const hmac = createWebCryptoHmacSha256({ subtle });
    await expect(hmac("a", [])).rejects.toThrow("import failed");
    await expect(hex(hmac("a", []))).resolves.toMatch(/^[0-9a-f]{64}$/);
    expect(imports).toEqual(["a", "a"]);
  });
});
