// Verifies a received webhook: its signature over the exact bytes received, the freshness of
// its `Timestamp` and that its `Request-ID` was not accepted before. Signature first, so that
// nothing unauthenticated reaches the replay store.
import { createMemoryReplayStore, type ReplayStore } from "./replay-store.ts";
import {
  WebhookMalformedError,
  WebhookReplayError,
  WebhookSignatureError,
  WebhookStaleError,
} from "./webhook-errors.ts";
import { readHeader, type WebhookHeaders } from "./webhook-headers.ts";
import { sandboxWebhookScheme, signaturesMatch, type WebhookScheme } from "./webhook-scheme.ts";

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /** The body exactly as received: bytes, or text that is exactly their UTF-8 decoding. */
  readonly body: Uint8Array | string;
  /** The request headers: a `Headers` or a record; names are matched without regard to case. */
  readonly headers: WebhookHeaders;
  /** The RSP SecretKey. Never printed by the errors. */
  readonly secretKey: string;
  /** When given, `Access-Key` must equal it (an account with several key pairs). */
  readonly accessKey?: string | undefined;
  /** How far `Timestamp` may be from now, either way, in milliseconds; 5 minutes by default. */
  readonly toleranceMs?: number | undefined;
  /** The clock, milliseconds since the epoch; `Date.now` by default. */
  readonly now?: (() => number) | undefined;
  /**
   * Where accepted request ids are remembered. By default one in-memory store per process
   * (on `Date.now`); pass your own when running several instances, or a
   * `createMemoryReplayStore({ now })` when passing `now`.
   */
  readonly replayStore?: ReplayStore | undefined;
  /** How `Signature` is computed; the sandbox's scheme until the platform's is known. */
  readonly scheme?: WebhookScheme | undefined;
}

/** What a verified webhook's headers said. */
export interface VerifiedWebhook {
  readonly requestId: string;
  /** `Timestamp`, milliseconds since the epoch. */
  readonly timestamp: number;
  /** `Access-Key`, or null when absent. */
  readonly accessKey: string | null;
  /** The scheme that verified it. */
  readonly scheme: string;
}

/** Five minutes, as the webhooks of most platforms allow for clock skew and delivery. */
export const defaultWebhookToleranceMs = 5 * 60_000;

let processReplayStore: ReplayStore | undefined;

const encoder = new TextEncoder();

/**
 * Verifies a webhook, resolving with what its headers said, or throws a subclass of
 * `SimlesslyWebhookError`: `WebhookMalformedError` (a header missing or unreadable),
 * `WebhookSignatureError`, `WebhookStaleError` (`Timestamp` beyond `toleranceMs`, either way)
 * or `WebhookReplayError` (a `Request-ID` accepted before within the window).
 *
 * The platform's docs do not say how webhooks are signed; by default the sandbox's scheme is
 * checked (`sandboxWebhookScheme`: hex HMAC-SHA256 keyed with the SecretKey over
 * `Timestamp + Request-ID + body`). Pass `scheme` once the platform's is known. The body
 * must be the bytes received, before any JSON parsing: re-serialized JSON does not match.
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<VerifiedWebhook> {
  const scheme = options.scheme ?? sandboxWebhookScheme;
  const toleranceMs = options.toleranceMs ?? defaultWebhookToleranceMs;
  const requestId = required(options.headers, "Request-ID", null);
  // It is echoed in errors and logs before it is authenticated: printable ASCII, bounded.
  if (!/^[\x21-\x7e]{1,128}$/.test(requestId)) {
    throw new WebhookMalformedError({ reason: "invalid-header", field: "Request-ID" });
  }
  const timestampText = required(options.headers, "Timestamp", requestId);
  const signature = required(options.headers, "Signature", requestId);
  const accessKey = readHeader(options.headers, "Access-Key");
  const signMethod = readHeader(options.headers, "Sign-Method");

  if (!/^\d{1,16}$/.test(timestampText)) {
    throw new WebhookMalformedError({ reason: "invalid-header", field: "Timestamp", requestId });
  }
  const known = scheme.signMethods.map((method) => method.toLowerCase());
  if (signMethod !== null && !known.includes(signMethod.toLowerCase())) {
    throw new WebhookMalformedError({ reason: "invalid-header", field: "Sign-Method", requestId });
  }

  const body = typeof options.body === "string" ? encoder.encode(options.body) : options.body;
  const expected = scheme.sign({
    secretKey: options.secretKey,
    accessKey,
    timestamp: timestampText,
    requestId,
    body,
  });
  if (!signaturesMatch(expected, signature)) throw new WebhookSignatureError({ requestId });
  // Checked after the signature: which key pair sent it is only worth telling when authentic.
  if (options.accessKey !== undefined && accessKey !== options.accessKey) {
    throw new WebhookSignatureError({ requestId });
  }

  const timestamp = Number(timestampText);
  const ageMs = (options.now ?? Date.now)() - timestamp;
  if (Math.abs(ageMs) > toleranceMs) {
    throw new WebhookStaleError({ requestId, ageMs, toleranceMs });
  }

  processReplayStore ??= createMemoryReplayStore();
  const store = options.replayStore ?? processReplayStore;
  if (await store.seen(requestId, timestamp + toleranceMs)) {
    throw new WebhookReplayError({ requestId });
  }
  return { requestId, timestamp, accessKey, scheme: scheme.name };
}

function required(headers: WebhookHeaders, name: string, requestId: string | null): string {
  const value = readHeader(headers, name);
  if (value === null)
    throw new WebhookMalformedError({ reason: "missing-header", field: name, requestId });
  return value;
}
