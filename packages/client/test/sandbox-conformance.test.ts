// The typed clients against the stateful sandbox behind `prism proxy --errors`, one product
// per describe: every operation of the generated operation tables is driven through the
// client's own methods (strict zod validation of every answer) to success and, for RSP and
// eIM, to a platform refusal, and Prism must find nothing wrong with any request or answer.
//
// With `--errors`, Prism turns a contract violation into an error answer (422 for a request,
// 5xx for an answer) instead of passing it on; without it, it adds an `sl-violations` header.
// The fetch wrapper records both signs for every exchange, so a violation fails the file even
// when a test expected the call to be refused anyway.
import {
  createSandbox,
  type Product,
  type RunningPrism,
  type Sandbox,
  startPrism,
} from "@simlessly/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations as cmpOperations } from "../src/generated/cmp.ts";
import { operations as eimOperations } from "../src/generated/eim.ts";
import { operations as rspOperations } from "../src/generated/rsp.ts";
import {
  type CallOptions,
  type CmpClient,
  createCmpClient,
  createEimClient,
  createRspClient,
  type EimClient,
  type FetchLike,
  type RspClient,
  SimlesslyApiError,
} from "../src/index.ts";
import { cmpValidator, eimValidator, rspValidator } from "../src/validation.ts";
import { operationExamples } from "./support/spec-examples.ts";

// ---------------------------------------------------------------------------------------------
// Test data (as in the sandbox's own conformance tests): distinct identifiers per test.

/** A 20-digit ICCID, distinct for each (series, index). */
function iccid(series: number, index: number): string {
  return `8986${String(series).padStart(4, "0")}${String(index).padStart(12, "0")}`;
}

/** A 15-digit IMSI matching {@link iccid}. */
function imsi(series: number, index: number): string {
  return `460${String(series).padStart(2, "0")}${String(index).padStart(10, "0")}`;
}

/** A 32-digit EID. */
function eid(index: number): string {
  return `8904903200000100${String(index).padStart(16, "0")}`;
}

/** A 15-digit IMEI. */
function imei(index: number): string {
  return `35693803${String(index).padStart(7, "0")}`;
}

const ki = "6BE2053E8580B135CD43443380DB7111";

function simRecord(series: number, index: number) {
  return { iccid: iccid(series, index), imsi: imsi(series, index), ki };
}

/** The activation codes of the default sandbox (SM-DP+ host rsp.sandbox.simlessly.test). */
const sandboxActivationCode = /^1\$rsp\.sandbox\.simlessly\.test\$[0-9A-F]{32}$/;

const upp =
  "A0488001028101008207AA0000055910100102160A0301020304050607080900A10E80023B9F810202B0830409C10E80";

// The sandbox's default batch delay: batches (and CMP changes) stay pending until the sandbox
// clock has moved this far, so the tests see both states.
const batchDelayMs = 1000;

// ---------------------------------------------------------------------------------------------
// Coverage bookkeeping.

interface Exchange {
  readonly operationId: string;
  readonly status: number;
  readonly violations: string | null;
  /** The answer's text, kept only when something is wrong with it (for the failure message). */
  readonly text?: string;
}

type Outcome = "success" | "refused";

/** Prism's signs of a violation: the header, or (with `--errors`) a 422 or 5xx answer. */
function isViolation(status: number, violations: string | null): boolean {
  return violations !== null || status === 422 || status >= 500;
}

type AnyMethod = (body?: unknown, options?: CallOptions) => Promise<unknown>;

/**
 * Records what Prism said about every exchange (through the clients' `fetch` option) and which
 * operations a typed method completed or had refused by the platform (HTTP 200 with a failure
 * envelope), against the product's generated operation table.
 */
