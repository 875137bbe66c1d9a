// A webhook receiver built on this package, fed over HTTP by the sandbox of @simlessly/mock
// speaking each docs generation of the profile status notification: once normalized, every
// generation validates against the contract (strict) and reads the same, apart from the
// fields the older ones never send.
import { rspSchemas } from "@simlessly/contract";
import { createSandbox, type Sandbox, type WebhookGeneration } from "@simlessly/mock";
import { afterEach, describe, expect, it } from "vitest";
import { normalizeProfileStatusNotification } from "../src/answers/normalize-profile-status-notification.ts";
import { judgeBody } from "../src/answers/response-validation.ts";
import { createRspClient } from "../src/clients/rsp-client.ts";
import { rspValidator } from "../src/validation.ts";
import { localServers, receiveFirst } from "./support/local-server.ts";

let sandbox: Sandbox | undefined;
const servers = localServers();
afterEach(async () => {
  await sandbox?.stop();
  await servers.closeAll();
});

/** Generates a profile, releases nothing, and plays a failed download: one notification. */
async function notificationIn(generation: WebhookGeneration): Promise<unknown> {
  const { url, first } = await receiveFirst(servers);
  sandbox = await createSandbox({
    env: {},
    seed: 7,
    batchDelayMs: 0,
    webhookUrl: url,
    webhookGeneration: generation,
  });
  const rsp = createRspClient({
    baseUrl: sandbox.url,
    accessKey: sandbox.credentials.rsp.accessKey,
    secretKey: sandbox.credentials.rsp.secretKey,
  });
  const iccid = "89860468152080349618";
  const eid = "89049032000001000000012345678901";
  await rsp.generateAc({
    configName: "templateRegular01",
    iccid,
    imsi: "460048867619618",
    ki: "6BE2053E8580B135CD43443380DB7111",
  });
  await rsp.downloadOrder({ iccid, eid });
  sandbox.admin.deviceEvent({ iccid, eid, event: "DOWNLOADED", deviceName: "Pixel 8" });
  return JSON.parse((await first).body.toString("utf8"));
}

describe("profile status notifications from the sandbox, per docs generation", () => {
  it.each(["newest", "middle", "oldest"] as const)(
    "the %s generation, normalized, passes strict validation",
    async (generation) => {
      const payload = normalizeProfileStatusNotification(await notificationIn(generation));
      expect(judgeBody("strict", rspValidator, "ProfileStatusNotification", payload)).toEqual({
        rejected: [],
        reported: [],
      });
      const event = rspSchemas.ProfileStatusNotification.parse(payload);
      expect(event).toMatchObject({
        iccid: "89860468152080349618",
        notificationType: "DOWNLOADED",
        notificationStatus: { status: "FAILED", message: "Profile has not been released." },
      });
      expect("clientIp" in event).toBe(generation === "newest");
    },
  );

  it("refuses the oldest generation when a receiver skips normalization", async () => {
    const payload = await notificationIn("oldest");
    const verdict = judgeBody("lenient", rspValidator, "ProfileStatusNotification", payload);
    expect(verdict.rejected.length).toBeGreaterThan(0);
  });
});
