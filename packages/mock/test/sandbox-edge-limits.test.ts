// The HTTP edge reads a body only once the headers can no longer refuse the request: an
// upload without credentials is answered while its body is still on its way, a declared
// length over the limit is refused unread, and the bytes held at once across all requests are
// bounded by a shared budget. Uploads are written by hand so the tests decide how much of a
// body is on the wire when the answer comes.
import { createRequestSigner } from "@simlessly/signing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSandbox, type Sandbox, type SandboxOptions } from "../src/index.ts";
import { type RawUpload, startRawUpload, within } from "./raw-upload.ts";

const MiB = 1024 * 1024;
const listConfigsPath = "/api/v1/config/list";
const eimPath = "/api/v1/open/esim/batch/info";
const cmpPath = "/api/v1/external/device/sim/details";
/** How long a test waits for an answer before calling it missing; the body never comes. */
const guardMs = 5_000;

const running: Sandbox[] = [];
const uploads: RawUpload[] = [];
afterEach(async () => {
  for (const upload of uploads.splice(0)) upload.destroy();
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await createSandbox({ batchDelayMs: 0, env: {}, ...options });
  running.push(sandbox);
  return sandbox;
}

function upload(...args: Parameters<typeof startRawUpload>): RawUpload {
  const started = startRawUpload(...args);
  uploads.push(started);
  return started;
}

/** A listConfigs body padded with whitespace (still the same JSON) to exactly `bytes`. */
function paddedListConfigs(bytes: number): string {
  const json = JSON.stringify({ pageParam: { pageNum: 1, pageSize: 10 } });
  return json + " ".repeat(bytes - json.length);
}

function rspSigner(sandbox: Sandbox) {
  return createRequestSigner({
    scheme: "rsp",
    key: sandbox.credentials.rsp.accessKey,
    secret: sandbox.credentials.rsp.secretKey,
  });
}

async function rspHeaders(sandbox: Sandbox, body: string): Promise<Record<string, string>> {
  return { ...((await rspSigner(sandbox)(body)) as Record<string, string>) };
}

/** Headers that fail on their own, one case per product and kind of refusal. */
const refusedOnHeaders: {
  name: string;
  path: string;
  headers: (sandbox: Sandbox) => Promise<Record<string, string>>;
  status: number;
  body?: Record<string, unknown>;
}[] = [
  {
    name: "an RSP upload without signing headers",
    path: listConfigsPath,
    headers: async () => ({}),
    status: 200,
    body: { success: false, code: "AUTH_MISSING_HEADER" },
  },
  {
    name: "an RSP upload with an unknown AccessKey",
    path: listConfigsPath,
    headers: async (sandbox) => ({
      ...(await rspHeaders(sandbox, "{}")),
      AccessKey: "someoneelse",
    }),
    status: 200,
    body: { success: false, code: "AUTH_UNKNOWN_KEY" },
  },
  {
    name: "an RSP upload with a timestamp eleven minutes old",
    path: listConfigsPath,
    headers: async (sandbox) => ({
      ...(await rspHeaders(sandbox, "{}")),
      Timestamp: String(Date.now() - 11 * 60_000),
    }),
    status: 200,
    body: { success: false, code: "AUTH_STALE_TIMESTAMP" },
  },
  {
    name: "an eIM upload with a wrong token",
    path: eimPath,
    headers: async (sandbox) => {
      const sign = createRequestSigner({
        scheme: "appendix",
        key: sandbox.credentials.eim.publicKey,
        secret: sandbox.credentials.eim.secretKey,
        token: "0123456789abcdef0123456789abcdef",
      });
      return { ...((await sign("{}")) as Record<string, string>) };
    },
    status: 200,
    body: { success: false, status: 401007 },
  },
  {
    name: "a CMP upload without a bearer token",
    path: cmpPath,
    headers: async () => ({}),
    status: 401,
  },
];

describe("a request its headers refuse", () => {
  it.each(refusedOnHeaders)(
    "answers $name while most of a 7.6 MiB body is unsent, and closes the connection",
    async ({ path, headers, status, body }) => {
      const sandbox = await start();
      const declared = Math.floor(7.6 * MiB);
      const sending = upload({
        url: sandbox.url,
        path,
        headers: {
          ...(await headers(sandbox)),
          "content-type": "application/json",
          "content-length": String(declared),
        },
        firstBytes: Buffer.alloc(64 * 1024, 0x20),
      });
      const answer = await within(
        sending.answer,
        guardMs,
        "no answer while the body was unfinished",
      );
      expect(answer.status).toBe(status);
      if (body !== undefined) expect(answer.json).toMatchObject(body);
      expect(answer.headers.connection).toBe("close");
      expect(sending.sent).toBeLessThan(declared);
      await within(sending.closed, guardMs, "the sandbox kept the connection open");
      expect(sandbox.bufferedBodyBytes).toBe(0);
    },
  );

  it("answers an upload that expects 100-continue without inviting its body", async () => {
    const sandbox = await start();
    const sending = upload({
      url: sandbox.url,
      path: listConfigsPath,
      headers: { "content-length": String(MiB), expect: "100-continue" },
    });
    const answer = await within(sending.answer, guardMs, "no answer without the body");
    expect(answer.interim).toEqual([]);
    expect(answer.json).toMatchObject({ success: false, code: "AUTH_MISSING_HEADER" });
  });

  it("answers 413 to a Content-Length over the limit before any of the body is sent", async () => {
    const sandbox = await start({ maxBodyBytes: MiB });
    const sending = upload({
      url: sandbox.url,
      path: listConfigsPath,
      headers: {
        ...(await rspHeaders(sandbox, "{}")),
        "content-type": "application/json",
        "content-length": String(MiB + 1),
      },
    });
    const answer = await within(sending.answer, guardMs, "no answer without the body");
    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ success: false, code: "BODY_TOO_LARGE" });
    expect(answer.headers.connection).toBe("close");
    expect(sending.sent).toBe(0);
  });

  it("holds no body of 40 concurrent unauthenticated 7.6 MiB uploads", async () => {
    const sandbox = await start();
    const declared = Math.floor(7.6 * MiB);
    const sending = Array.from({ length: 40 }, () =>
      upload({
        url: sandbox.url,
        path: listConfigsPath,
        headers: { "content-type": "application/json", "content-length": String(declared) },
        firstBytes: Buffer.alloc(256 * 1024, 0x20),
      }),
    );
    const answers = await within(
      Promise.all(sending.map((one) => one.answer)),
      guardMs * 2,
      "not every upload was answered while its body was unfinished",
    );
    expect(sandbox.bufferedBodyBytes).toBe(0);
    for (const answer of answers) {
      expect(answer.json).toMatchObject({ success: false, code: "AUTH_MISSING_HEADER" });
    }
    for (const one of sending) expect(one.sent).toBeLessThan(declared);
    await within(Promise.all(sending.map((one) => one.closed)), guardMs, "connections left open");
  });
});

