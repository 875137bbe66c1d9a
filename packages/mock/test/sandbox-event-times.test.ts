// Two device events played on one profile within the same millisecond still get distinct
// event times, later ones later: a receiver that recognises a retry by its notification
// (profile, event, status, time) must not take the second for a copy of the first.
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";
import { eid, iccid, simRecord } from "./sandbox-fixtures.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

const S = 62;
let sandbox: Sandbox | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await sandbox?.stop();
  await receiver?.close();
});

describe("event times of profile notifications", () => {
  it("increase for each event of a profile, even when the clock stands still", async () => {
    const frozen = Date.now();
    receiver = await startWebhookReceiver(200);
    sandbox = await createSandbox({
      batchDelayMs: 0,
      env: {},
      webhookUrl: receiver.url,
      now: () => frozen,
    });
    const { rsp } = createTestClients({
      rspUrl: sandbox.url,
      eimUrl: sandbox.url,
      cmpUrl: sandbox.url,
      credentials: sandbox.credentials,
      now: () => frozen,
    });
    await rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 1) });
    const events = ["DOWNLOADED", "INSTALLED", "ENABLE", "DISABLE", "ENABLE"];
    for (const event of events) {
      const played = await fetch(`${sandbox.url}/__sandbox/device-events`, {
        method: "POST",
        headers: { "x-sandbox-admin": "1", "content-type": "application/json" },
        body: JSON.stringify({ iccid: iccid(S, 1), eid: eid(5), event }),
      });
      expect(((await played.json()) as { success: boolean }).success).toBe(true);
    }
    const hooks = await receiver.waitFor(events.length);
    const payloads = hooks.map(
      (hook) => JSON.parse(hook.body) as { notificationType: string; timestamp: string },
    );
    const byTime = [...payloads].sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
    expect(byTime.map((payload) => payload.notificationType)).toEqual(events);
    expect(new Set(payloads.map((payload) => payload.timestamp)).size).toBe(events.length);
    expect(Number(byTime[0]?.timestamp)).toBe(frozen);
  });
});
