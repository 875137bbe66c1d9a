// What real clients send that the contract used to refuse, over loopback HTTP, against a
// sandbox as started by default and one started with `strict`:
// - documented forms (the v2 path with `ara`, `opc: null`, `configName` in each batch record
//   equal to the batch's) are accepted silently in both modes;
// - the tolerated forms of spec/README.md (`msisdn`, numeric strings) and the uncertain ones
//   (`multiImsiDataList`, a record's differing `configName`) are accepted with an
//   `x-sandbox-warning` header and noted in the request log, and refused in strict mode;
// - no warning, log entry or refusal ever carries a request value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, warningHeaderName } from "../src/index.ts";
import { type CallResult, createTestClients } from "./sandbox-clients.ts";
import { iccid, imsi, ki, sandboxActivationCode, simRecord } from "./sandbox-fixtures.ts";

const S = 23;
const opc = "85304194B0D2A2F92847F1594529F6AA";
const msisdn = "8613912345678";
const ara = "E230E12EC11430F9A11C29A43F1D3E95B47A38B0C4E1C2A0B9F0E1D2C3B4A5968778E30C8E0A4F";
const multiImsiDataList = [
  {
    imsi: "260060000019709",
    mccList: ["260"],
    plmnList: [{ plmn: "26006", rat: "4000" }],
    hplmnList: [],
    fplmnList: [],
    ehplmnList: [],
  },
];

type Mode = "lenient" | "strict";
interface Running {
  readonly sandbox: Sandbox;
  /** Calls an RSP operation with any body (these tests send bodies outside the spec's types). */
  call(operationId: string, body: unknown): Promise<CallResult>;
  /** The admin request log. */
  requests(): Promise<{ operationId: string; warnings: { field: string }[]; refused: boolean }[]>;
}
const running = {} as Record<Mode, Running>;

async function start(strict: boolean): Promise<Running> {
  const sandbox = await createSandbox({ batchDelayMs: 0, seed: 7, env: {}, strict });
  const clients = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
  });
  const rsp = clients.rsp as unknown as Pick<Running, "call">;
  return {
    sandbox,
    call: (operationId, body) => rsp.call(operationId, body),
    async requests() {
      const response = await fetch(`${sandbox.url}/__sandbox/requests`, {
        headers: { "x-sandbox-admin": "1" },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { requests: Awaited<ReturnType<Running["requests"]>> })
        .requests;
    },
  };
}

beforeAll(async () => {
  [running.lenient, running.strict] = await Promise.all([start(false), start(true)]);
});
afterAll(async () => {
  await Promise.all(Object.values(running).map(({ sandbox }) => sandbox?.stop()));
});

/** The ICCID series of a mode, so that the two sandboxes never share test data. */
const series = (mode: Mode) => (mode === "lenient" ? S : S + 1);
const warning = (result: CallResult) => result.headers.get(warningHeaderName);
const body = (result: CallResult) =>
  result.body as { success: boolean; code?: string; msg: string; obj: unknown };

describe.each<Mode>(["lenient", "strict"])("documented forms, accepted silently (%s)", (mode) => {
  const s = series(mode);

  it("generates on the v2 path with an access rule (generateAcV2)", async () => {
    const result = await running[mode].call("generateAcV2", {
      configName: "templateRegular01",
      needAcLink: true,
      ...simRecord(s, 1),
      ara,
    });
    expect(body(result)).toMatchObject({
      success: true,
      obj: { iccid: iccid(s, 1), activationCode: expect.stringMatching(sandboxActivationCode) },
    });
    expect(warning(result)).toBeNull();
  });

  it("takes opc: null in single, batch and campaign records", async () => {
    const single = await running[mode].call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(s, 2),
      opc: null,
    });
    expect(body(single)).toMatchObject({ success: true });
    const batch = await running[mode].call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [
        { ...simRecord(s, 3), opc: null },
        { ...simRecord(s, 4), opc },
      ],
    });
    expect(body(batch)).toMatchObject({ success: true });
    const campaign = await running[mode].call("addCampaignResource", {
      campaignName: "Summer2027",
      metaDatas: [{ ...simRecord(s, 5), opc: null }],
    });
    expect(body(campaign)).toMatchObject({ success: true });
    for (const result of [single, batch, campaign]) expect(warning(result)).toBeNull();
  });

  it("takes configName in each batch record when it is the batch's, as the docs' example shows", async () => {
    const result = await running[mode].call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [{ configName: "templateRegular01", ...simRecord(s, 6) }],
    });
    expect(body(result)).toMatchObject({ success: true });
    expect(warning(result)).toBeNull();
  });
});

