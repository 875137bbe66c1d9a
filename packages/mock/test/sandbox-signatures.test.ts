// The sandbox checks signatures like the real service. A request signed by an independent
// implementation (node:crypto createHmac for the RSP scheme, the openssl command line for the
// appendix scheme of eIM and of RSP) passes; every tampered variant is refused with its own
// code, and a refused request changes nothing.
import { execFileSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";
import { simRecord } from "./sandbox-fixtures.ts";

const S = 2;
const listConfigsPath = "/api/v1/config/list";
const listConfigsBody = JSON.stringify({ pageParam: { pageNum: 1, pageSize: 10 } });

async function postRaw(
  url: string,
  headers: Record<string, string>,
  body: string | Uint8Array,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** RSP headers computed with node:crypto directly, not with the signing package. */
function rspHeaders(
  key: string,
  secret: string,
  body: string,
  overrides: { timestamp?: string; requestId?: string } = {},
): Record<string, string> {
  const timestamp = overrides.timestamp ?? String(Date.now());
  const requestId = overrides.requestId ?? randomUUID();
  const signature = createHmac("sha256", secret)
    .update(timestamp + requestId + key + body, "utf8")
    .digest("hex")
    .toUpperCase();
  return { AccessKey: key, Timestamp: timestamp, RequestID: requestId, Signature: signature };
}

/** What a test may set of an appendix-signed request instead of the right values. */
interface AppendixOverrides {
  readonly ackey?: string;
  readonly timestamp?: string;
  readonly requestId?: string;
  readonly token?: string | undefined;
}

/**
 * Appendix 1 headers with the HMAC computed by the openssl command line, not by the signing
 * package: HMAC-SHA256 over public-key + timestamp + request-id + body, keyed with the ackey.
 */
function opensslAppendixHeaders(
  publicKey: string,
  ackey: string,
  body: string,
  overrides: AppendixOverrides = {},
): Record<string, string> {
  const timestamp = overrides.timestamp ?? String(Date.now());
  const requestId = overrides.requestId ?? randomUUID();
  const output = execFileSync(
    "openssl",
    ["dgst", "-sha256", "-hmac", overrides.ackey ?? ackey, "-hex"],
    { input: publicKey + timestamp + requestId + body },
  ).toString("utf8");
  const signature = output.trim().split(/\s+/).pop() ?? "";
  return {
    signature,
    "public-key": publicKey,
    "request-id": requestId,
    version: "1.0",
    "sign-method": "HMAC-SHA256",
    timestamp,
    ...(overrides.token === undefined ? {} : { authorization: overrides.token }),
  };
}

const minutes = 60_000;

describe("signature checks of the sandbox", () => {
  let sandbox: Sandbox;
  let key: string;
  let secret: string;

  beforeAll(async () => {
    sandbox = await createSandbox({ batchDelayMs: 0, env: {} });
    key = sandbox.credentials.rsp.accessKey;
    secret = sandbox.credentials.rsp.secretKey;
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  const send = (headers: Record<string, string>, body: string | Uint8Array = listConfigsBody) =>
    postRaw(`${sandbox.url}${listConfigsPath}`, headers, body);

  it("accepts an RSP request signed with createHmac, in upper or lower case", async () => {
    const upper = await send(rspHeaders(key, secret, listConfigsBody));
    expect(upper.body).toMatchObject({ success: true, code: "00000" });
    const headers = rspHeaders(key, secret, listConfigsBody);
    const lower = await send({ ...headers, Signature: (headers.Signature ?? "").toLowerCase() });
    expect(lower.body).toMatchObject({ success: true });
  });

  it("accepts a RequestID of 32 hex digits, as in the RSP demo", async () => {
    const result = await send(
      rspHeaders(key, secret, listConfigsBody, { requestId: randomUUID().replaceAll("-", "") }),
    );
    expect(result.body).toMatchObject({ success: true });
  });

  const tampered: {
    name: string;
    build: (key: string, secret: string) => { headers: Record<string, string>; body?: string };
    code: string;
  }[] = [
    {
      name: "a body byte changed after signing",
      build: (k, s) => ({
        headers: rspHeaders(k, s, listConfigsBody),
        body: listConfigsBody.replace("10", "11"),
      }),
      code: "AUTH_BAD_SIGNATURE",
    },
    {
      name: "the Timestamp header changed after signing",
      build: (k, s) => {
        const headers = rspHeaders(k, s, listConfigsBody);
        return { headers: { ...headers, Timestamp: String(Number(headers.Timestamp) - 1) } };
      },
      code: "AUTH_BAD_SIGNATURE",
    },
    {
      name: "the RequestID header changed after signing",
      build: (k, s) => ({
        headers: { ...rspHeaders(k, s, listConfigsBody), RequestID: randomUUID() },
      }),
      code: "AUTH_BAD_SIGNATURE",
    },
    {
      name: "the Signature header changed",
      build: (k, s) => {
        const headers = rspHeaders(k, s, listConfigsBody);
        const signature = headers.Signature ?? "";
        return {
          headers: {
            ...headers,
            Signature: `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`,
          },
        };
      },
      code: "AUTH_BAD_SIGNATURE",
    },
    {
      name: "the AccessKey header changed after signing",
      build: (k, s) => ({ headers: { ...rspHeaders(k, s, listConfigsBody), AccessKey: `${k}x` } }),
      code: "AUTH_UNKNOWN_KEY",
    },
    {
      name: "an unknown AccessKey signing with its own secret",
      build: () => ({ headers: rspHeaders("someoneelse", "their-secret", listConfigsBody) }),
      code: "AUTH_UNKNOWN_KEY",
    },
    {
      name: "the right AccessKey with the wrong secret",
      build: (k) => ({ headers: rspHeaders(k, "not-the-secret", listConfigsBody) }),
      code: "AUTH_BAD_SIGNATURE",
    },
    {
      name: "a timestamp eleven minutes old",
      build: (k, s) => ({
        headers: rspHeaders(k, s, listConfigsBody, {
          timestamp: String(Date.now() - 11 * minutes),
        }),
      }),
      code: "AUTH_STALE_TIMESTAMP",
    },
    {
      name: "a timestamp eleven minutes ahead",
      build: (k, s) => ({
        headers: rspHeaders(k, s, listConfigsBody, {
          timestamp: String(Date.now() + 11 * minutes),
        }),
      }),
      code: "AUTH_STALE_TIMESTAMP",
    },
    {
      name: "a timestamp that is not a number",
      build: (k, s) => ({ headers: rspHeaders(k, s, listConfigsBody, { timestamp: "yesterday" }) }),
      code: "AUTH_MALFORMED_HEADER",
    },
    {
      name: "a RequestID that is not a UUID",
      build: (k, s) => ({ headers: rspHeaders(k, s, listConfigsBody, { requestId: "request-1" }) }),
      code: "AUTH_MALFORMED_HEADER",
    },
    ...(["AccessKey", "Timestamp", "RequestID", "Signature"] as const).map((header) => ({
      name: `no ${header} header`,
      build: (k: string, s: string) => {
        const { [header]: _dropped, ...rest } = rspHeaders(k, s, listConfigsBody);
        return { headers: rest };
      },
      code: "AUTH_MISSING_HEADER",
    })),
  ];

  it.each(tampered)("refuses $name with $code", async ({ build, code }) => {
    const { headers, body } = build(key, secret);
    const result = await send(headers, body);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ success: false, code, obj: null });
    expect(String(result.body.msg)).not.toContain(secret);
  });

  it("refuses a reused RequestID, also when re-spelled, and accepts a fresh one", async () => {
    const requestId = randomUUID();
    const first = await send(rspHeaders(key, secret, listConfigsBody, { requestId }));
    expect(first.body).toMatchObject({ success: true });
    const again = await send(rspHeaders(key, secret, listConfigsBody, { requestId }));
    expect(again.body).toMatchObject({ success: false, code: "AUTH_REPLAYED_REQUEST_ID" });
    const respelled = requestId.replaceAll("-", "").toUpperCase();
    const third = await send(rspHeaders(key, secret, listConfigsBody, { requestId: respelled }));
    expect(third.body).toMatchObject({ success: false, code: "AUTH_REPLAYED_REQUEST_ID" });
    expect((await send(rspHeaders(key, secret, listConfigsBody))).body).toMatchObject({
      success: true,
    });
  });

  it("changes nothing for a refused request", async () => {
    const body = JSON.stringify({ configName: "templateRegular01", ...simRecord(S, 1) });
    const refused = await postRaw(
      `${sandbox.url}/api/v1/ac/generate`,
      rspHeaders(key, "wrong", body),
      body,
    );
    expect(refused.body).toMatchObject({ code: "AUTH_BAD_SIGNATURE" });
    expect(sandbox.admin.profiles({ iccid: simRecord(S, 1).iccid }).total).toBe(0);
    const accepted = await postRaw(
      `${sandbox.url}/api/v1/ac/generate`,
      rspHeaders(key, secret, body),
      body,
    );
    expect(accepted.body).toMatchObject({ success: true });
    expect(sandbox.admin.profiles({ iccid: simRecord(S, 1).iccid }).profiles).toMatchObject([
      { submissions: 1 },
    ]);
  });

  describe("eIM (Appendix 1 scheme and token)", () => {
    const path = "/api/v1/open/esim/batch/info";
    const body = JSON.stringify({ batchId: 1 });
    const sendEim = (headers: Record<string, string>, payload: string = body) =>
      postRaw(`${sandbox.url}${path}`, headers, payload);
    const eim = () => sandbox.credentials.eim;

    it("accepts a request signed with openssl and carrying the token", async () => {
      const { publicKey, secretKey, token } = eim();
      const result = await sendEim(opensslAppendixHeaders(publicKey, secretKey, body, { token }));
      // Authenticated: the answer is about the (unknown) batch, not about the credentials.
      expect(result.body).toMatchObject({ success: false, status: 123009 });
    });

    const signed = (overrides: AppendixOverrides = {}) => {
      const { publicKey, secretKey, token } = eim();
      return opensslAppendixHeaders(publicKey, secretKey, body, { token, ...overrides });
    };
    const eimTampered: {
      name: string;
      build: () => { headers: Record<string, string>; body?: string };
      status: number;
    }[] = [
      {
        name: "a body byte changed after signing",
        build: () => ({ headers: signed(), body: body.replace("1", "2") }),
        status: 401005,
      },
      {
        name: "the timestamp changed after signing",
        build: () => {
          const headers = signed();
          return { headers: { ...headers, timestamp: String(Number(headers.timestamp) - 1) } };
        },
        status: 401005,
      },
      {
        name: "the request-id changed after signing",
        build: () => ({ headers: { ...signed(), "request-id": randomUUID() } }),
        status: 401005,
      },
      {
        name: "the signature changed",
        build: () => {
          const headers = signed();
          const signature = headers.signature ?? "";
          const last = signature.endsWith("0") ? "1" : "0";
          return { headers: { ...headers, signature: `${signature.slice(0, -1)}${last}` } };
        },
        status: 401005,
      },
      {
        name: "a wrong ackey",
        build: () => ({ headers: signed({ ackey: "not-the-ackey" }) }),
        status: 401005,
      },
      {
        name: "the public-key changed after signing",
        build: () => ({ headers: { ...signed(), "public-key": `${eim().publicKey}x` } }),
        status: 401003,
      },
      {
        name: "a timestamp eleven minutes old",
        build: () => ({ headers: signed({ timestamp: String(Date.now() - 11 * minutes) }) }),
        status: 401004,
      },
      {
        name: "a timestamp that is not a number",
        build: () => ({ headers: signed({ timestamp: "yesterday" }) }),
        status: 401002,
      },
      {
        name: "another sign-method",
        build: () => ({ headers: { ...signed(), "sign-method": "HMAC-SHA1" } }),
        status: 401002,
      },
      ...(["signature", "public-key", "request-id", "timestamp", "authorization"] as const).map(
        (header) => ({
          name: `no ${header} header`,
          build: () => {
            const { [header]: _dropped, ...rest } = signed();
            return { headers: rest };
          },
          status: 401001,
        }),
      ),
      {
        name: "a wrong token",
        build: () => ({ headers: signed({ token: "0123456789abcdef0123456789abcdef" }) }),
        status: 401007,
      },
    ];

    it.each(eimTampered)("refuses $name with status $status", async ({ build, status }) => {
      const { headers, body: payload } = build();
      const result = await sendEim(headers, payload);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ success: false, status });
      const { secretKey, token } = eim();
      expect(String(result.body.msg)).not.toContain(token);
      expect(String(result.body.msg)).not.toContain(secretKey);
    });

    it("refuses a reused request-id with status 401006", async () => {
      const requestId = randomUUID();
      expect((await sendEim(signed({ requestId }))).body).toMatchObject({ status: 123009 });
      expect((await sendEim(signed({ requestId }))).body).toMatchObject({ status: 401006 });
    });
  });
});

