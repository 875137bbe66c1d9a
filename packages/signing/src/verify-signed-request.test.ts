import { describe, expect, it, vi } from "vitest";
import type { HeaderSource } from "./header-source.ts";
import { nodeHmacSha256 } from "./node-hmac.ts";
import type { SigningScheme } from "./schemes.ts";
import { signRequestWith } from "./sign-request.ts";
import type { SignableBody } from "./signable-body.ts";
import {
  type VerifyResult,
  type VerifySignedRequestInput,
  verifySignedRequestWith,
} from "./verify-signed-request.ts";
import { createWebCryptoHmacSha256 } from "./web-crypto-hmac.ts";

const now = 1_763_798_400_000;
const minute = 60_000;
const secrets: Record<string, string> = {
  "0a1b2c3d4e5f60718293a4b5c6d7e8f9": "5f2b8c1e9a7d4e3fb6c0a1d2e3f40516",
  "33557c4f7ff14cbbb982660993f48a49": "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49",
  // Another known key with the same secret: swapping keys must still break the signature.
  "0a1b2c3d4e5f60718293a4b5c6d7e8fa": "5f2b8c1e9a7d4e3fb6c0a1d2e3f40516",
};
const keyOf: Record<SigningScheme, string> = {
  rsp: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  appendix: "33557c4f7ff14cbbb982660993f48a49",
};
const body = '{"spn":"Café Ünïcode ✓"}';
const requestId = "0b7e5a3c-3f0e-4c1a-9d2b-6a8f1e2d3c4b";

interface Signed {
  headers: Record<string, string | string[]>;
  body: SignableBody;
}

async function signed(scheme: SigningScheme, timestamp = now): Promise<Signed> {
  const key = keyOf[scheme];
  const secret = secrets[key] ?? "";
  const headers = await signRequestWith(
    {
      scheme,
      key,
      secret,
      timestamp,
      requestId,
      body,
      ...(scheme === "appendix" ? { token: "t0k3n" } : {}),
    },
    nodeHmacSha256,
  );
  return { headers: { ...headers }, body: new TextEncoder().encode(body) };
}

function flipLastByte(bytes: SignableBody): Uint8Array {
  const copy = new Uint8Array(bytes as Uint8Array);
  copy[copy.length - 1] = (copy.at(-1) ?? 0) ^ 0x01;
  return copy;
}

function without(name: string) {
  return (request: Signed): Signed => {
    const headers = { ...request.headers };
    delete headers[name];
    return { ...request, headers };
  };
}

function withHeader(name: string, value: string | string[] | ((old: string) => string)) {
  return (request: Signed): Signed => {
    const old = String(request.headers[name]);
    return {
      ...request,
      headers: { ...request.headers, [name]: typeof value === "function" ? value(old) : value },
    };
  };
}

const ok = (scheme: SigningScheme, timestamp = now): VerifyResult => ({
  ok: true,
  key: keyOf[scheme],
  requestId,
  timestamp,
});
const failure = (reason: string, header: string) => ({ ok: false, reason, header });

interface Case {
  name: string;
  scheme: SigningScheme;
  timestamp?: number;
  change?: (request: Signed) => Signed;
  want: VerifyResult | ReturnType<typeof failure>;
}

