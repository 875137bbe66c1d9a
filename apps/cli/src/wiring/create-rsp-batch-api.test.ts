// The bulk pipeline's BatchApi over the typed client, against a server on loopback that
// answers what the docs allow but the pipeline did not expect: a batch status other than
// PROCESSING and COMPLETE, an accepted batch without a batch code, a code left out.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRspClient } from "@simlessly/client";
import { rspValidator } from "@simlessly/client/validation";
import { afterEach, describe, expect, it } from "vitest";
import { UnknownOutcomeError } from "../batch/batch-api.ts";
import { rspBatchApi } from "./create-rsp-batch-api.ts";

const iccids = ["89860468152080349618", "89860468152080349626"] as const;
const record = (iccid: string) => ({
  iccid,
  imsi: "460048867619618",
  ki: "6BE2053E8580B135CD43443380DB7111",
});

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running !== undefined) await new Promise((resolve) => running.close(resolve));
});

/** A batch API whose every call is answered with the RSP success envelope around `obj`. */
async function apiAnswering(obj: unknown) {
  server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ success: true, code: "00000", msg: "", obj }));
    });
  });
  const listening = server;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  const { port } = listening.address() as AddressInfo;
  const client = createRspClient({
    baseUrl: `http://127.0.0.1:${port}`,
    accessKey: "ak",
    secretKey: "secret-key-for-tests",
    // Strict: each answer below is one the contract admits.
    validator: rspValidator,
    validation: "strict",
    retry: { maxAttempts: 1 },
  });
  return rspBatchApi(client);
}

const taskInfo = (status: string) => ({
  batchCode: "B202303071234225",
  taskType: "GENERATE AC",
  status,
  total: 2,
  succeedNum: 0,
  failedNum: 1,
  createTime: "2027/03/07 11:09:14",
});

describe("rspBatchApi", () => {
  it("settles a batch whose status the docs do not show (FAILED) with the results it reports", async () => {
    const failed = { iccid: iccids[0], success: false, errorReason: "configuration disabled" };
    const api = await apiAnswering({ batchTaskInfo: taskInfo("FAILED"), results: [failed] });
    const info = await api.getBatchInfo({ batchCode: "B202303071234225", needAcLink: false });
    // COMPLETE for the poller: the second record has no result, so it is settled as unknown.
    expect(info).toEqual({
      status: "COMPLETE",
      platformStatus: "FAILED",
      results: [{ ...failed, activationCode: undefined, acLink: undefined }],
    });
  });

  it("keeps polling a PROCESSING batch", async () => {
    const api = await apiAnswering({ batchTaskInfo: taskInfo("PROCESSING"), results: [] });
    const info = await api.getBatchInfo({ batchCode: "B202303071234225", needAcLink: false });
    expect(info.status).toBe("PROCESSING");
  });

  it("reads an accepted batch without a batch code as an unknown outcome", async () => {
    const api = await apiAnswering({});
    const submission = api.submitBatch({
      configName: "templateRegular01",
      needAcLink: false,
      records: iccids.map(record),
    });
    await expect(submission).rejects.toBeInstanceOf(UnknownOutcomeError);
    await expect(submission).rejects.toThrow(/without a batch code/);
  });

  it("passes a generated record without an activation code on, for the pipeline to report", async () => {
    const api = await apiAnswering({ iccid: iccids[0] });
    const generateOne = api.generateOne;
    if (generateOne === undefined) throw new Error("generateOne is part of the RSP batch API");
    await expect(
      generateOne({
        configName: "templateRegular01",
        needAcLink: false,
        record: record(iccids[0]),
      }),
    ).resolves.toEqual({
      iccid: iccids[0],
      success: true,
      activationCode: undefined,
      acLink: undefined,
    });
  });
});
