// Per-attempt hooks over loopback HTTP: they see every attempt of a call, retries included,
// after signing and in order, exactly as the server receives it; they cannot change what is
// signed; and a failing hook ends a call only where that hides nothing.
import { verifySignedRequest } from "@simlessly/signing";
import { afterEach, describe, expect, it } from "vitest";
import { createCmpClient } from "../src/clients/cmp-client.ts";
import { createRspClient, type RspClientOptions } from "../src/clients/rsp-client.ts";
import type {
  AttemptAnswer,
  AttemptRequest,
  AttemptRetry,
} from "../src/transport/attempt-hooks.ts";
import { createCaptureLogger } from "./support/capture-logger.ts";
import { closedPort, localServers, requestIdOf, rspSuccess } from "./support/local-server.ts";

const accessKey = "c934e1de7e2153366539c1c03b2bce09";
const secretKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const batch = {
  configName: "templateRegular01",
  metaDatas: [
    {
      iccid: "89860468152080000001",
      imsi: "460048860000001",
      ki: "6BE2053E8580B135CD43443300000001",
      opc: "85304194B0D2A2F92847F15900000001",
    },
  ],
};
const batchInfo = {
  batchTaskInfo: {
    batchCode: "B1",
    taskType: "GENERATE AC",
    status: "COMPLETE",
    total: 1,
    succeedNum: 1,
    failedNum: 0,
    createTime: "2022/08/30 11:00:23",
  },
};

const servers = localServers();
afterEach(() => servers.closeAll());

type Seen =
  | { readonly hook: "beforeAttempt"; readonly value: AttemptRequest }
  | { readonly hook: "afterAttempt"; readonly value: AttemptAnswer }
  | { readonly hook: "beforeRetry"; readonly value: AttemptRetry };

/** Hooks that record what they see, in order. */
function recordingHooks() {
  const seen: Seen[] = [];
  return {
    seen,
    hooks: {
      beforeAttempt: (value: AttemptRequest) => void seen.push({ hook: "beforeAttempt", value }),
      afterAttempt: (value: AttemptAnswer) => void seen.push({ hook: "afterAttempt", value }),
      beforeRetry: (value: AttemptRetry) => void seen.push({ hook: "beforeRetry", value }),
    },
  };
}

function rsp(url: string, options: Partial<RspClientOptions> = {}) {
  return createRspClient({
    baseUrl: url,
    accessKey,
    secretKey,
    ...options,
    retry: { baseDelayMs: 5, random: () => 0, ...options.retry },
  });
}

async function signatureOf(attempt: AttemptRequest) {
  return verifySignedRequest({
    scheme: "rsp",
    headers: attempt.headers,
    body: attempt.body,
    secretForKey: (key) => (key === accessKey ? secretKey : undefined),
  });
}