describe("the shared body budget", () => {
  it("answers 503 with Retry-After, unread, to a body it has no room for, and takes bodies again once room is back", async () => {
    const sandbox = await start({ maxBodyBytes: MiB, maxBufferedBodyBytes: 2 * MiB });
    const body = paddedListConfigs(MiB);
    const half = Buffer.from(body.slice(0, MiB / 2));
    const signedUpload = async () =>
      upload({
        url: sandbox.url,
        path: listConfigsPath,
        headers: {
          ...(await rspHeaders(sandbox, body)),
          "content-type": "application/json",
          "content-length": String(MiB),
        },
        firstBytes: half,
      });

    const first = await signedUpload();
    const second = await signedUpload();
    // Both declared lengths are reserved before their bodies are complete.
    await vi.waitFor(() => expect(sandbox.bufferedBodyBytes).toBe(2 * MiB), { timeout: guardMs });

    const third = await signedUpload();
    const refused = await within(third.answer, guardMs, "no answer to the third upload");
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("1");
    expect(refused.headers.connection).toBe("close");
    expect(refused.json).toMatchObject({ success: false, code: "SANDBOX_BUSY" });
    expect(third.sent).toBeLessThan(MiB);
    expect(sandbox.bufferedBodyBytes).toBe(2 * MiB);

    await first.send(body.slice(MiB / 2));
    expect((await within(first.answer, guardMs, "no answer to the first")).json).toMatchObject({
      success: true,
      code: "00000",
    });
    await vi.waitFor(() => expect(sandbox.bufferedBodyBytes).toBe(MiB), { timeout: guardMs });

    const fourth = await signedUpload();
    await fourth.send(body.slice(MiB / 2));
    expect((await within(fourth.answer, guardMs, "no answer to the fourth")).json).toMatchObject({
      success: true,
    });
    await second.send(body.slice(MiB / 2));
    expect((await within(second.answer, guardMs, "no answer to the second")).json).toMatchObject({
      success: true,
    });
    await vi.waitFor(() => expect(sandbox.bufferedBodyBytes).toBe(0), { timeout: guardMs });
  });

  it("reserves a chunked body as it arrives and answers 503 when the budget runs out", async () => {
    const sandbox = await start({ maxBodyBytes: MiB, maxBufferedBodyBytes: 1.5 * MiB });
    const body = paddedListConfigs(MiB);
    const holding = upload({
      url: sandbox.url,
      path: listConfigsPath,
      headers: {
        ...(await rspHeaders(sandbox, body)),
        "content-type": "application/json",
        "content-length": String(MiB),
      },
      firstBytes: body.slice(0, 1024),
    });
    await vi.waitFor(() => expect(sandbox.bufferedBodyBytes).toBe(MiB), { timeout: guardMs });

    const chunked = upload({
      url: sandbox.url,
      path: listConfigsPath,
      headers: {
        ...(await rspHeaders(sandbox, body)),
        "content-type": "application/json",
        "transfer-encoding": "chunked",
      },
    });
    const piece = 256 * 1024;
    for (let offset = 0; offset < 3 * piece; offset += piece) {
      await chunked.send(`${piece.toString(16)}\r\n${body.slice(offset, offset + piece)}\r\n`);
    }
    const refused = await within(chunked.answer, guardMs, "no answer to the chunked upload");
    expect(refused.status).toBe(503);
    expect(refused.json).toMatchObject({ code: "SANDBOX_BUSY" });
    await within(chunked.closed, guardMs, "the chunked upload's connection was left open");
    await vi.waitFor(() => expect(sandbox.bufferedBodyBytes).toBe(MiB), { timeout: guardMs });

    await holding.send(body.slice(1024));
    expect((await within(holding.answer, guardMs, "no answer")).json).toMatchObject({
      success: true,
    });
  });
});
