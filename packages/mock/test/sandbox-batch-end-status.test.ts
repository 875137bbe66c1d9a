// The admin control that makes RSP batches end with a status the contract does not list
// (`POST /__sandbox/batch-end-status`), over loopback HTTP: such a batch generates nothing and
// reports the status as given, its answer still inside the contract; batches submitted before
// keep `COMPLETE`; a bad status is refused; a reset and a restart from the data file keep what
// each batch was told.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rspSchemas } from "@simlessly/contract";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";
import { iccid, simRecord } from "./sandbox-fixtures.ts";

const S = 42;
const running: Sandbox[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function start(options: Parameters<typeof createSandbox>[0] = {}) {
  const sandbox = await createSandbox({ env: {}, batchDelayMs: 0, seed: 3, ...options });
  running.push(sandbox);
  const { rsp } = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
  });
  const admin = async (method: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}/__sandbox/batch-end-status`, {
      method,
      headers: { "x-sandbox-admin": "1", "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const submit = async (indexes: readonly number[]) => {
    const submitted = await rsp.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: indexes.map((index) => simRecord(S, index)),
    });
    return (submitted.body as { obj: { batchCode: string } }).obj.batchCode;
  };
  // The batch delay is 0: the batch has ended by the time of this call.
  const info = async (batchCode: string) => {
    const answer = await rsp.call("getBatchInfo", { batchCode });
    expect(answer.status).toBe(200);
    // Inside the contract: the open BatchStatus admits the status.
    return rspSchemas.GetBatchInfoSuccess.parse(answer.body).obj;
  };
  return { sandbox, admin, submit, info };
}

describe("POST /__sandbox/batch-end-status", () => {
  it("ends the batches submitted after it with that status, generating nothing", async () => {
    const { sandbox, admin, submit, info } = await start();
    const before = await submit([1]);
    expect(await admin("POST", { status: "FAILED" })).toEqual({
      status: 200,
      body: { status: "FAILED" },
    });
    expect(await admin("GET")).toEqual({ status: 200, body: { status: "FAILED" } });
    const failed = await submit([2, 3]);

    expect(await info(failed)).toEqual({
      batchTaskInfo: expect.objectContaining({
        batchCode: failed,
        status: "FAILED",
        total: 2,
        succeedNum: 0,
        failedNum: 0,
      }),
      results: [],
    });
    expect(sandbox.admin.profiles({ iccid: iccid(S, 2) }).profiles).toMatchObject([
      { status: "Submitted", generation: 0 },
    ]);
    // Submitted before the control: it keeps the contract's ending.
    expect(await info(before)).toMatchObject({
      batchTaskInfo: { status: "COMPLETE", succeedNum: 1 },
      results: [{ iccid: iccid(S, 1), success: true }],
    });

    expect(await admin("POST", { status: null })).toEqual({ status: 200, body: { status: null } });
    const again = await submit([2]);
    expect(await info(again)).toMatchObject({
      batchTaskInfo: { status: "COMPLETE", succeedNum: 1 },
      results: [{ iccid: iccid(S, 2), success: true }],
    });
  });

  it.each([
    [{ status: "PROCESSING" }, "cannot end PROCESSING"],
    [{ status: "" }, "status"],
    [{ status: "X".repeat(65) }, "status"],
    [{ status: 3 }, "status"],
    [{}, "status"],
    [{ status: "FAILED", batchCode: "B1" }, "batchCode"],
  ])("refuses %j", async (body, named) => {
    const { admin } = await start();
    const refused = await admin("POST", body);
    expect(refused.status).toBe(400);
    expect(String(refused.body.error)).toContain(named);
    expect(await admin("GET")).toEqual({ status: 200, body: { status: null } });
  });

  it("survives a reset, which forgets batches but not controls", async () => {
    const { sandbox, admin, submit, info } = await start();
    await admin("POST", { status: "CANCELLED" });
    sandbox.admin.reset();
    expect(sandbox.admin.batchEndStatus()).toBe("CANCELLED");
    expect((await info(await submit([4]))).batchTaskInfo.status).toBe("CANCELLED");
  });

  it("is kept per batch in the data file: a restarted sandbox ends it the same way", async () => {
    const folder = await mkdtemp(join(tmpdir(), "sandbox-batch-end-"));
    folders.push(folder);
    const dataFile = join(folder, "state.jsonl");
    const first = await start({ dataFile, batchDelayMs: 60_000 });
    first.sandbox.admin.setBatchEndStatus("FAILED");
    const code = await first.submit([5]);
    await first.sandbox.stop();

    // The control itself is not saved; the batch remembers what it was told.
    const second = await start({ dataFile, batchDelayMs: 60_000 });
    expect(second.sandbox.admin.batchEndStatus()).toBeNull();
    expect((await second.info(code)).batchTaskInfo.status).toBe("PROCESSING");
    second.sandbox.admin.advanceClock(60_000);
    expect(await second.info(code)).toMatchObject({
      batchTaskInfo: { status: "FAILED" },
      results: [],
    });
  });
});
