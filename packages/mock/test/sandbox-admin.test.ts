// The /__sandbox/ endpoints: the profile listing with submission counts (and no secrets),
// reset, the clock that drives batch delays and token expiry, and state kept in a data file
// across restarts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";
import { eid, iccid, imei, ki, simRecord } from "./sandbox-fixtures.ts";

const S = 5;
const running: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

async function start(options: Parameters<typeof createSandbox>[0] = {}) {
  const sandbox = await createSandbox({ env: {}, ...options });
  running.push(sandbox);
  let offset = 0;
  const clients = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
    // Signs with the sandbox's clock, which the tests move.
    now: () => Date.now() + offset,
  });
  const admin = async (method: string, name: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}/__sandbox/${name}`, {
      method,
      headers: { "x-sandbox-admin": "1", "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const advance = async (ms: number) => {
    offset += ms;
    return admin("POST", "clock", { advanceMs: ms });
  };
  return { sandbox, clients, admin, advance };
}

describe("GET /__sandbox/profiles", () => {
  it("counts every submission of an ICCID and shows no key or activation code", async () => {
    const { sandbox, clients, admin } = await start({ batchDelayMs: 0 });
    const generated = await clients.rsp.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(S, 1),
    });
    const code = (generated.body as { obj: { activationCode: string } }).obj.activationCode;
    await clients.rsp.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [simRecord(S, 1), simRecord(S, 2), simRecord(S, 2)],
    });
    const listing = await fetch(`${sandbox.url}/__sandbox/profiles`, {
      headers: { "x-sandbox-admin": "1" },
    });
    const text = await listing.text();
    expect(JSON.parse(text)).toMatchObject({
      total: 2,
      profiles: [
        {
          iccid: iccid(S, 1),
          submissions: 2,
          status: "Available",
          configName: "templateRegular01",
          eid: null,
          generation: 1,
        },
        { iccid: iccid(S, 2), submissions: 2, status: "Available", generation: 1 },
      ],
    });
    expect(text).not.toContain(ki);
    expect(text).not.toContain(code.split("$")[2]);
    const filtered = await admin("GET", `profiles?iccid=${iccid(S, 2)}`);
    expect(filtered.body).toMatchObject({ total: 1, profiles: [{ iccid: iccid(S, 2) }] });
    expect((await admin("GET", "profiles?status=Deleted")).body).toMatchObject({ total: 0 });
    expect((await admin("GET", "profiles?limit=1&offset=1")).body).toMatchObject({
      total: 2,
      profiles: [{ iccid: iccid(S, 2) }],
    });
    expect((await admin("GET", "profiles?status=Gone")).status).toBe(400);
  });

  it("shows an ICCID of a batch still running as Submitted", async () => {
    const { clients, admin } = await start({ batchDelayMs: 60_000 });
    await clients.rsp.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [simRecord(S, 3)],
    });
    expect((await admin("GET", "profiles")).body).toMatchObject({
      profiles: [{ iccid: iccid(S, 3), status: "Submitted", createdAt: null }],
    });
  });
});

describe("POST /__sandbox/reset", () => {
  it("forgets every profile and batch", async () => {
    const { clients, admin } = await start({ batchDelayMs: 0 });
    await clients.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 4) });
    expect((await admin("GET", "state")).body).toMatchObject({ profiles: 1 });
    expect((await admin("POST", "reset")).body).toEqual({ reset: true });
    expect((await admin("GET", "state")).body).toMatchObject({ profiles: 0, rspBatches: 0 });
    const again = await clients.rsp.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(S, 4),
    });
    expect(again.body).toMatchObject({ success: true });
  });
});

describe("POST /__sandbox/clock", () => {
  it("keeps a batch PROCESSING until its delay has passed", async () => {
    const { clients, advance } = await start({ batchDelayMs: 30_000 });
    const accepted = await clients.rsp.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [simRecord(S, 5)],
    });
    const batchCode = (accepted.body as { obj: { batchCode: string } }).obj.batchCode;
    const before = await clients.rsp.call("getBatchInfo", { batchCode });
    expect(before.body).toMatchObject({
      obj: { batchTaskInfo: { status: "PROCESSING", total: 1, succeedNum: 0 }, results: [] },
    });
    await advance(29_000);
    expect((await clients.rsp.call("getBatchInfo", { batchCode })).body).toMatchObject({
      obj: { batchTaskInfo: { status: "PROCESSING" } },
    });
    await advance(1_000);
    expect((await clients.rsp.call("getBatchInfo", { batchCode })).body).toMatchObject({
      obj: {
        batchTaskInfo: { status: "COMPLETE", succeedNum: 1 },
        results: [{ iccid: iccid(S, 5), success: true }],
      },
    });
  });

  it("expires CMP tokens after their lifetime", async () => {
    const { clients, advance } = await start({ tokenTtlSeconds: 60 });
    expect((await clients.cmp.call("getDeviceSimsDetail", { eidList: [eid(1)] })).status).toBe(200);
    await advance(61_000);
    expect((await clients.cmp.call("getDeviceSimsDetail", { eidList: [eid(1)] })).status).toBe(401);
  });

  it("refuses CMP credentials that are not the sandbox's", async () => {
    const { clients } = await start();
    const refused = await clients.cmp.call("getAccessToken", {
      clientId: "x".repeat(32),
      clientSecret: "y".repeat(32),
    });
    expect(refused.status).toBe(401);
  });
});

describe("an unknown admin endpoint", () => {
  it("answers 404 with the list of endpoints", async () => {
    const { admin } = await start();
    const result = await admin("GET", "nothing");
    expect(result.status).toBe(404);
    expect(result.body.endpoints).toContain("POST /__sandbox/reset");
  });
});

describe("--data FILE", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "sandbox-data-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("keeps profiles, batches, codes and eIM imports across a restart", async () => {
    const dataFile = join(directory, "state.jsonl");
    const first = await start({ dataFile, batchDelayMs: 0, seed: 11 });
    await first.clients.rsp.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(S, 6),
    });
    const accepted = await first.clients.rsp.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [simRecord(S, 7), simRecord(S, 6)],
    });
    const batchCode = (accepted.body as { obj: { batchCode: string } }).obj.batchCode;
    const before = (await first.clients.rsp.call("getBatchInfo", { batchCode })).body;
    await first.clients.rsp.call("downloadOrder", { iccid: iccid(S, 7), eid: eid(3) });
    await first.clients.eim.call("batchImportDevice", {
      devices: [{ eid: eid(3), imei: imei(3) }],
    });
    await first.sandbox.stop();

    // Another seed: the codes must come from the saved key, not from the seed.
    const second = await start({ dataFile, batchDelayMs: 0, seed: 12 });
    expect((await second.clients.rsp.call("getBatchInfo", { batchCode })).body).toEqual(before);
    expect(second.sandbox.admin.profiles().profiles).toMatchObject([
      { iccid: iccid(S, 6), submissions: 2, status: "Available" },
      { iccid: iccid(S, 7), submissions: 1, status: "Linked", eid: eid(3) },
    ]);
    const repeated = await second.clients.rsp.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(S, 6),
    });
    expect(repeated.body).toMatchObject({ code: "PROFILE_EXISTS" });
    expect(second.sandbox.admin.summary()).toMatchObject({ eimDevices: 1, eimBatches: 1 });
  });

  it("finishes a batch that was still running when the sandbox stopped", async () => {
    const dataFile = join(directory, "pending.jsonl");
    const first = await start({ dataFile, batchDelayMs: 100 });
    const accepted = await first.clients.rsp.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [simRecord(S, 8)],
    });
    const batchCode = (accepted.body as { obj: { batchCode: string } }).obj.batchCode;
    await first.sandbox.stop();
    const second = await start({ dataFile, batchDelayMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await second.clients.rsp.call("getBatchInfo", { batchCode })).body).toMatchObject({
      obj: { batchTaskInfo: { status: "COMPLETE", succeedNum: 1 } },
    });
  });
});