const rspCases: Case[] = [
  { name: "an untouched request", scheme: "rsp", want: ok("rsp") },
  {
    name: "a lower-case signature",
    scheme: "rsp",
    change: withHeader("Signature", (s) => s.toLowerCase()),
    want: ok("rsp"),
  },
  {
    name: "a mixed-case signature",
    scheme: "rsp",
    change: withHeader("Signature", (s) => s.slice(0, 32) + s.slice(32).toLowerCase()),
    want: ok("rsp"),
  },
  {
    name: "lower-case header names (node:http style)",
    scheme: "rsp",
    change: (r) => ({
      ...r,
      headers: Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v])),
    }),
    want: ok("rsp"),
  },
  {
    name: "a timestamp 9 minutes old",
    scheme: "rsp",
    timestamp: now - 9 * minute,
    want: ok("rsp", now - 9 * minute),
  },
  {
    name: "a timestamp 9 minutes ahead",
    scheme: "rsp",
    timestamp: now + 9 * minute,
    want: ok("rsp", now + 9 * minute),
  },
  {
    name: "a timestamp exactly 10 minutes old",
    scheme: "rsp",
    timestamp: now - 10 * minute,
    want: ok("rsp", now - 10 * minute),
  },
  {
    name: "a timestamp 11 minutes old",
    scheme: "rsp",
    timestamp: now - 11 * minute,
    want: failure("stale-timestamp", "Timestamp"),
  },
  {
    name: "a timestamp 11 minutes ahead",
    scheme: "rsp",
    timestamp: now + 11 * minute,
    want: failure("stale-timestamp", "Timestamp"),
  },
  {
    name: "a body byte changed",
    scheme: "rsp",
    change: (r) => ({ ...r, body: flipLastByte(r.body) }),
    want: failure("bad-signature", "Signature"),
  },
  {
    name: "an empty body instead of the signed one",
    scheme: "rsp",
    change: (r) => ({ ...r, body: "" }),
    want: failure("bad-signature", "Signature"),
  },
  {
    name: "the timestamp changed by 1 ms",
    scheme: "rsp",
    change: withHeader("Timestamp", String(now + 1)),
    want: failure("bad-signature", "Signature"),
  },
  {
    name: "the request id changed",
    scheme: "rsp",
    change: withHeader("RequestID", "1b7e5a3c-3f0e-4c1a-9d2b-6a8f1e2d3c4b"),
    want: failure("bad-signature", "Signature"),
  },
  {
    name: "the request id re-spelled without dashes",
    scheme: "rsp",
    change: withHeader("RequestID", requestId.replaceAll("-", "")),
    want: failure("bad-signature", "Signature"),
  },
  {
    name: "the AccessKey swapped for another known key",
    scheme: "rsp",
    change: withHeader("AccessKey", "0a1b2c3d4e5f60718293a4b5c6d7e8fa"),
    want: failure("bad-signature", "Signature"),
  },
  {
    name: "one signature digit changed",
    scheme: "rsp",
    change: withHeader("Signature", (s) => (s.startsWith("0") ? "1" : "0") + s.slice(1)),
    want: failure("bad-signature", "Signature"),
  },
  {
    name: "a truncated signature",
    scheme: "rsp",
    change: withHeader("Signature", (s) => s.slice(0, 63)),
    want: failure("bad-signature", "Signature"),
  },
  {
    name: "an unknown AccessKey",
    scheme: "rsp",
    change: withHeader("AccessKey", "ffffffffffffffffffffffffffffffff"),
    want: failure("unknown-key", "AccessKey"),
  },
  {
    name: "no AccessKey",
    scheme: "rsp",
    change: without("AccessKey"),
    want: failure("missing-header", "AccessKey"),
  },
  {
    name: "no Timestamp",
    scheme: "rsp",
    change: without("Timestamp"),
    want: failure("missing-header", "Timestamp"),
  },
  {
    name: "no RequestID",
    scheme: "rsp",
    change: without("RequestID"),
    want: failure("missing-header", "RequestID"),
  },
  {
    name: "no Signature",
    scheme: "rsp",
    change: without("Signature"),
    want: failure("missing-header", "Signature"),
  },
  {
    name: "an empty Signature",
    scheme: "rsp",
    change: withHeader("Signature", ""),
    want: failure("missing-header", "Signature"),
  },
  {
    name: "a timestamp in seconds with a decimal point",
    scheme: "rsp",
    change: withHeader("Timestamp", "1763798400.0"),
    want: failure("malformed-header", "Timestamp"),
  },
  {
    name: "a request id that is not a UUID",
    scheme: "rsp",
    change: withHeader("RequestID", "req-1"),
    want: failure("malformed-header", "RequestID"),
  },
  {
    name: "a repeated Signature header",
    scheme: "rsp",
    change: withHeader("Signature", ["a", "b"]),
    want: failure("malformed-header", "Signature"),
  },
  // Order: the key is checked before freshness, freshness before the signature.
  {
    name: "an unknown key with a stale timestamp",
    scheme: "rsp",
    timestamp: now - 60 * minute,
    change: withHeader("AccessKey", "nobody"),
    want: failure("unknown-key", "AccessKey"),
  },
  {
    name: "a stale timestamp with a bad signature",
    scheme: "rsp",
    timestamp: now - 60 * minute,
    change: withHeader("Signature", "00"),
    want: failure("stale-timestamp", "Timestamp"),
  },
];

