// POST /webhooks: verify, parse, store, then answer. The answers, chosen so that a sender
// retrying on anything but 2xx does the right thing:
//
//   200  stored, or a duplicate: the same Request-ID, or the same notification sent again
//        under a new one (event-store.ts); either way already handled
//   400  malformed: a header missing or unreadable, a body that is no known notification
//   401  bad signature, or a Timestamp outside the window (its freshness cannot be vouched for)
//   413  a body over the limit
//   500  the store failed: nothing was acknowledged, the sender should retry
import type { IncomingMessage } from "node:http";
import {
  type ParsedWebhook,
  parseWebhook,
  type ReplayStore,
  SimlesslyWebhookError,
  verifyWebhook,
  WebhookMalformedError,
} from "@simlessly/client/webhooks";
import type { EventStore, NewEvent } from "./event-store.ts";
import type { Logger } from "./log.ts";

/** A body larger than this is refused unread: notifications are well under 4 KiB. */
export const maxBodyBytes = 64 * 1024;

/** What the handler needs. */
export interface WebhookContext {
  readonly store: EventStore;
  readonly secretKey: string;
  readonly accessKey: string | undefined;
  readonly log: Logger;
  readonly now: () => number;
}

/** An answer: a status and a small JSON body that names no secret. */
export interface Answer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Handles one delivery; resolves once the event is durable (or refused). */
export async function receiveWebhook(
  request: IncomingMessage,
  context: WebhookContext,
): Promise<Answer> {
  const body = await readBody(request);
  if (body === null) {
    context.log("webhook", { outcome: "refused", status: 413, reason: "too-large" });
    return { status: 413, body: { error: "too-large" } };
  }
  try {
    const verified = await verifyWebhook({
      body,
      headers: request.headers,
      secretKey: context.secretKey,
      accessKey: context.accessKey,
      now: context.now,
      replayStore: storeBackedReplay(context.store),
    });
    const event = toEvent(verified.requestId, parseWebhook(body), context.now());
    const result = await context.store.append(event);
    context.log("webhook", {
      outcome: result,
      status: 200,
      requestId: event.requestId,
      iccid: event.iccid,
      notificationType: event.notificationType,
      notificationStatus: event.status,
    });
    return { status: 200, body: { result } };
  } catch (error) {
    if (!(error instanceof SimlesslyWebhookError)) throw error;
    return refusal(error, context.log);
  }
}

/**
 * The replay check of verifyWebhook, answered from the stored events. It records nothing:
 * the event row is the record, written by `append` atomically with its Request-ID, so a
 * delivery whose write failed is not remembered and its retry is stored.
 */
function storeBackedReplay(store: EventStore): ReplayStore {
  return { seen: (requestId) => store.seen(requestId) };
}

function refusal(error: SimlesslyWebhookError, log: Logger): Answer {
  // A replay of a genuine, fresh delivery is a duplicate: already stored, so acknowledged.
  const status =
    error.reason === "replayed"
      ? 200
      : error.reason === "signature-mismatch" ||
          error.reason === "too-old" ||
          error.reason === "in-future"
        ? 401
        : 400;
  const field = error instanceof WebhookMalformedError ? (error.field ?? null) : null;
  log("webhook", {
    outcome: status === 200 ? "duplicate" : "refused",
    status,
    reason: error.reason,
    requestId: error.requestId,
    field,
  });
  return status === 200
    ? { status, body: { result: "duplicate" } }
    : { status, body: { error: error.reason } };
}

function toEvent(requestId: string, webhook: ParsedWebhook, receivedAt: number): NewEvent {
  if (webhook.kind === "eim") {
    // eIM notifications carry no signature and are not profile events of this service.
    throw new WebhookMalformedError({ reason: "unknown-shape", field: "notificationStatus" });
  }
  const payload = webhook.payload;
  const occurredAt = Number(payload.timestamp);
  if (!Number.isSafeInteger(occurredAt)) {
    throw new WebhookMalformedError({ reason: "invalid-field", field: "timestamp", requestId });
  }
  const common = {
    requestId,
    iccid: payload.iccid,
    eid: payload.eid,
    occurredAt,
    receivedAt,
    configName: payload.configName,
  };
  if (webhook.kind === "recycle") {
    return {
      ...common,
      kind: "recycle",
      notificationType: "RECYCLE",
      status: webhook.payload.status,
      deviceName: null,
      clientIp: null,
      installedTimes: null,
    };
  }
  const profile = webhook.payload;
  return {
    ...common,
    kind: "profileStatus",
    notificationType: profile.notificationType,
    status: profile.notificationStatus.status,
    deviceName: profile.deviceName ?? null,
    clientIp: profile.clientIp ?? null,
    installedTimes: profile.installedTimes ?? null,
  };
}

/** The body's bytes, or null past `maxBodyBytes`. */
async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