describe("tolerated and uncertain forms", () => {
  const s = S;
  const strictS = S + 1;

  it("reads msisdn as msidn with a warning, and refuses it in strict mode", async () => {
    const single = await running.lenient.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(s, 10),
      msisdn,
    });
    expect(body(single)).toMatchObject({ success: true });
    expect(warning(single)).toBe("msisdn: not the docs' spelling, read as msidn");

    const batch = await running.lenient.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [
        { ...simRecord(s, 11), msisdn },
        { ...simRecord(s, 12), msisdn },
        simRecord(s, 13),
      ],
    });
    expect(body(batch)).toMatchObject({ success: true });
    expect(warning(batch)).toBe(
      "metaDatas[].msisdn (2 times): not the docs' spelling, read as msidn",
    );

    const refused = await running.strict.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(strictS, 10),
      msisdn,
    });
    expect(body(refused)).toMatchObject({ success: false, code: "INVALID_REQUEST" });
    expect(body(refused).msg).toContain("strict mode");
    expect(body(refused).msg).toContain("msisdn");
    expect(running.strict.sandbox.admin.profiles({ iccid: iccid(strictS, 10) }).total).toBe(0);
  });

  it("refuses msisdn next to msidn in either mode: one value, two names", async () => {
    const both = await running.lenient.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(s, 14),
      msidn: msisdn,
      msisdn,
    });
    expect(body(both)).toMatchObject({ success: false, code: "INVALID_REQUEST" });
    expect(body(both).msg).toContain("msisdn");
  });

  it("reads numeric strings as integers with a warning, and refuses them in strict mode", async () => {
    const list = await running.lenient.call("listConfigs", {
      pageParam: { pageNum: "1", pageSize: "2" },
    });
    expect(body(list)).toMatchObject({
      success: true,
      obj: { pageParam: { total: 3, pageNum: 1, pageSize: 2 } },
    });
    expect(warning(list)).toBe(
      "pageParam.pageNum: a string where the docs have an integer, read as that integer; " +
        "pageParam.pageSize: a string where the docs have an integer, read as that integer",
    );
    const batch = await running.lenient.call("generateAcByBatch", {
      configName: "templateRegular01",
      encryptionMode: "1",
      metaDatas: [simRecord(s, 15)],
    });
    expect(body(batch)).toMatchObject({ success: true });
    expect(warning(batch)).toContain("encryptionMode:");

    const refused = await running.strict.call("listConfigs", {
      pageParam: { pageNum: "1", pageSize: 2 },
    });
    expect(body(refused)).toMatchObject({ success: false, code: "INVALID_REQUEST" });
    expect(body(refused).msg).toContain("pageParam.pageNum");
    expect(warning(refused)).toContain("pageParam.pageNum");
  });

  it.each([["1.5"], [" 1"], [""], ["one"]])(
    "still refuses the string %j for an integer",
    async (pageNum) => {
      const result = await running.lenient.call("listConfigs", {
        pageParam: { pageNum, pageSize: 10 },
      });
      expect(body(result)).toMatchObject({ success: false, code: "INVALID_REQUEST" });
      expect(body(result).msg).toContain("pageParam.pageNum");
      expect(warning(result)).toBeNull();
    },
  );

  it("applies the batch's configName when a record names another, with a warning", async () => {
    const submitted = await running.lenient.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [
        { configName: "templateRecycle02", ...simRecord(s, 16) },
        { configName: "templateRegular01", ...simRecord(s, 17) },
      ],
    });
    expect(body(submitted)).toMatchObject({ success: true });
    expect(warning(submitted)).toBe(
      "metaDatas[].configName: differs from the batch's configName, which applies (the docs show it only equal)",
    );
    const listed = running.lenient.sandbox.admin.profiles({ iccid: iccid(s, 16) }).profiles;
    expect(listed).toMatchObject([{ configName: "templateRegular01", status: "Available" }]);

    const refused = await running.strict.call("generateAcByBatch", {
      configName: "templateRegular01",
      metaDatas: [{ configName: "templateRecycle02", ...simRecord(strictS, 16) }],
    });
    expect(body(refused)).toMatchObject({ success: false, code: "INVALID_REQUEST" });
    expect(body(refused).msg).toContain("metaDatas[].configName");
  });

  it("accepts multiImsiDataList with a warning on both paths, and refuses it in strict mode", async () => {
    for (const operationId of ["generateAc", "generateAcV2"]) {
      const index = operationId === "generateAc" ? 18 : 19;
      const result = await running.lenient.call(operationId, {
        configName: "templateRegular01",
        ...simRecord(s, index),
        multiImsiDataList,
      });
      expect(body(result)).toMatchObject({ success: true });
      expect(warning(result)).toBe(
        "multiImsiDataList: not in the platform's docs (seen in public client code); accepted, not simulated",
      );
    }
    const refused = await running.strict.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(strictS, 18),
      multiImsiDataList,
    });
    expect(body(refused)).toMatchObject({ success: false, code: "INVALID_REQUEST" });
  });
});

describe("the request log", () => {
  it("holds operation, time and warnings of the last requests, never a value", async () => {
    const secretish = { ...simRecord(S, 30), opc, msisdn, pin1: "1357", cc: "4821" };
    await running.lenient.call("generateAc", { configName: "templateRegular01", ...secretish });
    await running.strict.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(S + 1, 30),
      msisdn,
    });
    const lenientLog = await running.lenient.requests();
    const last = lenientLog.at(-1);
    expect(last).toMatchObject({
      product: "rsp",
      operationId: "generateAc",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      warnings: [{ field: "msisdn", count: 1 }],
      refused: false,
    });
    expect(lenientLog.some((entry) => entry.operationId === "listConfigs")).toBe(true);
    expect((await running.strict.requests()).at(-1)).toMatchObject({
      operationId: "generateAc",
      refused: true,
    });
    const text = JSON.stringify([lenientLog, await running.strict.requests()]);
    for (const value of [ki, opc, msisdn, "1357", "4821", imsi(S, 30), iccid(S, 30)]) {
      expect(text).not.toContain(value);
    }
  });

  it("is cleared by a reset", async () => {
    const reset = await fetch(`${running.lenient.sandbox.url}/__sandbox/reset`, {
      method: "POST",
      headers: { "x-sandbox-admin": "1" },
    });
    expect(reset.status).toBe(200);
    expect(await running.lenient.requests()).toEqual([]);
  });
});
