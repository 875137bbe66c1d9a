// Sends profile status notifications to the configured URL, signed. The docs do not say how
// the platform signs webhooks, so the sandbox makes its own, documented choice:
//   Signature = lower-case hex HMAC-SHA256, keyed with the RSP SecretKey,
//               over Timestamp + Request-ID + body (the exact bytes sent)
// with the headers the docs show: Access-Key, Sign-Method (SHA256), Timestamp, Request-ID.
import { createHmac, randomUUID } from "node:crypto";
import type { ProfileStatusNotification } from "../engine/engine-context.ts";
import { inGeneration, type WebhookGeneration } from "./webhook-generations.ts";

/** One delivery attempt, as the admin endpoint lists it (no payload: it holds a matching id). */
export interface WebhookDelivery {
  readonly requestId: string;
  readonly iccid: string;
  readonly notificationType: string;
  readonly notificationStatus: string;
  readonly attempt: number;
  /** The receiver's HTTP status, or null when the request failed. */
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly at: number;
}

/** The webhook sender of a sandbox. */
export interface WebhookSender {
  /** Where notifications go; null when they are dropped. */
  readonly url: string | null;
  /** Queues a notification; delivery runs in the background. */
  send(notification: ProfileStatusNotification): void;
  /** The most recent delivery attempts, oldest first. */
  deliveries(): readonly WebhookDelivery[];
  /** Resolves once every queued delivery has finished (delivered or given up). */
  idle(): Promise<void>;
}

/** What a sender needs. */
export interface WebhookSenderOptions {
  /** Where to send; without it notifications are dropped. */
  readonly url?: string | undefined;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly now: () => number;
  /** Attempts per notification (a non-2xx answer or a network error is retried); 3 by default. */
  readonly attempts?: number | undefined;
  /** The wait before retry n is n times this; 200 ms by default. */
  readonly retryDelayMs?: number | undefined;
  readonly timeoutMs?: number;
  /** The docs generation whose spelling the payload takes; `newest` (the contract's) by default. */
  readonly generation?: WebhookGeneration;
}

const keptDeliveries = 1000;

/** Signs a webhook body as the sandbox does (see the file comment). */
export function signWebhook(
  secretKey: string,
  timestamp: string,
  requestId: string,
  body: string,
): string {
  return createHmac("sha256", secretKey)
    .update(`${timestamp}${requestId}${body}`, "utf8")
    .digest("hex");
}

/** Creates the sender. */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const log: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();

  const attempt = async (notification: ProfileStatusNotification, body: string, number: number) => {
    // Each attempt is a fresh signed request: a new Request-ID and Timestamp.
    const requestId = randomUUID();
    const timestamp = String(options.now());
    let httpStatus: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(options.url ?? "", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "Access-Key": options.accessKey,
          "Sign-Method": "SHA256",
          Timestamp: timestamp,
          "Request-ID": requestId,
          Signature: signWebhook(options.secretKey, timestamp, requestId, body),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      httpStatus = response.status;
      await response.body?.cancel();
    } catch (caught) {
      error = caught instanceof Error ? caught.name : "error";
    }
    log.push({
      requestId,
      iccid: notification.iccid,
      notificationType: notification.notificationType,
      notificationStatus: notification.notificationStatus.status,
      attempt: number,
      httpStatus,
      error,
      at: options.now(),
    });
    if (log.length > keptDeliveries) log.splice(0, log.length - keptDeliveries);
    return httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
  };

  const deliver = async (notification: ProfileStatusNotification) => {
    const body = JSON.stringify(inGeneration(notification, options.generation ?? "newest"));
    for (let number = 1; number <= attempts; number++) {
      if (await attempt(notification, body, number)) return;
      if (number < attempts)
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * number));
    }
  };

  return {
    url: options.url ?? null,
    send(notification) {
      if (options.url === undefined) return;
      const delivery = deliver(notification).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    },
    deliveries: () => [...log],
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
