import { computeSignatureHex } from "./compute-signature.ts";
import { type HeaderSource, readHeader } from "./header-source.ts";
import type { HmacSha256 } from "./hmac.ts";
import { canonicalRequestId } from "./request-id.ts";
import { isSigningScheme, type SigningScheme, schemeHeaderNames } from "./schemes.ts";
import type { SignableBody } from "./signable-body.ts";
import { SigningInputError } from "./signing-input-error.ts";
import { timingSafeEqualHex } from "./timing-safe-equal.ts";

const timestampDigits = /^[0-9]{1,16}$/;

/** A received request to check, and the server-side state the check consults. */
export interface VerifySignedRequestInput {
  readonly scheme: SigningScheme;
  readonly headers: HeaderSource;
  /** The exact body bytes received; absent means empty. */
  readonly body?: SignableBody | null | undefined;
  /**
   * Looks up the secret for an AccessKey / public-key; `undefined` (or "") if unknown.
   * If it throws, verification rejects with that error: a broken store is not a verdict.
   */
  readonly secretForKey: (key: string) => string | undefined | Promise<string | undefined>;
  /** Milliseconds since the epoch; default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Largest accepted clock difference, into the past and the future; default 10 minutes. */
  readonly toleranceMs?: number | undefined;
  /**
   * The seen-request-id store: returns true if the (canonical, lower-case dashed) id was
   * already used, and records it. Called only once the signature is valid, so a forger
   * cannot use up ids. Without it, replays are not detected. If it throws, verification
   * rejects with that error.
   */
  readonly requestIdSeen?: ((requestId: string) => boolean | Promise<boolean>) | undefined;
  /** Overrides the entry point's default HMAC (Web Crypto, or node:crypto under `node`). */
  readonly hmac?: HmacSha256 | undefined;
}

/** Why a request was refused. */
export type VerifyFailureReason =
  | "missing-header"
  | "malformed-header"
  | "unknown-key"
  | "stale-timestamp"
  | "bad-signature"
  | "replayed-request-id";

/** The verdict: who signed and what, or why not. Never contains a secret or the expected signature. */
export type VerifyResult =
  | {
      readonly ok: true;
      readonly key: string;
      /** The request id exactly as received. */
      readonly requestId: string;
      /** Milliseconds since the epoch, as received. */
      readonly timestamp: number;
    }
  | {
      readonly ok: false;
      readonly reason: VerifyFailureReason;
      /** The header at fault, spelled as the scheme spells it. */
      readonly header?: string;
    };

/** Default clock tolerance: the documented 10 minutes. */
export const defaultToleranceMs = 600_000;

function fail(reason: VerifyFailureReason, header: string): VerifyResult {
  return { ok: false, reason, header };
}

/**
 * Verifies a signed request in a fixed order: headers present and well formed → key known →
 * timestamp fresh → signature → request id not replayed.
 *
 * Signatures compare case-insensitively in both schemes: rsp's docs garble the rule
 * ("non-case-insensitive"; the Redtea text they come from says case insensitive, and their
 * Java reference sends upper case), and for appendix (which asks for lower case) accepting
 * upper case weakens nothing, since the case of a hex digit carries no information. How the
 * platform itself compares is not documented.
 */
export async function verifySignedRequestWith(
  input: VerifySignedRequestInput,
  defaultHmac: HmacSha256,
): Promise<VerifyResult> {
  // The scheme is the caller's configuration, not the request's: a wrong one is a bug.
  if (!isSigningScheme(input.scheme)) {
    throw new SigningInputError("scheme", 'must be "rsp" or "appendix"');
  }
  const names = schemeHeaderNames[input.scheme];
  const received: Record<"key" | "timestamp" | "requestId" | "signature", string> = {
    key: "",
    timestamp: "",
    requestId: "",
    signature: "",
  };
  for (const field of ["key", "timestamp", "requestId", "signature"] as const) {
    const value = readHeader(input.headers, names[field]);
    if (value === undefined) return fail("missing-header", names[field]);
    if (typeof value !== "string") return fail("malformed-header", names[field]);
    received[field] = value;
  }
  if (input.scheme === "appendix") {
    // A request that declares another method cannot have been signed with this one.
    const method = readHeader(input.headers, "sign-method");
    if (
      method !== undefined &&
      (typeof method !== "string" || method.toUpperCase() !== "HMAC-SHA256")
    ) {
      return fail("malformed-header", "sign-method");
    }
  }
  if (!timestampDigits.test(received.timestamp)) return fail("malformed-header", names.timestamp);
  const timestamp = Number(received.timestamp);
  if (!Number.isSafeInteger(timestamp)) return fail("malformed-header", names.timestamp);
  const requestId = canonicalRequestId(received.requestId);
  if (requestId === undefined) return fail("malformed-header", names.requestId);

  const secret = await input.secretForKey(received.key);
  if (secret === undefined || secret === "") return fail("unknown-key", names.key);

  const now = (input.now ?? Date.now)();
  if (Math.abs(now - timestamp) > (input.toleranceMs ?? defaultToleranceMs)) {
    return fail("stale-timestamp", names.timestamp);
  }

  // Recomputed over the header strings as received, so e.g. leading zeros stay signed.
  const expected = await computeSignatureHex(
    {
      scheme: input.scheme,
      key: received.key,
      timestamp: received.timestamp,
      requestId: received.requestId,
      secret,
      body: input.body,
      hmac: input.hmac,
    },
    defaultHmac,
  );
  if (!timingSafeEqualHex(received.signature, expected)) {
    return fail("bad-signature", names.signature);
  }

  if (input.requestIdSeen !== undefined && (await input.requestIdSeen(requestId))) {
    return fail("replayed-request-id", names.requestId);
  }
  return { ok: true, key: received.key, requestId: received.requestId, timestamp };
}
