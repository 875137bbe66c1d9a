// Fault injection over real HTTP: a seed repeats the same faults for the same requests, a
// reset after processing commits the change without answering (the "unknown outcome" a
// client must reconcile), a reset before processing changes nothing, and 429 / 5xx / latency
// can be forced per request with the x-sandbox-fault header or set over /__sandbox/faults.
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { createTestClients, type TestClients } from "./sandbox-clients.ts";
import { iccid, simRecord } from "./sandbox-fixtures.ts";

const S = 3;
/** What every admin request carries. */
const adminHeaders = { "x-sandbox-admin": "1", "content-type": "application/json" };
const running: Sandbox[] = [];

async function start(options: Parameters<typeof createSandbox>[0] = {}) {
  const sandbox = await createSandbox({ batchDelayMs: 0, env: {}, ...options });
  running.push(sandbox);
  const clients = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
  });
  return { sandbox, clients };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
});

/** Sends a generate and reports what the client saw: an HTTP status or a reset connection. */
async function outcome(clients: TestClients, index: number, headers: Record<string, string> = {}) {
  try {
    const result = await clients.rsp.call(
      "generateAc",
      { configName: "templateRegular01", ...simRecord(S, index) },
      headers,
    );
    return { seen: String(result.status), result };
  } catch {
    return { seen: "reset", result: undefined };
  }
}

const mixedFaults = {
  rate429: 0.15,
  errorRate5xx: 0.15,
  resetBeforeRate: 0.1,
  resetAfterRate: 0.1,
};

async function runSchedule(seed: number): Promise<{ seen: string[]; processed: string[] }> {
  const { sandbox, clients } = await start({ seed, faults: mixedFaults });
  const seen: string[] = [];
  for (let index = 0; index < 200; index++) seen.push((await outcome(clients, index)).seen);
  const processed = sandbox.admin
    .profiles({ limit: 10_000 })
    .profiles.map((profile) => profile.iccid);
  return { seen, processed };
}

describe("seeded fault injection", () => {
  it("gives the same outcomes and the same processed requests for the same seed", async () => {
    const first = await runSchedule(20261122);
    const second = await runSchedule(20261122);
    expect(second).toEqual(first);
    // Every kind of fault occurred, so the comparison above compared something.
    expect([...new Set(first.seen)].sort()).toEqual(["200", "429", "500", "reset"]);
    // Resets after processing committed: more ICCIDs were processed than answered 200.
    const answered = first.seen.filter((seen) => seen === "200").length;
    expect(first.processed.length).toBeGreaterThan(answered);
  });

  it("gives another schedule for another seed", async () => {
    const first = await runSchedule(1);
    const other = await runSchedule(2);
    expect(other.seen).not.toEqual(first.seen);
  });
});

describe("faults forced with x-sandbox-fault", () => {
  it("commits a request whose connection is reset after processing, so a retry finds the profile", async () => {
    const { sandbox, clients } = await start();
    const lost = await outcome(clients, 1, { "x-sandbox-fault": "reset-after" });
    expect(lost.seen).toBe("reset");
    expect(sandbox.admin.profiles({ iccid: iccid(S, 1) }).profiles).toMatchObject([
      { submissions: 1, status: "Available" },
    ]);
    const retried = await outcome(clients, 1);
    expect(retried.result?.body).toMatchObject({ success: false, code: "PROFILE_EXISTS" });
    expect(sandbox.admin.profiles({ iccid: iccid(S, 1) }).profiles).toMatchObject([
      { submissions: 2 },
    ]);
  });

  it("processes nothing when the connection is reset before processing", async () => {
    const { sandbox, clients } = await start();
    expect((await outcome(clients, 2, { "x-sandbox-fault": "reset-before" })).seen).toBe("reset");
    expect(sandbox.admin.profiles({ iccid: iccid(S, 2) }).total).toBe(0);
  });

  it("answers 429 with Retry-After and processes nothing", async () => {
    const { sandbox, clients } = await start({ faults: { retryAfterSeconds: 7 } });
    const { result } = await outcome(clients, 3, { "x-sandbox-fault": "429" });
    expect(result?.status).toBe(429);
    expect(result?.headers.get("retry-after")).toBe("7");
    expect(result?.body).toMatchObject({ success: false, code: "RATE_LIMITED" });
    expect(sandbox.admin.profiles({ iccid: iccid(S, 3) }).total).toBe(0);
  });

  it("answers the 5xx status asked for, in the product's envelope", async () => {
    const { clients } = await start();
    const rsp = await outcome(clients, 4, { "x-sandbox-fault": "503" });
    expect(rsp.result?.status).toBe(503);
    expect(rsp.result?.body).toMatchObject({ success: false, code: "SANDBOX_FAULT" });
    const eim = await clients.eim.call(
      "getBatchTaskResult",
      { batchId: 1 },
      { "x-sandbox-fault": "500" },
    );
    expect(eim.status).toBe(500);
    expect(eim.body).toMatchObject({ success: false, status: 500 });
  });

  it("delays a request by the latency asked for", async () => {
    const { clients } = await start();
    const started = performance.now();
    const { result } = await outcome(clients, 5, { "x-sandbox-fault": "latency=150" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(result?.body).toMatchObject({ success: true });
  });

  it("refuses a header it cannot read, instead of silently not faulting", async () => {
    const { clients } = await start();
    const { result } = await outcome(clients, 6, { "x-sandbox-fault": "reset-sometimes" });
    expect(result?.status).toBe(400);
    expect(result?.body).toMatchObject({ success: false, code: "BAD_FAULT_HEADER" });
  });

  it("ignores the header when the sandbox is told to", async () => {
    const { clients } = await start({ allowFaultHeader: false });
    const { result } = await outcome(clients, 7, { "x-sandbox-fault": "500" });
    expect(result?.body).toMatchObject({ success: true });
  });
});

describe("faults set over /__sandbox/faults", () => {
  it("applies new settings to the next request and reports them", async () => {
    const { sandbox, clients } = await start({ seed: 5 });
    const set = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: adminHeaders,
      body: JSON.stringify({ rate429: 1, retryAfterSeconds: 3, seed: 9 }),
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({
      seed: 9,
      settings: { rate429: 1, retryAfterSeconds: 3, errorRate5xx: 0 },
    });
    expect((await outcome(clients, 8)).result?.status).toBe(429);
    const refused = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: adminHeaders,
      body: JSON.stringify({ rate429: 0.8, errorRate5xx: 0.8 }),
    });
    expect(refused.status).toBe(400);
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: "POST",
      headers: adminHeaders,
      body: "{}",
    });
    expect((await outcome(clients, 8)).result?.status).toBe(200);
  });
});
