// A receiver built on @simlessly/client/webhooks, fed over loopback HTTP by the sandbox of
// @simlessly/mock: a device event played through the sandbox's admin API makes it POST a
// signed profile status notification, which is verified over the exact bytes received and
// parsed. Sent again, the same request is refused as a replay.
import { adminHeaderName, adminHeaderValue, createSandbox, type Sandbox } from "@simlessly/mock";
import { afterEach, describe, expect, it } from "vitest";
import { createRspClient } from "../src/clients/rsp-client.ts";
import {
  createMemoryReplayStore,
  parseWebhook,
  verifyWebhook,
  WebhookReplayError,
  WebhookSignatureError,
} from "../src/webhooks.ts";
import { localServers, receiveFirst } from "./support/local-server.ts";

let sandbox: Sandbox | undefined;
const servers = localServers();
afterEach(async () => {
  await sandbox?.stop();
  await servers.closeAll();
});

describe("webhooks from the sandbox", () => {
  it("verifies and parses a profile status notification over the exact bytes received", async () => {
    const { url, first: received } = await receiveFirst(servers);
    sandbox = await createSandbox({ env: {}, seed: 11, batchDelayMs: 0, webhookUrl: url });
    const { accessKey, secretKey } = sandbox.credentials.rsp;
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

    const { headers, body } = await received;
    const replayStore = createMemoryReplayStore();
    const verified = await verifyWebhook({ body, headers, secretKey, accessKey, replayStore });
    expect(verified).toMatchObject({ requestId: headers["request-id"], accessKey });

    const webhook = parseWebhook(body);
    expect(webhook.kind).toBe("profileStatus");
    if (webhook.kind !== "profileStatus") return;
    expect(webhook.payload).toMatchObject({ iccid, eid, notificationType: "DOWNLOADED" });
    expect(["SUCCESS", "FAILED"]).toContain(webhook.payload.notificationStatus.status);

    await expect(verifyWebhook({ body, headers, secretKey, replayStore })).rejects.toBeInstanceOf(
      WebhookReplayError,
    );
    // One byte changed (re-serialized JSON would differ the same way) fails the signature.
    const changed = Buffer.from(body);
    changed[changed.length - 1] = 0x20;
    await expect(
      verifyWebhook({ body: changed, headers, secretKey, replayStore: createMemoryReplayStore() }),
    ).rejects.toBeInstanceOf(WebhookSignatureError);
  });
});