const appendixCases: Case[] = [
  { name: "an untouched request", scheme: "appendix", want: ok("appendix") },
  {
    name: "an upper-case signature",
    scheme: "appendix",
    change: withHeader("signature", (s) => s.toUpperCase()),
    want: ok("appendix"),
  },
  {
    name: "no authorization token (not signed)",
    scheme: "appendix",
    change: without("authorization"),
    want: ok("appendix"),
  },
  {
    name: "no sign-method",
    scheme: "appendix",
    change: without("sign-method"),
    want: ok("appendix"),
  },
  {
    name: "a timestamp 11 minutes old",
    scheme: "appendix",
    timestamp: now - 11 * minute,
    want: failure("stale-timestamp", "timestamp"),
  },
  {
    name: "a timestamp 11 minutes ahead",
    scheme: "appendix",
    timestamp: now + 11 * minute,
    want: failure("stale-timestamp", "timestamp"),
  },
  {
    name: "a body byte changed",
    scheme: "appendix",
    change: (r) => ({ ...r, body: flipLastByte(r.body) }),
    want: failure("bad-signature", "signature"),
  },
  {
    name: "the timestamp changed by 1 ms",
    scheme: "appendix",
    change: withHeader("timestamp", String(now + 1)),
    want: failure("bad-signature", "signature"),
  },
  {
    name: "the request id changed",
    scheme: "appendix",
    change: withHeader("request-id", "1b7e5a3c-3f0e-4c1a-9d2b-6a8f1e2d3c4b"),
    want: failure("bad-signature", "signature"),
  },
  {
    name: "an unknown public-key",
    scheme: "appendix",
    change: withHeader("public-key", "ffffffffffffffffffffffffffffffff"),
    want: failure("unknown-key", "public-key"),
  },
  {
    name: "no public-key",
    scheme: "appendix",
    change: without("public-key"),
    want: failure("missing-header", "public-key"),
  },
  {
    name: "no timestamp",
    scheme: "appendix",
    change: without("timestamp"),
    want: failure("missing-header", "timestamp"),
  },
  {
    name: "no request-id",
    scheme: "appendix",
    change: without("request-id"),
    want: failure("missing-header", "request-id"),
  },
  {
    name: "no signature",
    scheme: "appendix",
    change: without("signature"),
    want: failure("missing-header", "signature"),
  },
  {
    name: "another sign-method",
    scheme: "appendix",
    change: withHeader("sign-method", "HMAC-SHA1"),
    want: failure("malformed-header", "sign-method"),
  },
  {
    name: "RSP header names instead of its own",
    scheme: "appendix",
    change: (r) => ({
      ...r,
      headers: {
        AccessKey: String(r.headers["public-key"]),
        Timestamp: String(now),
        RequestID: requestId,
        Signature: String(r.headers.signature),
      },
    }),
    want: failure("missing-header", "public-key"),
  },
];

/** An in-memory seen-id store, as the sandbox keeps one; `seen` lets a test look inside. */
function seenIdStore(seen: string[] = []) {
  return async (id: string): Promise<boolean> => {
    if (seen.includes(id)) return true;
    seen.push(id);
    return false;
  };
}

function verifyInput(
  scheme: SigningScheme,
  request: Signed,
  extra: Partial<VerifySignedRequestInput> = {},
): VerifySignedRequestInput {
  return {
    scheme,
    headers: request.headers as HeaderSource,
    body: request.body,
    secretForKey: async (key) => secrets[key],
    now: () => now,
    ...extra,
  };
}

