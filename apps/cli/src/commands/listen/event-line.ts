import type { ParsedWebhook } from "@simlessly/client/webhooks";
import { eimMetadata, rspMetadata } from "@simlessly/contract";

// How `simlessly listen` prints an accepted webhook: one line of text, or one JSON line.

/** What became of the forward of one event to --forward-to. */
export type ForwardOutcome =
  | { readonly status: number }
  | { readonly status: null; readonly error: string };

/** An accepted webhook, as `listen` reports it. */
export interface ReceivedEvent {
  /** When it was received, milliseconds since the epoch. */
  readonly receivedAt: number;
  readonly requestId: string;
  readonly webhook: ParsedWebhook;
  /** Undefined when there is no --forward-to. */
  readonly forward?: ForwardOutcome | undefined;
}

const masked = "***";

// The contract marks the secret fields of each notification (`x-secret`: the matching id,
// which completes an activation code); the generated metadata lists them, so a field marked
// later is masked too. Any property name marked secret anywhere is masked as well.
const secretPathsByKind: Readonly<Record<ParsedWebhook["kind"], readonly string[]>> = {
  profileStatus: rspMetadata.secretPaths.ProfileStatusNotification,
  recycle: rspMetadata.secretPaths.RecycleNotification,
  eim: eimMetadata.secretPaths.EimNotification,
};
const secretNames: ReadonlySet<string> = new Set<string>([
  ...rspMetadata.secretPropertyNames,
  ...eimMetadata.secretPropertyNames,
]);

/** The payload with every secret field's value replaced by `***`. */
export function maskedPayload(webhook: ParsedWebhook): unknown {
  const paths = secretPathsByKind[webhook.kind].map((path) => path.split("."));
  let copy = maskNames(webhook.payload);
  for (const path of paths) copy = maskPath(copy, path);
  return copy;
}

function maskNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskNames);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      secretNames.has(key) && inner !== null ? masked : maskNames(inner),
    ]),
  );
}

// A path such as `items[].ac`: `[]` walks every element of an array.
function maskPath(value: unknown, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined || head === "") return value === null ? value : masked;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const many = head.endsWith("[]");
  const key = many ? head.slice(0, -2) : head;
  if (!Object.hasOwn(record, key)) return value;
  const inner = record[key];
  const next = many
    ? Array.isArray(inner)
      ? inner.map((item) => maskPath(item, rest))
      : inner
    : rest.length === 0
      ? inner === null
        ? inner
        : masked
      : maskPath(inner, rest);
  return { ...record, [key]: next };
}

/** One line of text: time, kind, ICCID, what happened, and the forward's answer. */
export function eventLine(event: ReceivedEvent): string {
  const time = new Date(event.receivedAt).toISOString();
  return `${time} ${describe(event.webhook)}${forwardText(event.forward)}\n`;
}

/** One JSON line: the parsed event, secret fields masked. */
export function eventJsonLine(event: ReceivedEvent): string {
  const document = {
    time: new Date(event.receivedAt).toISOString(),
    requestId: event.requestId,
    kind: event.webhook.kind,
    payload: maskedPayload(event.webhook),
    ...(event.forward === undefined ? {} : { forward: event.forward }),
  };
  return `${JSON.stringify(document)}\n`;
}

function describe(webhook: ParsedWebhook): string {
  switch (webhook.kind) {
    case "profileStatus": {
      const { iccid, notificationType, notificationStatus } = webhook.payload;
      return `profileStatus ${iccid} ${notificationType} ${notificationStatus.status}`;
    }
    case "recycle":
      return `recycle ${webhook.payload.iccid} ${webhook.payload.status}`;
    case "eim": {
      const items = webhook.payload.resultDtoitems;
      const failed = items.filter((item) => !item.success).length;
      const first = items[0]?.iccid ?? "-";
      return `eim ${first}${items.length > 1 ? ` (+${items.length - 1})` : ""} type ${webhook.payload.type}: ${items.length - failed} succeeded, ${failed} failed`;
    }
  }
}

function forwardText(forward: ForwardOutcome | undefined): string {
  if (forward === undefined) return "";
  return forward.status === null
    ? ` → forward failed: ${forward.error}`
    : ` → forwarded: HTTP ${forward.status}`;
}