function createRecorder(operations: readonly { operationId: string; path: string }[]) {
  const operationByPath = new Map(operations.map((entry) => [entry.path, entry.operationId]));
  const exchanges: Exchange[] = [];
  const outcomes = new Set<string>();

  const fetch: FetchLike = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const { pathname } = new URL(input);
    const violations = response.headers.get("sl-violations");
    exchanges.push({
      operationId: operationByPath.get(pathname) ?? `unknown path ${pathname}`,
      status: response.status,
      violations,
      ...(isViolation(response.status, violations) ? { text: await response.clone().text() } : {}),
    });
    return response;
  };

  /** The client with each operation method wrapped to record its outcome. */
  function track<Client extends object>(client: Client): Client {
    const methods = client as unknown as Record<string, AnyMethod | undefined>;
    const tracked: Record<string, unknown> = { ...methods };
    for (const { operationId } of operations) {
      const method = methods[operationId];
      if (method === undefined) throw new Error(`the client has no method ${operationId}`);
      tracked[operationId] = async (body?: unknown, options?: CallOptions) => {
        try {
          const data = await method(body, options);
          outcomes.add(`${operationId} success`);
          return data;
        } catch (error) {
          if (error instanceof SimlesslyApiError && error.httpStatus === 200) {
            outcomes.add(`${operationId} refused`);
          }
          throw error;
        }
      };
    }
    return tracked as Client;
  }

  return {
    fetch,
    track,
    exchanges: () => exchanges,
    /** Exchanges Prism objected to: an `sl-violations` header, a 422 or a 5xx. */
    problems: () => exchanges.filter((entry) => isViolation(entry.status, entry.violations)),
    /** The operations of the table never driven to `outcome`. */
    missing: (outcome: Outcome) =>
      operations
        .map((entry) => entry.operationId)
        .filter((operationId) => !outcomes.has(`${operationId} ${outcome}`)),
  };
}

type Recorder = ReturnType<typeof createRecorder>;

