// Shared by the tests: a receiver on a loopback port over a SQLite file in a temporary
// folder, and webhooks signed as the sandbox signs them.
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
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

/** src/main.ts running in a child process, as it runs in production. */
export interface RunningMain {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  /** The URL from its `listening` line. */
  readonly url: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
}

const mainPath = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/** Starts src/main.ts on `dbPath` and `port` (0: a free one) and waits for it to listen. */
export async function spawnMain(dbPath: string, port = 0): Promise<RunningMain> {
  const child = spawn(process.execPath, [mainPath], {
    env: {
      PATH: process.env.PATH,
      SIMLESSLY_SECRET_KEY: secretKey,
      WEBHOOK_RECEIVER_PORT: String(port),
      WEBHOOK_RECEIVER_DB: dbPath,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /"event":"listening","url":"([^"]+)"/.exec(output);
      if (match?.[1] !== undefined) {
        clearInterval(timer);
        resolve(match[1]);
      }
      if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`exited early: ${output}`));
      }
    }, 20);
  });
  return { child, url, output: () => output, exited };
}
