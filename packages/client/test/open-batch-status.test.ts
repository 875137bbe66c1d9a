// A batch that ends with a status the docs do not show, served over loopback HTTP by the
// sandbox of @simlessly/mock (its `batch-end-status` control): `getBatchInfo` hands it on as
// sent, in the default validation mode (`lenient`) without a word in the log, and in `strict`
// too, since the contract's BatchStatus is open.
import { createSandbox, type Sandbox } from "@simlessly/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { rspValidator } from "../src/validation.ts";
import { createCaptureLogger } from "./support/capture-logger.ts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ env: {}, seed: 5, batchDelayMs: 0 });
});
afterAll(async () => {
  await sandbox?.stop();
});

const record = (index: number) => ({
  iccid: `898604681520803496${String(index).padStart(2, "0")}`,
  imsi: `4600488676196${String(index).padStart(2, "0")}`,
  ki: "6BE2053E8580B135CD43443380DB7111",
});

/** Tells the sandbox over HTTP how the batches submitted next end. */
async function endBatchesWith(status: string | null): Promise<void> {
  const response = await fetch(`${sandbox.url}/__sandbox/batch-end-status`, {
    method: "POST",
    headers: { "x-sandbox-admin": "1", "content-type": "application/json" },
    body: JSON.stringify({ status }),
  });
  expect(response.status).toBe(200);
}

describe("getBatchInfo with a batch status the docs do not show", () => {
  it.each([
    ["lenient (the default)", undefined],
    ["strict", "strict" as const],
  ])("returns FAILED as sent, validation %s", async (_, validation) => {
    const logger = createCaptureLogger();
    const rsp = createRspClient({
      baseUrl: sandbox.url,
      accessKey: sandbox.credentials.rsp.accessKey,
      secretKey: sandbox.credentials.rsp.secretKey,
      validator: rspValidator,
      ...(validation === undefined ? {} : { validation }),
      logger,
      logLevel: "info",
    });
    await endBatchesWith("FAILED");
    const first = validation === undefined ? 1 : 3;
    const { batchCode } = await rsp.generateAcByBatch({
      configName: "templateRegular01",
      metaDatas: [record(first), record(first + 1)],
    });
    await endBatchesWith(null);
    if (batchCode === undefined) throw new Error("the sandbox always answers a batch code");

    const info = await rsp.getBatchInfo({ batchCode });
    expect(info.batchTaskInfo).toMatchObject({
      batchCode,
      status: "FAILED",
      total: 2,
      succeedNum: 0,
      failedNum: 0,
    });
    expect(info.results ?? []).toEqual([]);
    expect(logger.entries.filter((entry) => entry.level !== "debug")).toEqual([]);
  });
});
