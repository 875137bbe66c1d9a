// How the sandbox reads requests that do not reach Prism's checks (sent to it directly):
// the `msisdn` spelling it tolerates (more in sandbox-tolerated-forms.test.ts), strict
// validation that names fields
// but never values, malformed JSON, wrong methods and paths, oversized bodies, and eIM batch
// items that fail alone with their Appendix 5 reasons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { createTestClients, type TestClients } from "./sandbox-clients.ts";
import { eid, iccid, imei, ki, simRecord } from "./sandbox-fixtures.ts";

const S = 6;
let sandbox: Sandbox;
let clients: TestClients;
type LooseCaller = {
  call(id: string, body: unknown): Promise<{ status: number; headers: Headers; body: unknown }>;
};
/** The same callers, taking bodies outside the spec's types (the point of these tests). */
let loose: Record<"rsp" | "eim" | "cmp", LooseCaller>;

beforeAll(async () => {
  sandbox = await createSandbox({ batchDelayMs: 0, env: {}, maxBodyBytes: 64 * 1024 });
  clients = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
  });
  loose = clients as unknown as typeof loose;
});
afterAll(async () => {
  await sandbox?.stop();
});

describe("RSP request validation", () => {
  it("accepts msisdn as the spelling of msidn, with a warning, in single and batch generation", async () => {
    const single = await loose.rsp.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(S, 1),
      msisdn: "8613912345678",
    });
    expect(single.body).toMatchObject({ success: true });
    expect(single.headers.get("x-sandbox-warning")).toContain("msisdn");
    const batch = await loose.rsp.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [{ ...simRecord(S, 2), msisdn: "8613912345678" }],
    });
    expect(batch.body).toMatchObject({ success: true });
    expect(batch.headers.get("x-sandbox-warning")).toContain("metaDatas[].msisdn");
  });

  it("refuses an unknown key and a malformed field, naming them but not their values", async () => {
    const result = await loose.rsp.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(S, 3),
      ki: "NOT-A-KI-123",
      colour: "red",
    });
    expect(result.body).toMatchObject({ success: false, code: "INVALID_REQUEST" });
    const msg = String((result.body as { msg: string }).msg);
    expect(msg).toContain("colour");
    expect(msg).toContain("ki");
    expect(msg).not.toContain("NOT-A-KI-123");
    expect(sandbox.admin.profiles({ iccid: iccid(S, 3) }).total).toBe(0);
  });

  it("refuses a batch of 201 records", async () => {
    const metaDatas = Array.from({ length: 201 }, (_, index) => simRecord(S, 100 + index));
    const result = await loose.rsp.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas,
    });
    expect(result.body).toMatchObject({ success: false, code: "INVALID_REQUEST" });
  });

  it("answers INVALID_JSON for a body that is not JSON but is correctly signed", async () => {
    const { createRequestSigner } = await import("@simlessly/signing");
    const sign = createRequestSigner({
      scheme: "rsp",
      key: sandbox.credentials.rsp.accessKey,
      secret: sandbox.credentials.rsp.secretKey,
    });
    const body = '{"configName":';
    const response = await fetch(`${sandbox.url}/api/v1/config/list`, {
      method: "POST",
      headers: { ...(await sign(body)) },
      body,
    });
    expect(await response.json()).toMatchObject({ success: false, code: "INVALID_JSON" });
  });
});

describe("the HTTP edge", () => {
  it("answers 404 for a path outside the contract and 405 for a GET", async () => {
    expect((await fetch(`${sandbox.url}/api/v1/nothing`, { method: "POST" })).status).toBe(404);
    const get = await fetch(`${sandbox.url}/api/v1/config/list`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("answers 413 for a body over the limit", async () => {
    const response = await fetch(`${sandbox.url}/api/v1/config/list`, {
      method: "POST",
      body: "x".repeat(100 * 1024),
    });
    expect(response.status).toBe(413);
  });
});

describe("eIM requests outside the contract", () => {
  it("uses the Appendix 4 codes for a malformed allocation", async () => {
    const base = { eid: eid(1), imei: imei(1), iccid: iccid(S, 10) };
    expect((await loose.eim.call("allocateAc", { ...base, imei: "123" })).body).toMatchObject({
      status: 23018,
    });
    expect((await loose.eim.call("allocateAc", { ...base, eid: "123" })).body).toMatchObject({
      status: 23510,
    });
    expect((await loose.eim.call("allocateAc", { ...base, iccid: "123" })).body).toMatchObject({
      status: 110033,
    });
    expect((await loose.eim.call("allocateAc", { iccid: iccid(S, 10) })).body).toMatchObject({
      status: 123022,
    });
    expect((await loose.eim.call("batchImportAc", { acInfos: [] })).body).toMatchObject({
      status: 123011,
    });
  });

  it("fails malformed batch items alone, with their reasons, and the task when all fail", async () => {
    const submitted = await loose.eim.call("batchImportDevice", {
      devices: [{ eid: "8904" }, { imei: "1" }, {}],
    });
    const batchId = (submitted.body as { obj: { batchId: number } }).obj.batchId;
    const task = await clients.eim.call("getBatchTaskResult", { batchId });
    expect(task.body).toMatchObject({
      obj: {
        status: "PROCESSED_FAILED",
        total: 3,
        fail: 3,
        batchInfoDataList: [
          { eid: null, imei: null, success: false, reason: "EID invalid!" },
          { eid: null, imei: null, success: false, reason: "IMEI invalid!" },
          { eid: null, imei: null, success: false, reason: "EID,IMEI must exist at least one!" },
        ],
      },
    });
  });
});

describe("CMP requests outside the contract", () => {
  it("answers 400 with a message for a body that breaks the schema", async () => {
    const result = await loose.cmp.call("changeSimStatus", {
      simIds: [],
      simIdType: "ICCID",
      active: true,
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ message: expect.stringContaining("simIds") });
  });
});

it("keeps SIM keys out of every answer", async () => {
  const result = await clients.rsp.call("generateAc", {
    configName: "templateRegular01",
    ...simRecord(S, 20),
  });
  expect(JSON.stringify(result.body)).not.toContain(ki);
});