/** Asserts the call was refused by the platform, as a conforming failure envelope. */
async function refused(call: Promise<unknown>): Promise<SimlesslyApiError> {
  const error = await call.then(
    (data) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(data)}`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SimlesslyApiError);
  expect((error as SimlesslyApiError).httpStatus).toBe(200);
  return error as SimlesslyApiError;
}

/** The final checks of a describe: Prism objected to nothing, every operation was covered. */
function expectConformance(recorder: Recorder, outcomes: readonly Outcome[]): void {
  expect(recorder.exchanges().length).toBeGreaterThan(0);
  expect(recorder.problems()).toEqual([]);
  for (const outcome of outcomes) expect(recorder.missing(outcome), outcome).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// The stack: a sandbox, Prism in front of it, and a clock the signing clients share with it.

interface Stack {
  readonly sandbox: Sandbox;
  readonly prism: RunningPrism;
  /** The sandbox clock (Date.now plus how far the tests moved it). */
  now(): number;
  /** Moves the sandbox clock; signing clients follow, so their timestamps stay fresh. */
  advance(ms: number): void;
}

/** Starts the sandbox and `prism proxy --errors` for `product` around the calling describe. */
function useStack(product: Product): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    const sandbox = await createSandbox({ env: {}, seed: 1, batchDelayMs });
    const prism = await startPrism({
      document: product,
      mode: "proxy",
      errors: true,
      upstream: sandbox.url,
    });
    let offset = 0;
    stack = {
      sandbox,
      prism,
      now: () => Date.now() + offset,
      advance(ms) {
        offset += ms;
        sandbox.admin.advanceClock(ms);
      },
    };
  });
  afterAll(async () => {
    await stack?.prism.stop();
    await stack?.sandbox.stop();
  });
  return () => {
    if (stack === undefined) throw new Error("the stack is not started");
    return stack;
  };
}

// One attempt per call: every answer the recorder sees is one the test asked for, and a 5xx
// is never hidden behind a successful retry.
const common = { validation: "strict", retry: { maxAttempts: 1 } } as const;

function rspClient(stack: Stack, baseUrl: string, fetch?: FetchLike, secretKey?: string) {
  return createRspClient({
    ...common,
    baseUrl,
    validator: rspValidator,
    fetch,
    now: stack.now,
    accessKey: stack.sandbox.credentials.rsp.accessKey,
    secretKey: secretKey ?? stack.sandbox.credentials.rsp.secretKey,
  });
}

function eimClient(stack: Stack, baseUrl: string, fetch?: FetchLike, secretKey?: string) {
  const { publicKey, token } = stack.sandbox.credentials.eim;
  return createEimClient({
    ...common,
    baseUrl,
    validator: eimValidator,
    fetch,
    now: stack.now,
    publicKey,
    token,
    secretKey: secretKey ?? stack.sandbox.credentials.eim.secretKey,
  });
}

/**
 * Calls every operation of `client` with the spec's first request example: the forged
 * signature must get the platform's failure envelope on each, with `expectedCode`.
 */
async function expectForgedRefusedEverywhere(
  product: "rsp" | "eim",
  client: RspClient | EimClient,
  expectedCode: string | number,
): Promise<void> {
  const methods = client as unknown as Record<string, AnyMethod>;
  const examples = operationExamples(product);
  const operations = product === "rsp" ? rspOperations : eimOperations;
  for (const { operationId } of operations) {
    const example = examples.find((entry) => entry.operationId === operationId);
    if (example === undefined) throw new Error(`no request example for ${operationId}`);
    const method = methods[operationId];
    if (method === undefined) throw new Error(`the client has no method ${operationId}`);
    const error = await refused(method(example.request));
    expect({ operationId, code: error.code }).toEqual({ operationId, code: expectedCode });
  }
}

// ---------------------------------------------------------------------------------------------

describe("the RSP client against the sandbox behind prism proxy --errors", () => {
  const stack = useStack("rsp");
  const recorder = createRecorder(rspOperations);
  let rsp: RspClient;
  let forged: RspClient;
  beforeAll(() => {
    const { prism } = stack();
    rsp = recorder.track(rspClient(stack(), prism.url, recorder.fetch));
    // Same AccessKey, wrong SecretKey: the sandbox refuses the signature of any operation.
    forged = recorder.track(rspClient(stack(), prism.url, recorder.fetch, "not-the-secret"));
  });

  const S = 1;
  const [A, B, C, D, E, F] = [1, 2, 3, 4, 5, 6].map((index) => iccid(S, index)) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const unknown = iccid(S, 999);

  it("lists configurations by page, with and without a filter", async () => {
    const first = await rsp.listConfigs({ pageParam: { pageNum: 1, pageSize: 2 } });
    expect(first).toEqual({
      configs: ["templateRegular01", "templateRecycle02"],
      pageParam: { total: 3, pageNum: 1, pageSize: 2 },
    });
    // The pager stops at the reported total: two pages of 2 and 1.
    const pages = [];
    for await (const page of rsp.listConfigsPages({ pageSize: 2 })) pages.push(page.configs);
    expect(pages).toEqual([["templateRegular01", "templateRecycle02"], ["DEFAULT_UPP_CONFIG"]]);
    const filtered = await rsp.listConfigs({
      configName: "upp",
      pageParam: { pageNum: 1, pageSize: 50 },
    });
    expect(filtered.configs).toEqual(["DEFAULT_UPP_CONFIG"]);
  });

  it("generates one profile, and refuses the same ICCID twice", async () => {
    const body = {
      configName: "templateRegular01",
      needAcLink: true,
      ...simRecord(S, 1),
      msidn: "8613912345678",
    };
    const generated = await rsp.generateAc(body);
    expect(generated.activationCode).toMatch(sandboxActivationCode);
    expect(generated.acLink).toBe(`https://rsp.sandbox.simlessly.test/qr/${A}.png`);
    const error = await refused(rsp.generateAc(body));
    expect(error.code).toBe("PROFILE_EXISTS");
    expect(error.serverMessage).toBe(
      `PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [${A}] already existsById.`,
    );
  });

  it("generates on the v2 path with an access rule, and refuses the same ICCID twice", async () => {
    const body = {
      configName: "templateRegular01",
      ...simRecord(S, 9),
      opc: null,
      ara: "E230E12EC11430F9A11C29A43F1D3E95B47A38B0C4E1C2A0B9F0E1D2C3B4A5968778E30C8E0A4F",
    };
    const generated = await rsp.generateAcV2(body);
    expect(generated.activationCode).toMatch(sandboxActivationCode);
    expect((await refused(rsp.generateAcV2(body))).code).toBe("PROFILE_EXISTS");
  });

  it("runs a batch from PROCESSING to COMPLETE once the batch delay has passed", async () => {
    const accepted = await rsp.generateAcByBatch({
      configName: "templateRegular01",
      needAcLink: true,
      // A repeated ICCID: the first wins; an existing ICCID fails.
      metaDatas: [simRecord(S, 2), simRecord(S, 3), simRecord(S, 2), simRecord(S, 1)],
    });
    // Optional in the contract (the docs' table says so); the sandbox always gives one.
    const batchCode = accepted.batchCode ?? expect.unreachable("the sandbox gave no batch code");
    const pending = await rsp.getBatchInfo({ batchCode });
    expect(pending.batchTaskInfo).toMatchObject({ batchCode, status: "PROCESSING", total: 4 });

    stack().advance(batchDelayMs);
    const done = await rsp.getBatchInfo({ batchCode });
    expect(done.batchTaskInfo).toMatchObject({
      status: "COMPLETE",
      total: 4,
      succeedNum: 2,
      failedNum: 2,
      taskType: "GENERATE AC",
    });
    const reason = (value: string) =>
      `PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [${value}] already existsById.`;
    expect(done.results).toMatchObject([
      { iccid: B, success: true, activationCode: expect.stringMatching(sandboxActivationCode) },
      { iccid: C, success: true, activationCode: expect.stringMatching(sandboxActivationCode) },
      { iccid: B, success: false, errorReason: reason(B) },
      { iccid: A, success: false, errorReason: reason(A) },
    ]);

    await refused(rsp.getBatchInfo({ batchCode: "B000" }));
    await refused(
      rsp.generateAcByBatch({ configName: "noSuchConfig", metaDatas: [simRecord(S, 50)] }),
    );
  });

  it("generates from a UPP on both paths, with a custom SM-DP+ address", async () => {
    const generated = await rsp.generateAcByUpp({
      configName: "DEFAULT_UPP_CONFIG",
      iccid: D,
      imsi: imsi(S, 4),
      upp,
      customAcAddress: "esim.example.com",
    });
    expect(generated.activationCode).toMatch(/^1\$esim\.example\.com\$[0-9A-F]{32}$/);
    const added = await rsp.addProfileByUpp({
      configName: "DEFAULT_UPP_CONFIG",
      iccid: E,
      imsi: imsi(S, 5),
      upp,
    });
    expect(added.activationCode).toMatch(sandboxActivationCode);
    // A UPP needs a UPP configuration.
    const wrongType = await refused(
      rsp.addProfileByUpp({ configName: "templateRegular01", iccid: F, imsi: imsi(S, 6), upp }),
    );
    expect(wrongType.code).toBe("CONFIG_TYPE_MISMATCH");
    await refused(
      rsp.generateAcByUpp({ configName: "DEFAULT_UPP_CONFIG", iccid: D, imsi: imsi(S, 4), upp }),
    );
  });

  it("updates and reads profiles", async () => {
    await rsp.updateProfileParam({ iccid: A, msisdn: "8613987654321", ki, hplmn: "46004" });
    await refused(rsp.updateProfileParam({ iccid: unknown }));
    await rsp.updateProfileByUpp({ iccid: D, imsi: imsi(S, 4), upp });
    // A is not a UPP profile.
    await refused(rsp.updateProfileByUpp({ iccid: A, imsi: imsi(S, 1), upp }));
    expect(await rsp.getProfileDetail({ iccid: A })).toEqual({
      iccid: A,
      status: "Available",
      eid: null,
    });
    await refused(rsp.getProfileDetail({ iccid: unknown }));
    const logs = await rsp.listProfileLogs({ iccid: A, pageParam: { pageNum: 1, pageSize: 20 } });
    expect(logs).toMatchObject({
      profileLogs: [{ iccid: A, status: "Available" }],
      pageParam: { total: 1 },
    });
    await refused(rsp.listProfileLogs({ iccid: unknown, pageParam: { pageNum: 1, pageSize: 20 } }));
  });

  it("walks an order through download, confirm, release and onto a device", async () => {
    const device = eid(1);
    await rsp.downloadOrder({ iccid: D, eid: device, configName: "DEFAULT_UPP_CONFIG" });
    await refused(rsp.downloadOrder({ iccid: unknown }));
    const confirmed = await rsp.confirmOrder({ iccid: D, eid: device, confirmationCode: "6093" });
    expect(confirmed.eid).toBe(device);
    // The order keeps the custom SM-DP+ address the profile was generated with.
    expect(confirmed.ac).toMatch(/^1\$esim\.example\.com\$[0-9A-F]{32}$/);
    await refused(rsp.confirmOrder({ iccid: A }));
    await rsp.releaseProfile({ iccid: D });
    const again = await refused(rsp.releaseProfile({ iccid: D }));
    expect(again.code).toBe("PROFILE_STATUS_INVALID");
    expect(again.serverMessage).toBe("profile status is Released, expected Confirmed");

    // The device side, played by the sandbox admin: download and install.
    for (const event of ["DOWNLOADED", "INSTALLED"] as const) {
      expect(stack().sandbox.admin.deviceEvent({ iccid: D, eid: device, event })).toMatchObject({
        found: true,
        success: true,
      });
    }
    expect(await rsp.getProfileDetail({ iccid: D })).toEqual({
      iccid: D,
      status: "Installed",
      eid: device,
    });
    // The whole history, oldest first, by pages of 2 (the pager stops at the reported total).
    const pages = [];
    for await (const page of rsp.listProfileLogsPages({ iccid: D, pageSize: 2 })) {
      expect(page.profileLogs.every((log) => log.iccid === D)).toBe(true);
      pages.push(page.profileLogs.map((log) => log.status));
    }
    expect(pages).toEqual([
      ["Available", "Linked"],
      ["Confirmed", "Released"],
      ["Downloaded", "Installed"],
    ]);
  });

  it("cancels and expires orders once", async () => {
    await rsp.downloadOrder({ iccid: E });
    await rsp.cancelOrder({ iccid: E });
    await refused(rsp.cancelOrder({ iccid: A }));
    await rsp.downloadOrder({ iccid: C });
    await rsp.expireOrder({ iccid: C });
    await refused(rsp.expireOrder({ iccid: C }));
  });

  it("changes recycle times only on recycle configurations", async () => {
    await rsp.generateAc({ configName: "templateRecycle02", ...simRecord(S, 6) });
    await rsp.changeRecycleTime({ iccid: F, expireTime: "2027-12-31 23:59:59" });
    const error = await refused(
      rsp.changeRecycleTime({ iccid: A, expireTime: "2027-12-31 23:59:59" }),
    );
    expect(error.code).toBe("CONFIG_NO_RECYCLE");
  });

  it("adds campaign resources once, to a known campaign", async () => {
    const body = {
      campaignName: "Summer2027",
      metaDatas: [{ ...simRecord(S, 7), impuList: ["sip:1@ims"] }, simRecord(S, 8)],
    };
    await rsp.addCampaignResource(body);
    await refused(rsp.addCampaignResource(body));
    await refused(rsp.addCampaignResource({ ...body, campaignName: "Winter" }));
  });

  it("deletes a profile once", async () => {
    await rsp.deleteProfile({ iccid: B, force: false });
    await refused(rsp.deleteProfile({ iccid: B }));
    // The record stays, as Deleted.
    expect(await rsp.getProfileDetail({ iccid: B })).toMatchObject({ iccid: B, status: "Deleted" });
  });

  it("refuses a forged signature on every operation with a conforming failure envelope", async () => {
    await expectForgedRefusedEverywhere("rsp", forged, "AUTH_BAD_SIGNATURE");
  });

  it("drove every RSP operation to success and to a refusal, with zero Prism violations", () => {
    expectConformance(recorder, ["success", "refused"]);
  });
});

