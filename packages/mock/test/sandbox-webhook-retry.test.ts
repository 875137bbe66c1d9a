// How often, and how soon, the sandbox sends again a notification its receiver does not
// take: `webhookRetry` (`--webhook-attempts`, `--webhook-retry-delay`). Every attempt is
// signed afresh; the body, event time included, is the same bytes each time.
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";
import { eid, iccid, simRecord } from "./sandbox-fixtures.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

const S = 61;
let sandbox: Sandbox | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await sandbox?.stop();
  await receiver?.close();
});

describe("webhook retries", () => {
  it("makes the configured number of attempts, n × delay apart, with the same body", async () => {
    receiver = await startWebhookReceiver(500);
    sandbox = await createSandbox({
      batchDelayMs: 0,
      env: {},
      webhookUrl: receiver.url,
      webhookRetry: { attempts: 5, delayMs: 40 },
    });
    const { rsp } = createTestClients({
      rspUrl: sandbox.url,
      eimUrl: sandbox.url,
      cmpUrl: sandbox.url,
      credentials: sandbox.credentials,
    });
    await rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 1) });
    const played = await fetch(`${sandbox.url}/__sandbox/device-events`, {
      method: "POST",
      headers: { "x-sandbox-admin": "1", "content-type": "application/json" },
      body: JSON.stringify({ iccid: iccid(S, 1), eid: eid(3), event: "DOWNLOADED" }),
    });
    expect(played.status).toBe(200);
    const hooks = await receiver.waitFor(5);
    await sandbox.stop();

    expect(new Set(hooks.map((hook) => hook.body)).size).toBe(1);
    expect(new Set(hooks.map((hook) => hook.headers["request-id"])).size).toBe(5);
    const attempts = sandbox.admin.webhookDeliveries();
    expect(attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3, 4, 5]);
    // Retry n waits n × 40 ms: 40, 80, 120, 160 between the five.
    const gaps = attempts.slice(1).map((attempt, index) => attempt.at - (attempts[index]?.at ?? 0));
    gaps.forEach((gap, index) => {
      expect(gap).toBeGreaterThanOrEqual(40 * (index + 1) - 5);
    });
  });

  it("refuses settings that cannot be a schedule", async () => {
    await expect(createSandbox({ env: {}, webhookRetry: { attempts: 0 } })).rejects.toThrow(
      "webhookRetry.attempts must be an integer of at least 1",
    );
    await expect(createSandbox({ env: {}, webhookRetry: { delayMs: -1 } })).rejects.toThrow(
      "webhookRetry.delayMs must be an integer of at least 0",
    );
  });
});
