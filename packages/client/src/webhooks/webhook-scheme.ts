// How a webhook's `Signature` is computed. The platform's docs do not say how it signs
// webhooks, so the scheme is pluggable; the default is the one the sandbox of
// @simlessly/mock documents and uses, until the platform's is known:
//   Signature = lower-case hex HMAC-SHA256, keyed with the RSP SecretKey,
//               over Timestamp + Request-ID + body (the exact bytes received)
import { createHmac, timingSafeEqual } from "node:crypto";

/** What a scheme signs: the headers' values and the body's exact bytes. */
export interface WebhookSigningInput {
  readonly secretKey: string;
  /** `Access-Key`, or null when absent. */
  readonly accessKey: string | null;
  readonly timestamp: string;
  readonly requestId: string;
  readonly body: Uint8Array;
}

/** A way of signing webhooks. */
export interface WebhookScheme {
  /** A short name for logs, e.g. `sandbox-hmac-sha256`. */
  readonly name: string;
  /**
   * The `Sign-Method` values it accepts, compared without regard to case; a webhook naming
   * another method is refused. An absent `Sign-Method` header is accepted.
   */
  readonly signMethods: readonly string[];
  /** The `Signature` the sender must have sent for this input. */
  sign(input: WebhookSigningInput): string;
}

/**
 * The sandbox's scheme (the default until the platform's is known): lower-case hex
 * HMAC-SHA256 keyed with the RSP SecretKey over `Timestamp + Request-ID + body`, with
 * `Sign-Method: SHA256`.
 */
export const sandboxWebhookScheme: WebhookScheme = Object.freeze({
  name: "sandbox-hmac-sha256",
  signMethods: Object.freeze(["SHA256"]),
  sign(input: WebhookSigningInput): string {
    return createHmac("sha256", input.secretKey)
      .update(`${input.timestamp}${input.requestId}`, "utf8")
      .update(input.body)
      .digest("hex");
  },
});

/**
 * Compares a received signature with the expected one in time that does not depend on where
 * they differ. `timingSafeEqual` needs equal lengths, so a received value of another length
 * is compared with the expected value itself (the same work) and refused.
 */
export function signaturesMatch(expected: string, received: string): boolean {
  const want = Buffer.from(expected, "utf8");
  const got = Buffer.from(received, "utf8");
  if (got.length !== want.length) {
    timingSafeEqual(want, want);
    return false;
  }
  return timingSafeEqual(want, got);
}
