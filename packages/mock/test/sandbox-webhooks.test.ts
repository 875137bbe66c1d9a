// Profile status webhooks: a device event (played through /__sandbox/device-events) or a
// deletion sends the notification to the configured URL, signed with HMAC-SHA256 over
// Timestamp + Request-ID + body under the RSP SecretKey, with a payload the contract accepts.
import { createHmac } from "node:crypto";
import { rspSchemas } from "@simlessly/contract";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, type WebhookGeneration } from "../src/index.ts";
import { createTestClients, type TestClients } from "./sandbox-clients.ts";
import { eid, iccid, simRecord } from "./sandbox-fixtures.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

const S = 4;
let sandbox: Sandbox | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await sandbox?.stop();
  await receiver?.close();
});

async function start(
  receiverStatus = 200,
  webhookGeneration: WebhookGeneration = "newest",
): Promise<{ sandbox: Sandbox; receiver: WebhookReceiver; clients: TestClients }> {
  receiver = await startWebhookReceiver(receiverStatus);
  sandbox = await createSandbox({
    batchDelayMs: 0,
    env: {},
    webhookUrl: receiver.url,
    webhookGeneration,
  });
  const clients = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
  });
  return { sandbox, receiver, clients };
}

async function deviceEvent(url: string, event: Record<string, string>) {
  const response = await fetch(`${url}/__sandbox/device-events`, {
    method: "POST",
    headers: { "x-sandbox-admin": "1", "content-type": "application/json" },
    body: JSON.stringify(event),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("profile status webhooks", () => {
  it("sends a signed, contract-shaped notification when a device downloads a profile", async () => {
    const { sandbox, receiver, clients } = await start();
    const generated = await clients.rsp.call("generateAc", {
      configName: "templateRegular01",
      ...simRecord(S, 1),
    });
    const activationCode = (generated.body as { obj: { activationCode: string } }).obj
      .activationCode;

    const event = await deviceEvent(sandbox.url, {
      iccid: iccid(S, 1),
      eid: eid(4),
      event: "DOWNLOADED",
      deviceName: "Pixel 8",
    });
    expect(event).toEqual({
      status: 200,
      body: {
        found: true,
        success: true,
        message: null,
        status: "Downloaded",
        webhookUrl: receiver.url,
      },
    });

    const [hook] = await receiver.waitFor(1);
    if (hook === undefined) throw new Error("no webhook");
    const { headers, body } = hook;
    expect(headers["access-key"]).toBe(sandbox.credentials.rsp.accessKey);
    expect(headers["sign-method"]).toBe("SHA256");
    expect(headers.timestamp).toMatch(/^[0-9]{13}$/);
    expect(headers["request-id"]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    const expected = createHmac("sha256", sandbox.credentials.rsp.secretKey)
      .update(`${headers.timestamp}${headers["request-id"]}${body}`, "utf8")
      .digest("hex");
    expect(headers.signature).toBe(expected);

    const payload = rspSchemas.ProfileStatusNotification.parse(JSON.parse(body));
    expect(payload).toMatchObject({
      iccid: iccid(S, 1),
      eid: eid(4),
      configName: "templateRegular01",
      type: "PROFILE_EVENT_NOTIFICATION",
      installedTimes: 1,
      deviceName: "Pixel 8",
      notificationType: "DOWNLOADED",
      notificationStatus: { status: "SUCCESS", message: null },
    });
    // The matching id is the one inside the activation code the generate call returned.
    expect(payload.matchingId).toBe(activationCode.split("$")[2]);
  });

  it("notifies a failed download of a profile that has not been released", async () => {
    const { sandbox, receiver, clients } = await start();
    await clients.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 2) });
    await clients.rsp.call("downloadOrder", { iccid: iccid(S, 2), eid: eid(5) });
    const event = await deviceEvent(sandbox.url, {
      iccid: iccid(S, 2),
      eid: eid(5),
      event: "DOWNLOADED",
    });
    expect(event.body).toMatchObject({
      success: false,
      message: "Profile has not been released.",
      status: "Linked",
    });
    const [hook] = await receiver.waitFor(1);
    expect(JSON.parse(hook?.body ?? "{}")).toMatchObject({
      notificationType: "DOWNLOADED",
      notificationStatus: { status: "FAILED", message: "Profile has not been released." },
    });
  });

  it("follows a profile through install, enable, disable and a forced delete", async () => {
    const { sandbox, receiver, clients } = await start();
    await clients.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 3) });
    for (const step of ["DOWNLOADED", "INSTALLED", "ENABLE", "DISABLE"]) {
      const result = await deviceEvent(sandbox.url, {
        iccid: iccid(S, 3),
        eid: eid(6),
        event: step,
      });
      expect(result.body).toMatchObject({ success: true });
    }
    const refused = await clients.rsp.call("deleteProfile", { iccid: iccid(S, 3) });
    expect(refused.body).toMatchObject({ success: false, code: "PROFILE_STATUS_INVALID" });
    const deleted = await clients.rsp.call("deleteProfile", { iccid: iccid(S, 3), force: true });
    expect(deleted.body).toMatchObject({ success: true });
    const hooks = await receiver.waitFor(5);
    expect(hooks.map((hook) => JSON.parse(hook.body).notificationType)).toEqual([
      "DOWNLOADED",
      "INSTALLED",
      "ENABLE",
      "DISABLE",
      "DELETE",
    ]);
  });

  it("retries a webhook the receiver refuses, and lists every attempt", async () => {
    const { sandbox, receiver, clients } = await start(503);
    await clients.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 4) });
    await deviceEvent(sandbox.url, { iccid: iccid(S, 4), eid: eid(7), event: "DOWNLOADED" });
    const hooks = await receiver.waitFor(3);
    expect(new Set(hooks.map((hook) => hook.headers["request-id"])).size).toBe(3);
    await sandbox.stop();
    const listed = sandbox.admin.webhookDeliveries();
    expect(listed.map((delivery) => [delivery.attempt, delivery.httpStatus])).toEqual([
      [1, 503],
      [2, 503],
      [3, 503],
    ]);
  });

  it("spells the payload as the middle docs generation does", async () => {
    const { sandbox, receiver, clients } = await start(200, "middle");
    await clients.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 5) });
    await deviceEvent(sandbox.url, {
      iccid: iccid(S, 5),
      eid: eid(8),
      event: "DOWNLOADED",
      deviceName: "Pixel 8",
    });
    const [hook] = await receiver.waitFor(1);
    const payload = JSON.parse(hook?.body ?? "{}");
    expect(Object.keys(payload)).toEqual([
      "eid",
      "iccid",
      "timestamp",
      "matchingId",
      "configName",
      "deviceName",
      "notificationType",
      "notificationStatus",
    ]);
    expect(payload.notificationStatus).toEqual({ status: "Success", message: null });
  });

  it("spells the payload as the oldest docs generation does", async () => {
    const { sandbox, receiver, clients } = await start(200, "oldest");
    await clients.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 6) });
    await clients.rsp.call("downloadOrder", { iccid: iccid(S, 6), eid: eid(9) });
    await deviceEvent(sandbox.url, {
      iccid: iccid(S, 6),
      eid: eid(9),
      event: "DOWNLOADED",
      deviceName: "Pixel 8",
    });
    const [hook] = await receiver.waitFor(1);
    const payload = JSON.parse(hook?.body ?? "{}");
    expect(payload).not.toHaveProperty("deviceName");
    expect(payload).not.toHaveProperty("notificationType");
    expect(payload).toMatchObject({
      NotificationType: "DOWNLOADED",
      notificationStatus: { status: "Failed", message: "Profile has not been released." },
    });
    // The delivery log keeps the contract's spelling.
    await sandbox.stop();
    expect(sandbox.admin.webhookDeliveries()[0]).toMatchObject({
      notificationType: "DOWNLOADED",
      notificationStatus: "FAILED",
    });
  });

  it("answers a device event with a null webhookUrl when it has no webhook URL", async () => {
    sandbox = await createSandbox({ batchDelayMs: 0, env: {} });
    const clients = createTestClients({
      rspUrl: sandbox.url,
      eimUrl: sandbox.url,
      cmpUrl: sandbox.url,
      credentials: sandbox.credentials,
    });
    await clients.rsp.call("generateAc", { configName: "templateRegular01", ...simRecord(S, 7) });
    const event = await deviceEvent(sandbox.url, {
      iccid: iccid(S, 7),
      eid: eid(8),
      event: "DOWNLOADED",
    });
    expect(event).toEqual({
      status: 200,
      body: { found: true, success: true, message: null, status: "Downloaded", webhookUrl: null },
    });
    await sandbox.stop();
    expect(sandbox.admin.webhookDeliveries()).toEqual([]);
  });

  it("answers 404 for a device event on an unknown ICCID", async () => {
    const { sandbox } = await start();
    const result = await deviceEvent(sandbox.url, {
      iccid: iccid(S, 99),
      eid: eid(1),
      event: "DOWNLOADED",
    });
    expect(result.status).toBe(404);
  });
});
