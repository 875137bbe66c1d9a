import type { SandboxAdminClient, WebhookDelivery } from "./sandbox-admin-client.ts";

// The sandbox sends a device event's webhook in the background, after it answered the event,
// and records each attempt once it is over. So the attempts of this event are the ones that
// appear after it for its ICCID; real time is waited for them (a network round trip, not the
// sandbox's clock, which a test may move on its own).

const pollMs = 100;

/**
 * The delivery attempts for `iccid` that were not in `before`, waited for up to `waitMs`:
 * it returns at the first delivered one, else with what was recorded when time ran out (none
 * when the sandbox has no webhook URL, since it then sends nothing).
 */
export async function newWebhookDeliveries(
  admin: SandboxAdminClient,
  iccid: string,
  before: ReadonlySet<string>,
  waitMs: number,
): Promise<readonly WebhookDelivery[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const fresh = (await admin.webhookDeliveries()).filter(
      (delivery) => delivery.iccid === iccid && !before.has(delivery.requestId),
    );
    if (fresh.some(delivered) || Date.now() >= deadline) return fresh;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, deadline - Date.now())));
  }
}

/** Whether the receiver took the attempt (a 2xx answer). */
export function delivered(delivery: WebhookDelivery): boolean {
  return delivery.httpStatus !== null && delivery.httpStatus >= 200 && delivery.httpStatus < 300;
}
