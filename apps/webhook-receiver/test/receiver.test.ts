// The receiver over loopback HTTP: fed by the sandbox of @simlessly/mock, and by hand-signed
// deliveries for duplicates, forgeries, malformed bodies and restarts.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createRspClient } from "@simlessly/client";
import { adminHeaderName, adminHeaderValue, createSandbox, type Sandbox } from "@simlessly/mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredEvent } from "../src/event-store.ts";
import type { Receiver } from "../src/receiver.ts";
import {
  deliver,
  getJson,
  notification,
  secretKey,
  startReceiver,
  temporaryFolder,
} from "./helpers.ts";

let folder: ReturnType<typeof temporaryFolder>;
let receiver: Receiver | undefined;
let sandbox: Sandbox | undefined;
let dbPath: string;

beforeEach(() => {
  folder = temporaryFolder();
  dbPath = join(folder.path, "events.sqlite");
});
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
  await receiver?.stop();
  receiver = undefined;
  folder.remove();
});

async function eventsOf(url: string, iccid: string): Promise<StoredEvent[]> {
  const { status, body } = await getJson(`${url}/profiles/${iccid}/events`);
  expect(status).toBe(200);
  return (body as { events: StoredEvent[] }).events;
}

describe("webhook receiver", () => {
  it("stores a device event the sandbox sends, readable over GET", async () => {
    const started = await startReceiver(dbPath);
    receiver = started.receiver;
    const url = started.url;
    sandbox = await createSandbox({
      env: {},
      seed: 7,
      batchDelayMs: 0,
      credentials: { rsp: { secretKey } },
      webhookUrl: `${url}/webhooks`,
    });
    const { accessKey } = sandbox.credentials.rsp;
    const rsp = createRspClient({ baseUrl: sandbox.url, accessKey, secretKey });
    const iccid = "89860468152080349618";
    const eid = "89049032000001000000012345678901";
    await rsp.generateAc({
      configName: "templateRegular01",
      iccid,
      imsi: "460048867619618",
      ki: "6BE2053E8580B135CD43443380DB7111",
    });
    const event = await fetch(`${sandbox.url}/__sandbox/device-events`, {
      method: "POST",
      headers: { "content-type": "application/json", [adminHeaderName]: adminHeaderValue },
      body: JSON.stringify({ iccid, eid, event: "DOWNLOADED", deviceName: "Pixel 8" }),
    });
    expect(event.status).toBe(200);

    let events: StoredEvent[] = [];
    for (let tries = 0; tries < 100 && events.length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      events = await eventsOf(url, iccid);
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ iccid, eid, notificationType: "DOWNLOADED" });
    expect(events[0]).not.toHaveProperty("matchingId");
    const latest = await getJson(`${url}/profiles/${iccid}`);
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ iccid, notificationType: "DOWNLOADED" });
    const attempts = await fetch(`${sandbox.url}/__sandbox/webhooks`, {
      headers: { [adminHeaderName]: adminHeaderValue },
    });
    expect(await attempts.text()).toContain('"httpStatus":200');
  });

  it("answers a second delivery of the same Request-ID 200 and keeps one row", async () => {
    const started = await startReceiver(dbPath);
    receiver = started.receiver;
    const iccid = "89860468152080340001";
    const body = notification(iccid);
    const requestId = randomUUID();
    const first = await deliver(started.url, body, { requestId });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ result: "inserted" });
    const second = await deliver(started.url, body, { requestId });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ result: "duplicate" });
    expect(await eventsOf(started.url, iccid)).toHaveLength(1);
  });

  it("takes the same notification under a new Request-ID as a duplicate: a sender's retry", async () => {
    const started = await startReceiver(dbPath);
    receiver = started.receiver;
    const iccid = "89860468152080340002";
    const body = notification(iccid);
    expect(await (await deliver(started.url, body)).json()).toEqual({ result: "inserted" });
    const retry = await deliver(started.url, body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ result: "duplicate" });
    expect(await eventsOf(started.url, iccid)).toHaveLength(1);
  });

  it("keeps events of one profile that differ in kind, status or time", async () => {
    const started = await startReceiver(dbPath);
    receiver = started.receiver;
    const iccid = "89860468152080340003";
    const installed = JSON.parse(notification(iccid)) as Record<string, unknown>;
    const variants = [
      installed,
      { ...installed, notificationType: "ENABLE" },
      {
        ...installed,
        notificationStatus: { status: "FAILED", message: "Profile is not installed." },
      },
      { ...installed, timestamp: String(Number(installed.timestamp) + 1) },
    ];
    for (const variant of variants) {
      const answer = await deliver(started.url, JSON.stringify(variant));
      expect(await answer.json()).toEqual({ result: "inserted" });
    }
    expect(await eventsOf(started.url, iccid)).toHaveLength(variants.length);
  });

  it("refuses a bad signature with 401 and stores nothing", async () => {
    const started = await startReceiver(dbPath);
    receiver = started.receiver;
    const iccid = "89860468152080340002";
    const response = await deliver(started.url, notification(iccid), {
      key: "notthesecretkey00000000000000001",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "signature-mismatch" });
    expect(await eventsOf(started.url, iccid)).toHaveLength(0);
    expect((await getJson(`${started.url}/profiles/${iccid}`)).status).toBe(404);
  });

  it("refuses a stale timestamp with 401 and a malformed body with 400", async () => {
    const started = await startReceiver(dbPath);
    receiver = started.receiver;
    const iccid = "89860468152080340003";
    const stale = await deliver(started.url, notification(iccid), {
      timestamp: Date.now() - 10 * 60_000,
    });
    expect(stale.status).toBe(401);
    const malformed = await deliver(started.url, JSON.stringify({ iccid }));
    expect(malformed.status).toBe(400);
    const unsigned = await fetch(`${started.url}/webhooks`, { method: "POST", body: "{}" });
    expect(unsigned.status).toBe(400);
    expect(await eventsOf(started.url, iccid)).toHaveLength(0);
  });

  it("keeps events, newest last, across a restart on the same database", async () => {
    const iccid = "89860468152080340004";
    const first = await startReceiver(dbPath);
    const requestId = randomUUID();
    expect(
      (await deliver(first.url, notification(iccid, "DOWNLOADED"), { requestId })).status,
    ).toBe(200);
    await first.receiver.stop();

    const second = await startReceiver(dbPath);
    receiver = second.receiver;
    // The same delivery after the restart is still a duplicate: the replay check is the table.
    const again = await deliver(second.url, notification(iccid, "DOWNLOADED"), { requestId });
    expect(await again.json()).toEqual({ result: "duplicate" });
    expect((await deliver(second.url, notification(iccid, "INSTALLED"))).status).toBe(200);
    const events = await eventsOf(second.url, iccid);
    expect(events.map((event) => event.notificationType)).toEqual(["DOWNLOADED", "INSTALLED"]);
    const latest = await getJson(`${second.url}/profiles/${iccid}`);
    expect(latest.body).toMatchObject({ notificationType: "INSTALLED", status: "SUCCESS" });
    expect((await getJson(`${second.url}/healthz`)).status).toBe(200);
  });
});
