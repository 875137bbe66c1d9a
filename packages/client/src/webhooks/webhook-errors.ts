// The errors of webhook verification and parsing. A refused webhook is often a probe or an
// attack, and its body may hold activation codes, so these errors name what failed (a reason
// code, a header or field name, an age) and never a body, a signature or a key.
import { SimlesslyError } from "../errors/simlessly-error.ts";

/** Why a webhook was refused. */
export type WebhookErrorReason =
  /** `Signature` does not match the body and headers under the secret key. */
  | "signature-mismatch"
  /** `Timestamp` is older than the tolerance allows. */
  | "too-old"
  /** `Timestamp` is further in the future than the tolerance allows. */
  | "in-future"
  /** This `Request-ID` was accepted before, within the tolerance window. */
  | "replayed"
  /** A required header is absent or empty. */
  | "missing-header"
  /** A header is present but unreadable (e.g. a non-numeric `Timestamp`, a repeated header). */
  | "invalid-header"
  /** The body is not UTF-8 JSON, or not a JSON object. */
  | "invalid-json"
  /** A field the notification requires is absent. */
  | "missing-field"
  /** A field has the wrong JSON type. */
  | "invalid-field"
  /** The body is an object, but of no known notification. */
  | "unknown-shape";

/** Options of {@link SimlesslyWebhookError}. */
export interface SimlesslyWebhookErrorInit {
  readonly reason: WebhookErrorReason;
  /** The `Request-ID` header, when it was read (it identifies the delivery, it is no secret). */
  readonly requestId?: string | null | undefined;
}

/** Any refusal of a webhook by `verifyWebhook` or `parseWebhook`. */
export class SimlesslyWebhookError extends SimlesslyError {
  override readonly name: string = "SimlesslyWebhookError";
  /** Why it was refused. */
  readonly reason: WebhookErrorReason;

  constructor(what: string, init: SimlesslyWebhookErrorInit) {
    super(what, { operationId: "webhook", requestId: init.requestId ?? null, attempts: 0 });
    this.reason = init.reason;
  }
}

/** The signature does not match: a wrong secret key, a changed body, or a forgery. */
export class WebhookSignatureError extends SimlesslyWebhookError {
  override readonly name: string = "WebhookSignatureError";

  constructor(init: { readonly requestId: string }) {
    super("refused: the signature does not match", { reason: "signature-mismatch", ...init });
  }
}

/** `Timestamp` is outside the tolerance window, in the past or in the future. */
export class WebhookStaleError extends SimlesslyWebhookError {
  override readonly name: string = "WebhookStaleError";
  /** How far `Timestamp` is from now, in milliseconds (negative: in the future). */
  readonly ageMs: number;
  /** The window it had to fall in, in milliseconds either way. */
  readonly toleranceMs: number;

  constructor(init: {
    readonly requestId: string;
    readonly ageMs: number;
    readonly toleranceMs: number;
  }) {
    const future = init.ageMs < 0;
    super(
      `refused: the timestamp is ${Math.abs(init.ageMs)} ms ${future ? "in the future" : "old"}, beyond the tolerance of ${init.toleranceMs} ms`,
      { reason: future ? "in-future" : "too-old", requestId: init.requestId },
    );
    this.ageMs = init.ageMs;
    this.toleranceMs = init.toleranceMs;
  }
}

/** The same `Request-ID` arrived again within the window: a replay or a duplicate delivery. */
export class WebhookReplayError extends SimlesslyWebhookError {
  override readonly name: string = "WebhookReplayError";

  constructor(init: { readonly requestId: string }) {
    super("refused: this request id was already accepted", { reason: "replayed", ...init });
  }
}

/** Options of {@link WebhookMalformedError}. */
export interface WebhookMalformedErrorInit {
  readonly reason: Extract<
    WebhookErrorReason,
    | "missing-header"
    | "invalid-header"
    | "invalid-json"
    | "missing-field"
    | "invalid-field"
    | "unknown-shape"
  >;
  /** The header or field concerned (a name or a path such as `resultDtoitems[0].eid`), or null. */
  readonly field?: string | null | undefined;
  readonly requestId?: string | null | undefined;
}

const malformedText: Readonly<Record<WebhookMalformedErrorInit["reason"], string>> = {
  "missing-header": "the header is missing",
  "invalid-header": "the header is unreadable",
  "invalid-json": "the body is not a JSON object",
  "missing-field": "the field is missing",
  "invalid-field": "the field has the wrong type",
  "unknown-shape": "the body is no known notification",
};

/** A header or the body is missing or unreadable; names the header or field, never values. */
export class WebhookMalformedError extends SimlesslyWebhookError {
  override readonly name: string = "WebhookMalformedError";
  /** The header or field concerned, or null. */
  readonly field: string | null;

  constructor(init: WebhookMalformedErrorInit) {
    const field = init.field ?? null;
    super(`refused: ${malformedText[init.reason]}${field === null ? "" : ` (${field})`}`, init);
    this.field = field;
  }
}
