import { createHmac, randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { isSimlesslyError } from "../errors/is-simlessly-error.ts";
import { createMemoryReplayStore, type ReplayStore } from "./replay-store.ts";
import { verifyWebhook } from "./verify-webhook.ts";
import {
  SimlesslyWebhookError,
  WebhookMalformedError,
  WebhookReplayError,
  WebhookSignatureError,
  WebhookStaleError,
} from "./webhook-errors.ts";
import { signaturesMatch } from "./webhook-scheme.ts";

const secretKey = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const activationCode = "LPA:1$rsp.sandbox.simlessly.test$0A1B2C3D4E5F60718293A4B5C6D7E8F9";
const body = JSON.stringify({ iccid: "89860468152080349618", activationCode, note: "é" });
const at = 1_804_420_800_000;
const now = () => at;

/** Signs as the sandbox does (packages/mock/src/sandbox/webhooks/webhooks.ts). */
function signed(overrides: Record<string, string | undefined> = {}, text = body) {
  const requestId = overrides["Request-ID"] ?? randomUUID();
  const timestamp = overrides.Timestamp ?? String(at);
  const headers: Record<string, string | undefined> = {
    "content-type": "application/json",
    "Access-Key": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
    "Sign-Method": "SHA256",
    Timestamp: timestamp,
    "Request-ID": requestId,
    Signature: createHmac("sha256", secretKey)
      .update(`${timestamp}${requestId}${text}`, "utf8")
      .digest("hex"),
    ...overrides,
  };
  return headers;
}

const verify = (headers: Record<string, string | undefined>, extra: object = {}) =>
  verifyWebhook({
    body: new TextEncoder().encode(body),
    headers,
    secretKey,
    now,
    replayStore: createMemoryReplayStore({ now }),
    ...extra,
  });

/** The error `promise` rejects with, checked to print no secret and no body. */
async function refusal(promise: Promise<unknown>): Promise<SimlesslyWebhookError> {
  const error = await promise.then(
    () => expect.fail("accepted"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SimlesslyWebhookError);
  expect(isSimlesslyError(error)).toBe(true);
  const printed = `${String(error)} ${JSON.stringify(error)} ${inspect(error)}`;
  for (const secret of [secretKey, activationCode, body, "0A1B2C3D4E5F"]) {
    expect(printed).not.toContain(secret);
  }
  return error as SimlesslyWebhookError;
}

describe("verifyWebhook", () => {
  it("accepts what the sandbox signs, from bytes, text, a record in any case or Headers", async () => {
    const headers = signed();
    await expect(verify(headers)).resolves.toMatchObject({
      requestId: headers["Request-ID"],
      timestamp: at,
      accessKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      scheme: "sandbox-hmac-sha256",
    });
    const lower = Object.fromEntries(
      Object.entries(signed()).map(([key, value]) => [key.toLowerCase(), value]),
    );
    await expect(verify(lower, { body })).resolves.toBeDefined();
    const fetchHeaders = new Headers(signed() as Record<string, string>);
    await expect(verify({}, { headers: fetchHeaders })).resolves.toBeDefined();
  });

  it("refuses a changed body", async () => {
    const error = await refusal(verify(signed(), { body: body.replace("é", "e") }));
    expect(error).toBeInstanceOf(WebhookSignatureError);
    expect(error.reason).toBe("signature-mismatch");
  });

  it("refuses a signature made with another secret", async () => {
    const error = await refusal(verify(signed(), { secretKey: `${secretKey}x` }));
    expect(error).toBeInstanceOf(WebhookSignatureError);
  });

  it("refuses a changed Timestamp or Request-ID, as both are signed", async () => {
    const headers = signed();
    await refusal(verify({ ...headers, Timestamp: String(at - 1) }));
    await refusal(verify({ ...headers, "Request-ID": randomUUID() }));
  });

  it.each([
    ["empty", ""],
    ["shorter", "abc"],
    ["longer", "a".repeat(200)],
    ["upper-case", undefined],
  ])("refuses a %s signature through the timing-safe comparison", async (_name, value) => {
    const headers = signed();
    const signature = value ?? String(headers.Signature).toUpperCase();
    const error = await refusal(verify({ ...headers, Signature: signature }));
    // An empty header counts as missing.
    expect(error.reason).toBe(value === "" ? "missing-header" : "signature-mismatch");
  });

  it("compares signatures of different lengths without throwing", () => {
    expect(signaturesMatch("ab", "abc")).toBe(false);
    expect(signaturesMatch("ab", "")).toBe(false);
    expect(signaturesMatch("ab", "ac")).toBe(false);
    expect(signaturesMatch("ab", "ab")).toBe(true);
  });

  it("refuses a stale timestamp and one in the future, beyond the tolerance", async () => {
    const old = await refusal(verify(signed({ Timestamp: String(at - 5 * 60_000 - 1) })));
    expect(old).toBeInstanceOf(WebhookStaleError);
    expect(old).toMatchObject({ reason: "too-old", ageMs: 300_001, toleranceMs: 300_000 });
    const future = await refusal(
      verify(signed({ Timestamp: String(at + 60_001) }), { toleranceMs: 60_000 }),
    );
    expect(future).toMatchObject({ reason: "in-future", ageMs: -60_001 });
    await expect(verify(signed({ Timestamp: String(at - 300_000) }))).resolves.toBeDefined();
  });

  it("refuses a replayed Request-ID, and forgets it after the window", async () => {
    let clock = at;
    const store = createMemoryReplayStore({ now: () => clock });
    const headers = signed();
    const options = { replayStore: store, now: () => clock };
    await expect(verify(headers, options)).resolves.toBeDefined();
    const error = await refusal(verify(headers, options));
    expect(error).toBeInstanceOf(WebhookReplayError);
    expect(error).toMatchObject({ reason: "replayed", requestId: headers["Request-ID"] });
    // Past the window the freshness check refuses it; the store has let the id go.
    clock = at + 300_001;
    expect(await store.seen(String(headers["Request-ID"]), clock + 1)).toBe(false);
  });

  it("records only authentic requests in the replay store, and awaits an async store", async () => {
    const ids: string[] = [];
    const store: ReplayStore = {
      seen: async (id) => {
        ids.push(id);
        return ids.indexOf(id) !== ids.length - 1;
      },
    };
    await refusal(verify(signed(), { secretKey: "other", replayStore: store }));
    expect(ids).toEqual([]);
    const headers = signed();
    await verify(headers, { replayStore: store });
    expect(await refusal(verify(headers, { replayStore: store }))).toBeInstanceOf(
      WebhookReplayError,
    );
  });

  it.each(["Timestamp", "Request-ID", "Signature"])(
    "refuses a webhook without %s",
    async (name) => {
      const error = await refusal(verify(signed({ [name]: undefined })));
      expect(error).toBeInstanceOf(WebhookMalformedError);
      expect(error).toMatchObject({ reason: "missing-header", field: name });
    },
  );

  it.each([
    ["Timestamp", "2027-03-07T00:00:00Z"],
    ["Sign-Method", "MD5"],
    ["Request-ID", "a\nb"],
  ])("refuses an unreadable %s", async (name, value) => {
    const error = await refusal(verify(signed({ [name]: value })));
    expect(error).toMatchObject({ reason: "invalid-header", field: name });
  });

  it("refuses a header sent twice, as which one was signed is unknowable", async () => {
    const headers = signed();
    const error = await refusal(verify({ ...headers, signature: "0".repeat(64) }));
    expect(error).toMatchObject({ reason: "invalid-header", field: "Signature" });
  });

  it("checks Access-Key when asked to", async () => {
    await expect(
      verify(signed(), { accessKey: "a1b2c3d4e5f60718293a4b5c6d7e8f90" }),
    ).resolves.toBeDefined();
    expect(await refusal(verify(signed(), { accessKey: "another" }))).toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it("uses another scheme when given one", async () => {
    const scheme = { name: "plain", signMethods: ["PLAIN"], sign: () => "expected" };
    const headers = {
      Timestamp: String(at),
      "Request-ID": randomUUID(),
      Signature: "expected",
      "Sign-Method": "plain",
    };
    await expect(verify(headers, { scheme })).resolves.toMatchObject({ scheme: "plain" });
    await refusal(verify({ ...headers, Signature: "other" }, { scheme }));
  });
});
