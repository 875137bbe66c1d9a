import { describe, expect, it } from "vitest";
import { nodeHmacSha256 } from "./node-hmac.ts";
import { type SignRequestInput, signRequestWith } from "./sign-request.ts";
import { SigningInputError } from "./signing-input-error.ts";

const rsp: SignRequestInput<"rsp"> = {
  scheme: "rsp",
  key: "11111",
  secret: "1111",
  timestamp: 1628670421,
  requestId: "4ce9d9cdac9e4e17b3a2c66c358c1ce2",
  body: '{"imsi":"326543826"}',
};
const appendix: SignRequestInput<"appendix"> = {
  scheme: "appendix",
  key: "33557c4f7ff14cbbb982660993f48a49",
  secret: "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49",
  timestamp: "1701764214225",
  requestId: "ddf4654b-fc9b-4d40-a914-964cff6cf379",
  token: "81db993c3bdb45ecb9ac3943a44878dd",
  body: '{"eid":"89049032123451234512345678901235"}',
};

describe("signRequest header sets", () => {
  it("returns exactly the four RSP headers with an upper-case signature", async () => {
    await expect(signRequestWith(rsp, nodeHmacSha256)).resolves.toEqual({
      AccessKey: "11111",
      Timestamp: "1628670421",
      RequestID: "4ce9d9cdac9e4e17b3a2c66c358c1ce2",
      Signature: "7EB765E27DF5373DEA2DBC8C41A7D9557743E46C8054750F3D851B3FD01D0835",
    });
  });

  it("returns the eight Appendix 1 headers with a lower-case signature", async () => {
    await expect(signRequestWith(appendix, nodeHmacSha256)).resolves.toEqual({
      signature: "cfc8a909dd0b2aa5c2140552bc22ed6810f5dfc91c9bbb1f050acca31000bcbd",
      "public-key": "33557c4f7ff14cbbb982660993f48a49",
      "request-id": "ddf4654b-fc9b-4d40-a914-964cff6cf379",
      version: "1.0",
      authorization: "81db993c3bdb45ecb9ac3943a44878dd",
      "sign-method": "HMAC-SHA256",
      "content-type": "application/json",
      timestamp: "1701764214225",
    });
  });

  it("leaves out authorization when the appendix scheme gets no token", async () => {
    const { token: _token, ...withoutToken } = appendix;
    const headers = await signRequestWith(withoutToken, nodeHmacSha256);
    expect(headers).not.toHaveProperty("authorization");
    expect(Object.keys(headers)).toHaveLength(7);
  });

  it("signs a numeric and a string timestamp alike", async () => {
    const fromNumber = await signRequestWith(rsp, nodeHmacSha256);
    const fromString = await signRequestWith({ ...rsp, timestamp: "1628670421" }, nodeHmacSha256);
    expect(fromString).toEqual(fromNumber);
  });

  it("signs a text body and its UTF-8 bytes alike", async () => {
    const body = '{"spn":"Café Ünïcode ✓"}';
    const fromText = await signRequestWith({ ...rsp, body }, nodeHmacSha256);
    const fromBytes = await signRequestWith(
      { ...rsp, body: new TextEncoder().encode(body) },
      nodeHmacSha256,
    );
    expect(fromBytes).toEqual(fromText);
  });

  it("uses the hmac given in the input over the default", async () => {
    const fixed = async () => new Uint8Array(32).fill(0xab);
    const headers = await signRequestWith({ ...rsp, hmac: fixed }, nodeHmacSha256);
    expect(headers.Signature).toBe("AB".repeat(32));
  });
});

describe("signRequest input checks", () => {
  const table: { name: string; input: Record<string, unknown>; field: string }[] = [
    { name: "an unknown scheme", input: { ...rsp, scheme: "sigv4" }, field: "scheme" },
    { name: "an empty key", input: { ...rsp, key: "" }, field: "key" },
    { name: "a key with a space", input: { ...rsp, key: "a b" }, field: "key" },
    { name: "a key with a line break", input: { ...rsp, key: "a\r\nX-Evil: 1" }, field: "key" },
    { name: "an empty secret", input: { ...rsp, secret: "" }, field: "secret" },
    { name: "a missing secret", input: { ...rsp, secret: undefined }, field: "secret" },
    { name: "a fractional timestamp", input: { ...rsp, timestamp: 1.5 }, field: "timestamp" },
    { name: "a negative timestamp", input: { ...rsp, timestamp: -1 }, field: "timestamp" },
    {
      name: "a non-decimal timestamp string",
      input: { ...rsp, timestamp: "1e12" },
      field: "timestamp",
    },
    { name: "an empty request id", input: { ...rsp, requestId: "" }, field: "requestId" },
    { name: "a token with the rsp scheme", input: { ...rsp, token: "t" }, field: "token" },
    {
      name: "an appendix token with a line break",
      input: { ...appendix, token: "a\nb" },
      field: "token",
    },
  ];
  it.each(table)("rejects $name naming the field $field", async ({ input, field }) => {
    const attempt = signRequestWith(input as unknown as SignRequestInput, nodeHmacSha256);
    await expect(attempt).rejects.toBeInstanceOf(SigningInputError);
    await expect(attempt).rejects.toMatchObject({ field });
  });

  it("never puts the secret into an error message", async () => {
    const secret = "super-secret-value";
    const error: unknown = await signRequestWith({ ...rsp, secret, key: "" }, nodeHmacSha256).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SigningInputError);
    expect(String(error)).not.toContain(secret);
  });
});