describe("the eIM client against the sandbox behind prism proxy --errors", () => {
  const stack = useStack("eim");
  const recorder = createRecorder(eimOperations);
  let eim: EimClient;
  let forged: EimClient;
  const S = 1;
  const A = iccid(S, 1);
  const unknown = iccid(S, 999);

  beforeAll(async () => {
    const { prism, sandbox } = stack();
    eim = recorder.track(eimClient(stack(), prism.url, recorder.fetch));
    forged = recorder.track(eimClient(stack(), prism.url, recorder.fetch, "not-the-secret"));
    // Set-up outside the contract check: an RSP profile never imported into the eIM (12209).
    await rspClient(stack(), sandbox.url).generateAc({
      configName: "templateRegular01",
      ...simRecord(S, 1),
    });
  });

  it("imports devices and codes as batches, reporting each item", async () => {
    const devices = await eim.batchImportDevice({
      devices: [{ eid: eid(1), imei: imei(1), group: "fleet" }, { imei: imei(2) }, { eid: eid(1) }],
    });
    const code = (last: string) => `1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8F${last}`;
    const codes = await eim.batchImportAc({
      acInfos: [
        { iccid: iccid(S, 20), ac: code("9"), apn: "iot", mon: "Simlessly Mobile" },
        { iccid: iccid(S, 21), ac: code("A"), apn: "iot", cc: "1234" },
        { iccid: iccid(S, 20), ac: code("B"), apn: "iot" },
        { iccid: iccid(S, 22), ac: code("C"), apn: "iot", mon: "Unknown Mobile" },
        { iccid: iccid(S, 23), ac: code("D"), apn: "iot" },
      ],
    });
    expect(await eim.getBatchTaskResult({ batchId: devices.batchId })).toMatchObject({
      batchId: devices.batchId,
      status: "PROCESSING",
    });

    stack().advance(batchDelayMs);
    expect(await eim.getBatchTaskResult({ batchId: devices.batchId })).toMatchObject({
      batchType: "BATCH_SE_IMPORT_DEVICE",
      status: "PROCESSED",
      total: 3,
      success: 2,
      fail: 1,
      batchInfoDataList: [
        { eid: eid(1), imei: imei(1), success: true, reason: "Success" },
        { eid: null, imei: imei(2), success: true, reason: "Success" },
        { eid: eid(1), imei: null, success: false, reason: "EID or IMEI repeated!" },
      ],
    });
    expect(await eim.getBatchTaskResult({ batchId: codes.batchId })).toMatchObject({
      batchType: "BATCH_SE_IMPORT_AC",
      status: "PROCESSED",
      batchInfoDataList: [
        { iccid: iccid(S, 20), success: true, reason: "Success" },
        { iccid: iccid(S, 21), success: true, reason: "Success" },
        { iccid: iccid(S, 20), success: false, reason: "Repeated ICCID!" },
        { iccid: iccid(S, 22), success: false, reason: "Operator does not exist!" },
        { iccid: iccid(S, 23), success: true, reason: "Success" },
      ],
    });
    const missing = await refused(eim.getBatchTaskResult({ batchId: 42 }));
    expect(missing.code).toBe(123009);
    expect(missing.serverMessage).toBe("batch task not exist");
  });

  it("allocates codes, refusing with the Appendix 4 codes", async () => {
    const allocation = { eid: eid(1), imei: imei(1), iccid: iccid(S, 20), enabled: true };
    await eim.allocateAc(allocation);
    const twice = await refused(eim.allocateAc(allocation));
    expect(twice.code).toBe(100107);
    expect(twice.catalog).toMatchObject({ known: true, code: 100107 });
    // The device was imported by IMEI only; it reports its EID with the allocation.
    await eim.allocateAcSingle({ eid: eid(2), imei: imei(2), iccid: iccid(S, 23) });
    expect((await refused(eim.allocateAcSingle({ ...allocation, iccid: unknown }))).code).toBe(
      110004,
    );
    expect((await refused(eim.allocateAcSingle({ ...allocation, iccid: A }))).code).toBe(12209);
    const unknownDevice = { eid: eid(9), imei: imei(9), iccid: iccid(S, 21) };
    expect((await refused(eim.allocateAcSingle(unknownDevice))).code).toBe(23029);

    const batch = await eim.batchAllocateAc({
      bindingRels: [
        { imei: imei(2), iccid: iccid(S, 21) },
        { eid: eid(1), iccid: iccid(S, 20) },
        { eid: eid(1), iccid: unknown },
      ],
      enabled: false,
    });
    stack().advance(batchDelayMs);
    expect(await eim.getBatchTaskResult({ batchId: batch.batchId })).toMatchObject({
      batchType: "BATCH_ALLOCATE",
      status: "PROCESSED",
      batchInfoDataList: [
        { imei: imei(2), iccid: iccid(S, 21), success: true, reason: "Success" },
        { eid: eid(1), iccid: iccid(S, 20), success: false, reason: "Repeated ICCID!" },
        { eid: eid(1), iccid: unknown, success: false, reason: "ICCID invalid!" },
      ],
    });
  });

  // The batch operations have no other refusal: the sandbox refuses a batch call itself only
  // when it is malformed, which the spec (and the strict client) does not let through.
  it("refuses a forged signature on every operation with a conforming failure envelope", async () => {
    await expectForgedRefusedEverywhere("eim", forged, 401005);
  });

  it("drove every eIM operation to success and to a refusal, with zero Prism violations", () => {
    expectConformance(recorder, ["success", "refused"]);
  });
});

