import { describe, expect, it } from "vitest";
import { nodeHmacSha256 } from "./node-hmac.ts";
import { createRequestSignerWith } from "./request-signer.ts";
import { SigningInputError } from "./signing-input-error.ts";

const credentials = { scheme: "rsp", key: "11111", secret: "1111" } as const;

describe("createRequestSigner", () => {
  it("fills the timestamp and request id from the injected clock and id source", async () => {
    const sign = createRequestSignerWith(
      {
        ...credentials,
        now: () => 1628670421,
        requestId: () => "4ce9d9cdac9e4e17b3a2c66c358c1ce2",
      },
      nodeHmacSha256,
    );
    await expect(sign('{"imsi":"326543826"}')).resolves.toEqual({
      AccessKey: "11111",
      Timestamp: "1628670421",
      RequestID: "4ce9d9cdac9e4e17b3a2c66c358c1ce2",
      Signature: "7EB765E27DF5373DEA2DBC8C41A7D9557743E46C8054750F3D851B3FD01D0835",
    });
  });

  it("stamps every call afresh, so a retry never reuses a request id", async () => {
    let tick = 1_700_000_000_000;
    let id = 0;
    const sign = createRequestSignerWith(
      { ...credentials, now: () => tick++, requestId: () => `id-${id++}` },
      nodeHmacSha256,
    );
    const first = await sign("{}");
    const second = await sign("{}");
    expect([first.Timestamp, first.RequestID]).toEqual(["1700000000000", "id-0"]);
    expect([second.Timestamp, second.RequestID]).toEqual(["1700000000001", "id-1"]);
    expect(second.Signature).not.toBe(first.Signature);
  });

  it("defaults to Date.now and a dashed UUID v4", async () => {
    const before = Date.now();
    const headers = await createRequestSignerWith(credentials, nodeHmacSha256)();
    expect(Number(headers.Timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(headers.Timestamp)).toBeLessThanOrEqual(Date.now());
    expect(headers.RequestID).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("rejects unusable credentials when it is created", () => {
    expect(() => createRequestSignerWith({ ...credentials, secret: "" }, nodeHmacSha256)).toThrow(
      SigningInputError,
    );
  });
});
