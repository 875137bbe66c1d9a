// Reads a webhook body as one of the notifications the contract describes, recognized by the
// fields only it has: a profile status notification (`notificationStatus`, any docs
// generation's spelling, normalized to the newest), a recycle notification (`orderId`) or an
// eIM notification (`resultDtoitems`). Required fields are checked for presence and JSON type,
// which is what code branching on them relies on; for the full contract (enums, patterns),
// validate `payload` with the zod schemas of `@simlessly/contract`.
import type { EimSchema, RspSchema } from "@simlessly/contract";
import { normalizeProfileStatusNotification } from "../answers/normalize-profile-status-notification.ts";
import { WebhookMalformedError } from "./webhook-errors.ts";

/** A parsed webhook, by kind. */
export type ParsedWebhook =
  | {
      /** The RSP `profileStatusNotification` webhook, in the newest docs spelling. */
      readonly kind: "profileStatus";
      readonly payload: RspSchema<"ProfileStatusNotification">;
    }
  | {
      /** The RSP `recycleNotification` webhook. */
      readonly kind: "recycle";
      readonly payload: RspSchema<"RecycleNotification">;
    }
  | {
      /** The eIM `sendNotification` webhook. */
      readonly kind: "eim";
      readonly payload: EimSchema<"EimNotification">;
    };

type JsonType = "string" | "number" | "boolean" | "object" | "array" | "string-or-null";
type Shape = Readonly<Record<string, JsonType>>;

const profileStatusShape: Shape = {
  eid: "string",
  iccid: "string",
  timestamp: "string",
  matchingId: "string",
  configName: "string",
  notificationType: "string",
  notificationStatus: "object",
};
const notificationStatusShape: Shape = { status: "string" };
const recycleShape: Shape = {
  eid: "string",
  iccid: "string",
  orderId: "string",
  configName: "string",
  timestamp: "string",
  status: "string",
};
const eimShape: Shape = { type: "number", resultDtoitems: "array" };
const eimItemShape: Shape = {
  iccid: "string",
  eid: "string",
  success: "boolean",
  errorMsg: "string-or-null",
};

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses a webhook body (the bytes or text received) into a {@link ParsedWebhook}, or throws
 * `WebhookMalformedError` naming the missing or mistyped field (never its value). Verify the
 * body with `verifyWebhook` first; eIM notifications carry no documented signature.
 */
export function parseWebhook(body: Uint8Array | string): ParsedWebhook {
  const value = readJson(body);
  if (Object.hasOwn(value, "resultDtoitems")) {
    check(value, eimShape, "");
    (value.resultDtoitems as unknown[]).forEach((item, index) => {
      const path = `resultDtoitems[${index}]`;
      if (!isRecord(item))
        throw new WebhookMalformedError({ reason: "invalid-field", field: path });
      check(item, eimItemShape, `${path}.`);
    });
    return { kind: "eim", payload: value as EimSchema<"EimNotification"> };
  }
  if (Object.hasOwn(value, "notificationStatus")) {
    const payload = normalizeProfileStatusNotification(value) as Record<string, unknown>;
    check(payload, profileStatusShape, "");
    check(
      payload.notificationStatus as Record<string, unknown>,
      notificationStatusShape,
      "notificationStatus.",
    );
    return { kind: "profileStatus", payload: payload as RspSchema<"ProfileStatusNotification"> };
  }
  if (Object.hasOwn(value, "orderId")) {
    check(value, recycleShape, "");
    return { kind: "recycle", payload: value as RspSchema<"RecycleNotification"> };
  }
  throw new WebhookMalformedError({
    reason: "unknown-shape",
    field: "notificationStatus | orderId | resultDtoitems",
  });
}

function readJson(body: Uint8Array | string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(typeof body === "string" ? body : decoder.decode(body));
  } catch {
    // The parser's message quotes the body; it is not kept, not even as the cause.
    throw new WebhookMalformedError({ reason: "invalid-json" });
  }
  if (!isRecord(value)) throw new WebhookMalformedError({ reason: "invalid-json" });
  return value;
}

function check(value: Record<string, unknown>, shape: Shape, prefix: string): void {
  for (const [field, type] of Object.entries(shape)) {
    if (!Object.hasOwn(value, field) || value[field] === undefined) {
      throw new WebhookMalformedError({ reason: "missing-field", field: `${prefix}${field}` });
    }
    if (!hasType(value[field], type)) {
      throw new WebhookMalformedError({ reason: "invalid-field", field: `${prefix}${field}` });
    }
  }
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    case "string-or-null":
      return value === null || typeof value === "string";
    default:
      return typeof value === type;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