describe("attempt hooks", () => {
  it("see every attempt of a retried read after signing, in order, as the server got it", async () => {
    const server = await servers.serve([
      { status: 429, headers: { "retry-after": "0" }, json: {} },
      { status: 503, text: "busy" },
      rspSuccess(batchInfo),
    ]);
    const { seen, hooks } = recordingHooks();
    const client = rsp(server.url, { hooks });

    await expect(client.getBatchInfo({ batchCode: "B1" })).resolves.toEqual(batchInfo);

    expect(seen.map(({ hook, value }) => `${hook} ${value.attempt}`)).toEqual([
      "beforeAttempt 1",
      "afterAttempt 1",
      "beforeRetry 1",
      "beforeAttempt 2",
      "afterAttempt 2",
      "beforeRetry 2",
      "beforeAttempt 3",
      "afterAttempt 3",
    ]);
    const requests = seen.flatMap((entry) => (entry.hook === "beforeAttempt" ? [entry.value] : []));
    expect(requests).toHaveLength(server.requests.length);
    for (const [index, attempt] of requests.entries()) {
      const received = server.requests[index];
      expect(attempt).toMatchObject({
        operationId: "getBatchInfo",
        method: "POST",
        url: `${server.url}/api/v1/batch/info`,
        requestId: received && requestIdOf(received),
      });
      // Signed: the signature header is there and valid for the bytes the hook saw, which
      // are the bytes the server received.
      expect(attempt.headers.Signature).toMatch(/^[0-9A-F]{64}$/);
      expect((await signatureOf(attempt)).ok).toBe(true);
      expect(Buffer.from(attempt.body ?? [])).toEqual(received?.body);
      expect(Object.isFrozen(attempt.headers)).toBe(true);
    }
    expect(new Set(requests.map((attempt) => attempt.requestId)).size).toBe(3);
    const answers = seen.flatMap((entry) => (entry.hook === "afterAttempt" ? [entry.value] : []));
    expect(answers.map(({ status, failure }) => [status, failure])).toEqual([
      [429, null],
      [503, null],
      [200, null],
    ]);
    expect(answers[0]?.headers["retry-after"]).toBe("0");
    expect(answers.every(({ elapsedMs }) => elapsedMs >= 0)).toBe(true);
    const retries = seen.flatMap((entry) => (entry.hook === "beforeRetry" ? [entry.value] : []));
    expect(retries).toEqual([
      {
        operationId: "getBatchInfo",
        attempt: 1,
        requestId: requests[0]?.requestId,
        reason: 429,
        delayMs: 0,
      },
      {
        operationId: "getBatchInfo",
        attempt: 2,
        requestId: requests[1]?.requestId,
        reason: 503,
        delayMs: 0,
      },
    ]);
  });

  it("see attempts that bring no answer, and why", async () => {
    const port = await closedPort();
    const { seen, hooks } = recordingHooks();
    const client = rsp(`http://127.0.0.1:${port}`, { hooks, retry: { maxAttempts: 2 } });

    await expect(client.generateAcByBatch(batch)).rejects.toMatchObject({ sent: false });

    expect(seen.map(({ hook }) => hook)).toEqual([
      "beforeAttempt",
      "afterAttempt",
      "beforeRetry",
      "beforeAttempt",
      "afterAttempt",
    ]);
    expect(seen[1]?.value).toMatchObject({ status: null, failure: "not-sent", headers: {} });
    expect(seen[2]?.value).toMatchObject({ reason: "not-sent" });
  });

  it("see a read that timed out", async () => {
    const server = await servers.serve([{ hang: true }]);
    const { seen, hooks } = recordingHooks();
    const client = rsp(server.url, { hooks, timeoutMs: 50, retry: { maxAttempts: 1 } });

    await expect(client.getBatchInfo({ batchCode: "B1" })).rejects.toMatchObject({
      scope: "attempt",
    });
    expect(seen[1]?.value).toMatchObject({ status: null, failure: "timeout" });
  });

  it("see calls through raw, identified by their operation", async () => {
    const server = await servers.serve([rspSuccess({ batchCode: "B1" })]);
    const { seen, hooks } = recordingHooks();
    const client = rsp(server.url, { hooks });

    await client.raw.POST("/api/v1/ac/generateByBatch", { body: batch });

    expect(seen.map(({ hook }) => hook)).toEqual(["beforeAttempt", "afterAttempt"]);
    const attempt = seen[0]?.value as AttemptRequest;
    expect(attempt.operationId).toBe("generateAcByBatch");
    expect((await signatureOf(attempt)).ok).toBe(true);
    expect(Buffer.from(attempt.body ?? [])).toEqual(server.requests[0]?.body);
  });

  it("see a CMP call sent again after its token was refused", async () => {
    const token = { token: "token-1", tokenType: "Bearer", expireIn: 3600 };
    const server = await servers.serve([
      { json: token },
      { status: 401, json: {} },
      { json: { ...token, token: "token-2" } },
      { json: { deviceList: [] } },
    ]);
    const { seen, hooks } = recordingHooks();
    const client = createCmpClient({
      baseUrl: server.url,
      clientId: "id",
      clientSecret: "cs",
      hooks,
    });

    await client.getDeviceSimsDetail({ iccidList: ["89860468152080349618"] });

    const lines = seen.map(({ hook, value }) => `${value.operationId} ${hook} ${value.attempt}`);
    expect(lines).toEqual([
      "getAccessToken beforeAttempt 1",
      "getAccessToken afterAttempt 1",
      "getDeviceSimsDetail beforeAttempt 1",
      "getDeviceSimsDetail afterAttempt 1",
      "getDeviceSimsDetail beforeRetry 1",
      "getAccessToken beforeAttempt 1",
      "getAccessToken afterAttempt 1",
      "getDeviceSimsDetail beforeAttempt 2",
      "getDeviceSimsDetail afterAttempt 2",
    ]);
    expect(seen[4]?.value).toMatchObject({ reason: 401, delayMs: 0 });
    expect(seen[7]?.value).toMatchObject({ headers: { Authorization: "Bearer token-2" } });
  });

  it("cannot change the signed request", async () => {
    const server = await servers.serve([rspSuccess({ batchCode: "B1" })]);
    const client = rsp(server.url, {
      hooks: {
        beforeAttempt(attempt) {
          // A copy: zeroing it changes nothing sent.
          attempt.body?.fill(0);
        },
      },
    });
    await client.generateAcByBatch(batch);
    expect(JSON.parse(server.requests[0]?.body.toString() ?? "")).toEqual(batch);

    const changing = rsp(server.url, {
      hooks: {
        beforeAttempt(attempt) {
          (attempt.headers as Record<string, string>)["x-added"] = "unsigned";
        },
      },
    });
    // The headers are frozen: the hook's error ends the call before anything is sent.
    await expect(changing.generateAcByBatch(batch)).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(1);
  });

  it("end a call with the error of beforeAttempt or beforeRetry, before sending more", async () => {
    const server = await servers.serve([{ status: 503 }, rspSuccess(batchInfo)]);
    const stop = new Error("stopped by a hook");
    const before = rsp(server.url, {
      hooks: {
        beforeAttempt() {
          throw stop;
        },
      },
    });
    await expect(before.getBatchInfo({ batchCode: "B1" })).rejects.toBe(stop);
    expect(server.requests).toHaveLength(0);

    const retry = rsp(server.url, {
      hooks: {
        beforeRetry() {
          throw stop;
        },
      },
    });
    await expect(retry.getBatchInfo({ batchCode: "B1" })).rejects.toBe(stop);
    expect(server.requests).toHaveLength(1);
  });

  it("log an error of afterAttempt and keep the answer of a call that changed state", async () => {
    const server = await servers.serve([rspSuccess({ batchCode: "B1" })]);
    const logger = createCaptureLogger();
    const client = rsp(server.url, {
      logger,
      hooks: {
        afterAttempt() {
          throw new Error("hook broke");
        },
      },
    });

    await expect(client.generateAcByBatch(batch)).resolves.toEqual({ batchCode: "B1" });
    expect(logger.entries).toContainEqual({
      level: "error",
      message: "simlessly afterAttempt hook failed",
      details: { operationId: "generateAcByBatch", attempt: 1, error: "hook broke" },
    });
  });
});