describe("RSP with the appendix scheme", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ rspScheme: "appendix", env: {} });
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  const send = (headers: Record<string, string>, body: string = listConfigsBody) =>
    postRaw(`${sandbox.url}${listConfigsPath}`, headers, body);
  const signed = (overrides: AppendixOverrides = {}) => {
    const { accessKey, secretKey } = sandbox.credentials.rsp;
    return opensslAppendixHeaders(accessKey, secretKey, listConfigsBody, overrides);
  };

  it("accepts RSP requests signed with openssl in the appendix scheme, and refuses rsp-signed ones", async () => {
    expect((await send(signed())).body).toMatchObject({ success: true, code: "00000" });
    const { accessKey, secretKey } = sandbox.credentials.rsp;
    expect((await send(rspHeaders(accessKey, secretKey, listConfigsBody))).body).toMatchObject({
      success: false,
      code: "AUTH_MISSING_HEADER",
    });
  });

  it.each([
    { name: "a body byte changed", change: () => ({ body: listConfigsBody.replace("10", "11") }) },
    {
      name: "the request-id changed",
      change: () => ({ headers: { ...signed(), "request-id": randomUUID() } }),
    },
    { name: "a wrong secret", change: () => ({ headers: signed({ ackey: "not-the-secret" }) }) },
  ])("refuses $name with AUTH_BAD_SIGNATURE", async ({ change }) => {
    const { headers = signed(), body } = change() as {
      headers?: Record<string, string>;
      body?: string;
    };
    expect((await send(headers, body)).body).toMatchObject({
      success: false,
      code: "AUTH_BAD_SIGNATURE",
    });
  });

  it("accepts the package's own appendix signer as well", async () => {
    const appendix = createTestClients({
      rspUrl: sandbox.url,
      eimUrl: sandbox.url,
      cmpUrl: sandbox.url,
      credentials: sandbox.credentials,
      rspScheme: "appendix",
    });
    const body = { pageParam: { pageNum: 1, pageSize: 10 } };
    expect((await appendix.rsp.call("listConfigs", body)).body).toMatchObject({ success: true });
  });
});
