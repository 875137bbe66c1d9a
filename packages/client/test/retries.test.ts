// Retries, timeouts and unknown outcomes against a local server that misbehaves on purpose.
// Read-only operations (x-read-only in the spec) are retried after 5xx, timeouts and lost
// connections; operations that change state never are once their bytes may have arrived.
import { afterEach, describe, expect, it } from "vitest";
import { createRspClient, type RspClientOptions } from "../src/clients/rsp-client.ts";
import { SimlesslyApiError } from "../src/errors/api-error.ts";
import { SimlesslyConnectionError } from "../src/errors/connection-error.ts";
import { SimlesslyInvalidResponseError } from "../src/errors/invalid-response-error.ts";
import { SimlesslyTimeoutError } from "../src/errors/timeout-error.ts";
import { SimlesslyUnknownOutcomeError } from "../src/errors/unknown-outcome-error.ts";
import { createRetryBudget } from "../src/transport/retry-budget.ts";
import { createCaptureLogger } from "./support/capture-logger.ts";
import {
  type Behaviour,
  closedPort,
  type LocalServer,
  localServers,
  requestIdOf,
  rspSuccess,
} from "./support/local-server.ts";

const iccids = ["89860468152080349618", "89860468152080349626"] as const;
const batch = {
  configName: "templateRegular01",
  metaDatas: iccids.map((iccid, index) => ({
    iccid,
    imsi: `46004886761961${index}`,
    ki: "6BE2053E8580B135CD43443380DB7111",
  })),
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
const serve = servers.serve;

function rsp(url: string, options: Partial<RspClientOptions> = {}) {
  return createRspClient({
    baseUrl: url,
    accessKey: "ak",
    secretKey: "secret-key-for-tests",
    ...options,
    retry: { baseDelayMs: 5, ...options.retry },
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("retries of read-only operations", () => {
  it("retries getBatchInfo after a 500 and resolves with a fresh request id", async () => {
    const server = await serve([{ status: 500, text: "boom" }, rspSuccess(batchInfo)]);
    await expect(rsp(server.url).getBatchInfo({ batchCode: "B1" })).resolves.toEqual(batchInfo);
    expect(server.requests).toHaveLength(2);
    expect(new Set(server.requests.map(requestIdOf)).size).toBe(2);
  });

  it("stops after maxAttempts and reports the last status", async () => {
    const server = await serve([{ status: 502 }, { status: 503 }, { status: 504 }, rspSuccess({})]);
    const error = await failure(rsp(server.url).getBatchInfo({ batchCode: "B1" }));
    expect(error).toBeInstanceOf(SimlesslyApiError);
    expect(error).toMatchObject({ httpStatus: 504, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("retries after a timeout and throws SimlesslyTimeoutError when every attempt times out", async () => {
    const server = await serve([{ hang: true }, { hang: true }]);
    const client = rsp(server.url, { timeoutMs: 150, retry: { maxAttempts: 2 } });
    const error = await failure(client.listConfigs({ pageParam: { pageNum: 1, pageSize: 10 } }));
    expect(error).toBeInstanceOf(SimlesslyTimeoutError);
    expect(error).toMatchObject({ scope: "attempt", timeoutMs: 150, attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it("retries when the socket is destroyed before the body is read", async () => {
    const server = await serve([
      { destroy: "before-body" },
      rspSuccess({ iccid: iccids[0], status: "Available" }),
    ]);
    await expect(rsp(server.url).getProfileDetail({ iccid: iccids[0] })).resolves.toMatchObject({
      status: "Available",
    });
    expect(server.requests).toHaveLength(2);
  });

  it("reports a lost connection as SimlesslyConnectionError once attempts run out", async () => {
    const server = await serve([{ destroy: "after-body" }, { destroy: "after-body" }]);
    const client = rsp(server.url, { retry: { maxAttempts: 2 } });
    const error = await failure(client.getProfileDetail({ iccid: iccids[0] }));
    expect(error).toBeInstanceOf(SimlesslyConnectionError);
    expect(error).toMatchObject({ sent: true, attempts: 2 });
  });

  it("ends at the total time limit even when attempts remain", async () => {
    const server = await serve([{ hang: true }, { hang: true }, { hang: true }]);
    const client = rsp(server.url, { timeoutMs: 10_000, totalTimeoutMs: 200 });
    const error = await failure(client.getBatchInfo({ batchCode: "B1" }));
    expect(error).toBeInstanceOf(SimlesslyTimeoutError);
    expect(error).toMatchObject({ scope: "total", attempts: 1 });
  });

  it("does not retry an unreadable answer", async () => {
    const server = await serve([{ text: "{not json" }, rspSuccess(batchInfo)]);
    const error = await failure(rsp(server.url).getBatchInfo({ batchCode: "B1" }));
    expect(error).toBeInstanceOf(SimlesslyInvalidResponseError);
    expect(error).toMatchObject({ reason: "not-json", httpStatus: 200 });
    expect(server.requests).toHaveLength(1);
  });

  it("stops retrying when the client's retry budget is spent", async () => {
    const server = await serve([
      { status: 500 },
      rspSuccess(batchInfo),
      { status: 500 },
      rspSuccess(batchInfo),
    ]);
    const budget = createRetryBudget({ capacity: 1, refillPerSuccess: 0 });
    const client = rsp(server.url, { retry: { budget } });
    await expect(client.getBatchInfo({ batchCode: "B1" })).resolves.toEqual(batchInfo);
    const error = await failure(client.getBatchInfo({ batchCode: "B1" }));
    expect(error).toMatchObject({ httpStatus: 500, attempts: 1 });
    expect(server.requests).toHaveLength(3);
  });
});

describe("calls that change state", () => {
  const unknownOutcome = async (behaviour: Behaviour, options: Partial<RspClientOptions> = {}) => {
    const server = await serve([behaviour, rspSuccess({ batchCode: "B2" })]);
    const error = await failure(rsp(server.url, options).generateAcByBatch(batch));
    expect(error).toBeInstanceOf(SimlesslyUnknownOutcomeError);
    expect(error).toMatchObject({ operationId: "generateAcByBatch", iccids, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    return error as SimlesslyUnknownOutcomeError;
  };

  it("are not re-sent after a 500: the outcome is unknown", async () => {
    const error = await unknownOutcome({ status: 500 });
    expect(error).toMatchObject({ reason: "server-error", httpStatus: 500 });
  });

  it("are not re-sent after a timeout", async () => {
    const error = await unknownOutcome({ hang: true }, { timeoutMs: 150 });
    expect(error.reason).toBe("timeout");
  });

  it("are not re-sent when the socket is destroyed before the body is read", async () => {
    expect((await unknownOutcome({ destroy: "before-body" })).reason).toBe("connection-lost");
  });

  it("are not re-sent when the socket is destroyed after the body is read", async () => {
    expect((await unknownOutcome({ destroy: "after-body" })).reason).toBe("connection-lost");
  });

  it("are not re-sent after an answer that is not JSON", async () => {
    const error = await unknownOutcome({ text: "<html>gateway</html>" });
    expect(error).toMatchObject({ reason: "invalid-response", httpStatus: 200 });
  });

  it("carry the ICCID of a single-profile operation", async () => {
    const server = await serve([{ status: 502 }]);
    const error = await failure(rsp(server.url).deleteProfile({ iccid: iccids[1] }));
    expect(error).toMatchObject({ operationId: "deleteProfile", iccids: [iccids[1]] });
  });

  it("fail with an unknown outcome when aborted in flight", async () => {
    const server = await serve([{ hang: true }]);
    const controller = new AbortController();
    const pending = rsp(server.url).generateAcByBatch(batch, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 100);
    const error = await failure(pending);
    expect(error).toBeInstanceOf(SimlesslyUnknownOutcomeError);
    expect(error).toMatchObject({ reason: "aborted" });
  });

  it("are retried after 429, honouring Retry-After", async () => {
    const log = createCaptureLogger();
    const server = await serve([
      { status: 429, headers: { "retry-after": "1" } },
      rspSuccess({ batchCode: "B2" }),
    ]);
    const client = rsp(server.url, { logger: log, logLevel: "info" });
    await expect(client.generateAcByBatch(batch)).resolves.toEqual({ batchCode: "B2" });
    expect(server.requests).toHaveLength(2);
    const retry = log.entries.find((entry) => entry.message === "simlessly retrying");
    expect(retry?.details).toMatchObject({ reason: 429, delayMs: 1000 });
    const [first, second] = server.requests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("fail at once after 429 when Retry-After exceeds the cap", async () => {
    const server = await serve([
      { status: 429, headers: { "retry-after": "120" } },
      rspSuccess({}),
    ]);
    const error = await failure(
      rsp(server.url, { retry: { maxRetryAfterMs: 5_000 } }).generateAcByBatch(batch),
    );
    expect(error).toBeInstanceOf(SimlesslyApiError);
    expect(error).toMatchObject({ httpStatus: 429, retryAfterMs: 120_000, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("are retried when the connection was refused before sending", async () => {
    const port = await closedPort();
    let server: LocalServer | undefined;
    const log = createCaptureLogger((entry) => {
      // The first attempt was refused; open the port during the backoff.
      if (entry.message === "simlessly retrying" && server === undefined) {
        void serve([rspSuccess({ batchCode: "B3" })], port).then((started) => {
          server = started;
        });
      }
    });
    const client = rsp(`http://127.0.0.1:${port}`, {
      logger: log,
      logLevel: "info",
      retry: { baseDelayMs: 400, random: () => 0.99 },
    });
    await expect(client.generateAcByBatch(batch)).resolves.toEqual({ batchCode: "B3" });
    expect(
      log.entries.find((entry) => entry.message === "simlessly retrying")?.details,
    ).toMatchObject({
      reason: "not-sent",
    });
    expect(server?.requests).toHaveLength(1);
  });

  it("report a refused connection as SimlesslyConnectionError with sent: false", async () => {
    const port = await closedPort();
    const error = await failure(rsp(`http://127.0.0.1:${port}`).generateAcByBatch(batch));
    expect(error).toBeInstanceOf(SimlesslyConnectionError);
    expect(error).toMatchObject({ sent: false, systemCode: "ECONNREFUSED", attempts: 3 });
  });
});