describe("the CMP client against the sandbox behind prism proxy --errors", () => {
  const stack = useStack("cmp");
  const recorder = createRecorder(cmpOperations);
  let cmp: CmpClient;
  const S = 1;
  const D = iccid(S, 4);
  const unknown = iccid(S, 999);

  beforeAll(async () => {
    const { prism, sandbox } = stack();
    // The CMP client keeps Date.now: its token expiry then lags the sandbox clock once the
    // tests move it, which is how the last test gets the documented 401.
    cmp = recorder.track(
      createCmpClient({
        ...common,
        baseUrl: prism.url,
        validator: cmpValidator,
        fetch: recorder.fetch,
        ...sandbox.credentials.cmp,
      }),
    );
    // Set-up outside the contract check, straight to the sandbox: a device with two SIMs, an
    // RSP profile bound by an order and an eIM code allocated to it.
    const rsp = rspClient(stack(), sandbox.url);
    const eim = eimClient(stack(), sandbox.url);
    await rsp.generateAc({ configName: "templateRegular01", ...simRecord(S, 4) });
    await rsp.downloadOrder({ iccid: D, eid: eid(1) });
    await eim.batchImportDevice({ devices: [{ eid: eid(1), imei: imei(1) }] });
    await eim.batchImportAc({
      acInfos: [
        {
          iccid: iccid(S, 20),
          ac: "1$rsp-eu.simlessly.com$0A1B2C3D4E5F60718293A4B5C6D7E8F9",
          apn: "iot",
        },
      ],
    });
    stack().advance(batchDelayMs);
    await eim.allocateAc({ eid: eid(1), imei: imei(1), iccid: iccid(S, 20) });
  });

  it("issues tokens and shows the SIMs of a device by EID, ICCID and IMSI", async () => {
    const { clientId, clientSecret } = stack().sandbox.credentials.cmp;
    const token = await cmp.getAccessToken({ clientId, clientSecret });
    expect(token).toEqual({ token: expect.any(String), tokenType: "Bearer", expireIn: "3600" });

    const byEid = await cmp.getDeviceSimsDetail({ eidList: [eid(1), eid(77)] });
    expect(byEid.deviceList).toHaveLength(1);
    expect(byEid.deviceList[0]?.sims.map((sim) => sim.iccid).sort()).toEqual(
      [D, iccid(S, 20)].sort(),
    );
    expect((await cmp.getDeviceSimsDetail({ iccidList: [D] })).deviceList).toEqual(
      byEid.deviceList,
    );
    expect((await cmp.getDeviceSimsDetail({ imsiList: [imsi(S, 4)] })).deviceList).toEqual(
      byEid.deviceList,
    );
  });

  it("takes SIM status changes and shows them once the delay has passed", async () => {
    const stateOf = async () =>
      (await cmp.getDeviceSimsDetail({ iccidList: [D] })).deviceList[0]?.sims.find(
        (sim) => sim.iccid === D,
      )?.state;
    expect(await stateOf()).toBe("Deactivated");
    expect(
      await cmp.changeSimStatus({ simIds: [D], simIdType: "ICCID", active: true }),
    ).toMatchObject({ status: "processing" });
    // Still pending: nothing changes before the delay.
    expect(await stateOf()).toBe("Deactivated");
    stack().advance(batchDelayMs);
    expect(await stateOf()).toBe("Activated");

    // An unknown SIM fails the request as a whole, in a normal answer.
    expect(
      await cmp.changeSimStatus({ simIds: [unknown], simIdType: "ICCID", active: true }),
    ).toMatchObject({ status: "failed", message: "SIM not found (1 of 1)" });
    // By IMSI.
    expect(
      await cmp.changeSimStatus({ simIds: [imsi(S, 4)], simIdType: "IMSI", active: false }),
    ).toMatchObject({ status: "processing" });
    stack().advance(batchDelayMs);
    expect(await stateOf()).toBe("Deactivated");
  });

  it("renews a token the sandbox expired after the documented 401", async () => {
    // Past the token's lifetime on the sandbox clock only: the client still holds its token,
    // gets 401, renews once and repeats the call.
    stack().advance(3_600_000 + batchDelayMs);
    const before = recorder.exchanges().length;
    const detail = await cmp.getDeviceSimsDetail({ iccidList: [D] });
    expect(detail.deviceList).toHaveLength(1);
    expect(
      recorder
        .exchanges()
        .slice(before)
        .map((entry) => [entry.operationId, entry.status]),
    ).toEqual([
      ["getDeviceSimsDetail", 401],
      ["getAccessToken", 200],
      ["getDeviceSimsDetail", 200],
    ]);
  });

  it("drove every CMP operation to success, with zero Prism violations", () => {
    // CMP has no failure envelope: its only documented refusal is the 401 above.
    expectConformance(recorder, ["success"]);
  });
});
