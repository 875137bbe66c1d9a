// Numeric strings in eIM and CMP requests, over loopback HTTP, against a sandbox as started by
// default and one started with `strict`: the same rule as for RSP (spec/README.md, "Tolerated
// forms"), read from the numeric fields of each contract. eIM has one today, `batchId`; CMP has
// none, so its requests pass the screen unchanged and are never refused for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, warningHeaderName } from "../src/index.ts";
import { type CallResult, createTestClients } from "./sandbox-clients.ts";
import { eid, iccid, imei, simRecord } from "./sandbox-fixtures.ts";

type Mode = "lenient" | "strict";
type Call = (operationId: string, body: unknown) => Promise<CallResult>;
interface LogEntry {
  product: string;
  operationId: string;
  warnings: { field: string; count: number }[];
  refused: boolean;
}
interface Running {
  readonly sandbox: Sandbox;
  readonly rsp: Call;
  readonly eim: Call;
  readonly cmp: Call;
  requests(): Promise<LogEntry[]>;
}
const running = {} as Record<Mode, Running>;

async function start(strict: boolean): Promise<Running> {
  const sandbox = await createSandbox({ batchDelayMs: 0, seed: 11, env: {}, strict });
  const clients = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
  });
  // These tests send bodies outside the spec's types.
  const untyped = (caller: unknown) => {
    const typed = caller as { call: Call };
    return (operationId: string, body: unknown) => typed.call(operationId, body);
  };
  return {
    sandbox,
    rsp: untyped(clients.rsp),
    eim: untyped(clients.eim),
    cmp: untyped(clients.cmp),
    async requests() {
      const response = await fetch(`${sandbox.url}/__sandbox/requests`, {
        headers: { "x-sandbox-admin": "1" },
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { requests: LogEntry[] }).requests;
    },
  };
}

beforeAll(async () => {
  [running.lenient, running.strict] = await Promise.all([start(false), start(true)]);
});
afterAll(async () => {
  await Promise.all(Object.values(running).map(({ sandbox }) => sandbox?.stop()));
});

const warning = (result: CallResult) => result.headers.get(warningHeaderName);
const eimBody = (result: CallResult) =>
  result.body as { status: number; success: boolean; msg: string; obj?: unknown };

/** Imports one device in a fresh batch and returns the batch id. */
async function deviceBatch(mode: Mode, index: number): Promise<number> {
  const submitted = await running[mode].eim("batchImportDevice", {
    devices: [{ eid: eid(index), imei: imei(index) }],
  });
  const { obj } = eimBody(submitted) as { obj: { batchId: number } };
  expect(typeof obj.batchId).toBe("number");
  return obj.batchId;
}

describe("eIM: a string of digits for batchId", () => {
  it("is read as the number, with a warning header and a request-log entry", async () => {
    const batchId = await deviceBatch("lenient", 1);
    const result = await running.lenient.eim("getBatchTaskResult", { batchId: String(batchId) });
    expect(eimBody(result)).toMatchObject({ status: 200, success: true, obj: { batchId } });
    expect(warning(result)).toBe(
      "batchId: a string where the docs have an integer, read as that integer",
    );
    expect((await running.lenient.requests()).at(-1)).toEqual({
      time: expect.any(String),
      product: "eim",
      operationId: "getBatchTaskResult",
      warnings: [{ field: "batchId", count: 1, message: expect.any(String) }],
      refused: false,
    });
  });

  it("answers the number alone without a warning", async () => {
    const batchId = await deviceBatch("lenient", 2);
    const result = await running.lenient.eim("getBatchTaskResult", { batchId });
    expect(eimBody(result)).toMatchObject({ success: true, obj: { batchId } });
    expect(warning(result)).toBeNull();
  });

  it("is refused in strict mode with the eIM INVALID_REQUEST status, naming the field", async () => {
    const batchId = await deviceBatch("strict", 3);
    const result = await running.strict.eim("getBatchTaskResult", { batchId: String(batchId) });
    expect(result.status).toBe(200);
    expect(eimBody(result)).toMatchObject({ status: 400002, success: false, obj: null });
    expect(eimBody(result).msg).toMatch(/^INVALID_REQUEST: refused in strict mode.*batchId/);
    expect(warning(result)).toContain("batchId");
    expect((await running.strict.requests()).at(-1)).toMatchObject({
      product: "eim",
      operationId: "getBatchTaskResult",
      refused: true,
    });
  });

  it.each([["12.0"], [" 12"], [""], ["9007199254740992"]])(
    "still refuses %j, without a warning",
    async (batchId) => {
      const result = await running.lenient.eim("getBatchTaskResult", { batchId });
      expect(eimBody(result)).toMatchObject({ status: 400002, success: false });
      expect(eimBody(result).msg).toContain("batchId");
      expect(warning(result)).toBeNull();
    },
  );
});

describe("CMP: no numeric request field, nothing read", () => {
  it.each<Mode>(["lenient", "strict"])(
    "answers a documented request without a warning and logs it (%s)",
    async (mode) => {
      const result = await running[mode].cmp("changeSimStatus", {
        simIds: [iccid(40, 1)],
        simIdType: "ICCID",
        active: true,
      });
      expect(result.status).toBe(200);
      expect(warning(result)).toBeNull();
      expect((await running[mode].requests()).at(-1)).toMatchObject({
        product: "cmp",
        operationId: "changeSimStatus",
        warnings: [],
        refused: false,
      });
    },
  );

  it("leaves a string where CMP has a boolean to the schema (only numbers are read)", async () => {
    const result = await running.lenient.cmp("changeSimStatus", {
      simIds: [iccid(40, 2)],
      simIdType: "ICCID",
      active: "true",
    });
    expect(result.status).toBe(400);
    expect((result.body as { message: string }).message).toContain("active");
    expect(warning(result)).toBeNull();
  });
});

describe("RSP keeps its forms", () => {
  it("still reads msisdn and numeric strings on the same server", async () => {
    const result = await running.lenient.rsp("generateAc", {
      configName: "templateRegular01",
      ...simRecord(41, 1),
      encryptionMode: "1",
      msisdn: "8613912345678",
    });
    expect(result.body).toMatchObject({ success: true });
    expect(warning(result)).toMatch(/^msisdn: .*; encryptionMode: /);
  });
});
