// Shared by the tests: a receiver on a loopback port over a SQLite file in a temporary
// folder, and webhooks signed as the sandbox signs them.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signWebhook } from "@simlessly/mock";
import { silentLogger } from "../src/log.ts";
import { createReceiver, type Receiver } from "../src/receiver.ts";
import { openSqliteEventStore } from "../src/sqlite-event-store.ts";

export const secretKey = "sandboxsecretkey0000000000000001";

/** A temporary folder, removed by the returned function. */
export function temporaryFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "webhook-receiver-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A receiver listening on a free loopback port, storing into `dbPath`. */
export async function startReceiver(dbPath: string): Promise<{ receiver: Receiver; url: string }> {
  const receiver = createReceiver({
    store: openSqliteEventStore(dbPath),
    secretKey,
    log: silentLogger,
  });
  const url = await receiver.listen(0, "127.0.0.1");
  return { receiver, url };
}

/** A profile status notification in the contract's spelling. */
export function notification(iccid: string, notificationType = "INSTALLED"): string {
  return JSON.stringify({
    eid: "89049032000001000000012345678901",
    iccid,
    timestamp: String(Date.now()),
    matchingId: "MATCHINGIDSECRET0001",
    configName: "templateRegular01",
    type: "PROFILE_EVENT_NOTIFICATION",
    clientIp: "203.0.113.24",
    installedTimes: 1,
    deviceName: "Pixel 8",
    notificationType,
    notificationStatus: { status: "SUCCESS" },
  });
}

/** POSTs `body` to the receiver's /webhooks, signed with `key` under `requestId`. */
export function deliver(
  url: string,
  body: string,
  options: { requestId?: string; key?: string; timestamp?: number } = {},
): Promise<Response> {
  const requestId = options.requestId ?? randomUUID();
  const timestamp = String(options.timestamp ?? Date.now());
  return fetch(`${url}/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "Access-Key": "sandboxaccesskey0000000000000001",
      "Sign-Method": "SHA256",
      Timestamp: timestamp,
      "Request-ID": requestId,
      Signature: signWebhook(options.key ?? secretKey, timestamp, requestId, body),
    },
    body,
  });
}

/** GET a JSON route of the receiver. */
export async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}