describe("verifySignedRequest", () => {
  const table = [...rspCases, ...appendixCases].map((c) => ({
    ...c,
    verdict: c.want.ok ? "ok" : c.want.reason,
  }));
  it.each(table)(
    "answers $verdict for $scheme: $name",
    async ({ scheme, timestamp, change, want }) => {
      const request = (change ?? ((r: Signed) => r))(await signed(scheme, timestamp));
      const seen = vi.fn(() => false);
      const result = await verifySignedRequestWith(
        verifyInput(scheme, request, { requestIdSeen: seen }),
        nodeHmacSha256,
      );
      expect(result).toEqual(want);
      // The seen-id store hears only about requests with a valid signature.
      expect(seen).toHaveBeenCalledTimes(result.ok ? 1 : 0);
    },
  );

  it.each(["rsp", "appendix"] as const)("refuses a reused request id for %s", async (scheme) => {
    const requestIdSeen = seenIdStore();
    const request = await signed(scheme);
    const input = verifyInput(scheme, request, { requestIdSeen });
    await expect(verifySignedRequestWith(input, nodeHmacSha256)).resolves.toMatchObject({
      ok: true,
    });
    await expect(verifySignedRequestWith(input, nodeHmacSha256)).resolves.toEqual(
      failure("replayed-request-id", scheme === "rsp" ? "RequestID" : "request-id"),
    );
  });

  it("hands the seen-id store the canonical id, so a re-spelled id is still a replay", async () => {
    const ids: string[] = [];
    const upper = requestId.toUpperCase().replaceAll("-", "");
    const key = keyOf.rsp;
    const headers = await signRequestWith(
      { scheme: "rsp", key, secret: secrets[key] ?? "", timestamp: now, requestId: upper, body },
      nodeHmacSha256,
    );
    const result = await verifySignedRequestWith(
      verifyInput("rsp", { headers, body }, { requestIdSeen: seenIdStore(ids) }),
      nodeHmacSha256,
    );
    expect(result).toEqual({ ok: true, key, requestId: upper, timestamp: now });
    expect(ids).toEqual([requestId]);
  });

  it("does not record the id of a request whose signature fails", async () => {
    const requestIdSeen = seenIdStore();
    const forged = withHeader("Signature", "0".repeat(64))(await signed("rsp"));
    await verifySignedRequestWith(verifyInput("rsp", forged, { requestIdSeen }), nodeHmacSha256);
    const genuine = await signed("rsp");
    await expect(
      verifySignedRequestWith(verifyInput("rsp", genuine, { requestIdSeen }), nodeHmacSha256),
    ).resolves.toMatchObject({ ok: true });
  });

  it("reads a Fetch Headers object", async () => {
    const request = await signed("appendix");
    const headers = new Headers(request.headers as Record<string, string>);
    await expect(
      verifySignedRequestWith({ ...verifyInput("appendix", request), headers }, nodeHmacSha256),
    ).resolves.toEqual(ok("appendix"));
  });

  it("honours a custom tolerance in both directions", async () => {
    for (const offset of [-2 * minute, 2 * minute]) {
      const request = await signed("rsp", now + offset);
      const input = verifyInput("rsp", request, { toleranceMs: minute });
      await expect(verifySignedRequestWith(input, nodeHmacSha256)).resolves.toEqual(
        failure("stale-timestamp", "Timestamp"),
      );
    }
  });

  it("rejects with the store's own error when the secret lookup fails", async () => {
    const request = await signed("rsp");
    const broken = new Error("store down");
    const input = verifyInput("rsp", request, { secretForKey: () => Promise.reject(broken) });
    await expect(verifySignedRequestWith(input, nodeHmacSha256)).rejects.toBe(broken);
  });

  it("refuses to run with an unknown scheme", async () => {
    const request = await signed("rsp");
    const input = {
      ...verifyInput("rsp", request),
      scheme: "sigv4",
    } as unknown as VerifySignedRequestInput;
    await expect(verifySignedRequestWith(input, nodeHmacSha256)).rejects.toMatchObject({
      field: "scheme",
    });
  });

  it("treats an empty secret from the store as an unknown key", async () => {
    const request = await signed("rsp");
    const input = verifyInput("rsp", request, { secretForKey: () => "" });
    await expect(verifySignedRequestWith(input, nodeHmacSha256)).resolves.toEqual(
      failure("unknown-key", "AccessKey"),
    );
  });

  it("gives the same verdicts on the Web Crypto path", async () => {
    const webCrypto = createWebCryptoHmacSha256();
    for (const { scheme, timestamp, change, want } of [...rspCases, ...appendixCases]) {
      const request = (change ?? ((r: Signed) => r))(await signed(scheme, timestamp));
      await expect(
        verifySignedRequestWith(verifyInput(scheme, request), webCrypto),
      ).resolves.toEqual(want);
    }
  });

  it("never returns the secret or the expected signature", async () => {
    const request = await signed("rsp");
    const expected = String(request.headers.Signature);
    const tampered = withHeader("Signature", "0".repeat(64))(request);
    const result = await verifySignedRequestWith(verifyInput("rsp", tampered), nodeHmacSha256);
    const text = JSON.stringify(result);
    expect(text).not.toContain(expected.toLowerCase());
    expect(text.toLowerCase()).not.toContain(expected.toLowerCase());
    expect(text).not.toContain(secrets[keyOf.rsp]);
  });
});
