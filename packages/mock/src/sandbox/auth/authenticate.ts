// Checks the credentials of a request the way the real service does: RSP and eIM signatures
// with @simlessly/signing (the same verifier and vectors the client side uses), the eIM
// token, and CMP bearer tokens. A refusal is a contract-shaped failure of the product. The
// same checks run twice: on the headers alone before the body is read (so a request that
// cannot pass costs no body), then in full with the body.
import type { IncomingHttpHeaders } from "node:http";
import {
  type HmacSha256,
  type SigningScheme,
  schemeHeaderNames,
  type VerifyFailureReason,
  verifySignedRequest,
} from "@simlessly/signing";
import type { SandboxCredentials } from "../credentials/credentials.ts";
import { isValidBearer, sameSecret, unauthorized } from "../engine/cmp-operations.ts";
import { EimSandboxStatus } from "../engine/eim-codes.ts";
import type { EngineContext } from "../engine/engine-context.ts";
import { eimFailure, ok, type Reply, rspFailure } from "../engine/envelopes.ts";
import type { RspFailureCode } from "../engine/rsp-codes.ts";
import type { RouteAuth } from "../router/routes.ts";
import { createReplayStore, type ReplayStore } from "./replay-store.ts";

/** Decides whether a request may be processed. */
export interface Authenticator {
  /**
   * Checks what the headers alone can prove (signing headers present and well formed, key
   * known, timestamp fresh, eIM token, CMP bearer), before the body is read. Resolves to null
   * when the body is worth reading, else to the same refusal {@link check} would give.
   */
  checkHeaders(
    auth: RouteAuth,
    ctx: EngineContext,
    headers: IncomingHttpHeaders,
  ): Promise<Reply | null>;
  /** Resolves to null when the request may proceed, else to the refusal to send. */
  check(
    auth: RouteAuth,
    ctx: EngineContext,
    headers: IncomingHttpHeaders,
    body: Uint8Array,
  ): Promise<Reply | null>;
  /** Forgets every request id seen (on reset). */
  clear(): void;
}

/** What an authenticator needs. */
export interface AuthenticatorOptions {
  readonly credentials: SandboxCredentials;
  /** The signature scheme RSP requests must use. */
  readonly rspScheme: SigningScheme;
  readonly now: () => number;
  /** Timestamp tolerance; the documented 10 minutes by default. */
  readonly toleranceMs?: number;
}

const reasonNames = {
  "missing-header": "AUTH_MISSING_HEADER",
  "malformed-header": "AUTH_MALFORMED_HEADER",
  "unknown-key": "AUTH_UNKNOWN_KEY",
  "stale-timestamp": "AUTH_STALE_TIMESTAMP",
  "bad-signature": "AUTH_BAD_SIGNATURE",
  "replayed-request-id": "AUTH_REPLAYED_REQUEST_ID",
} as const satisfies Record<VerifyFailureReason, RspFailureCode>;

const reasonMessages: Record<VerifyFailureReason, string> = {
  "missing-header": "header is missing",
  "malformed-header": "header is malformed",
  "unknown-key": "is not a known key",
  "stale-timestamp": "is too far from the sandbox clock",
  "bad-signature": "does not match the request",
  "replayed-request-id": "was already used",
};

// The HMAC of a header-only check. An empty MAC equals no signature a request can carry (an
// empty Signature header is refused as missing before the signature step).
const withoutBody: HmacSha256 = async () => new Uint8Array(0);

/** Whether a verdict refuses the request; before the body, a bad signature says nothing yet. */
function isRefusal(reason: VerifyFailureReason, body: Uint8Array | null): boolean {
  return body !== null || reason !== "bad-signature";
}

/** Creates the authenticator of a sandbox (one replay store per signed product). */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { credentials, rspScheme, now } = options;
  const toleranceMs = options.toleranceMs ?? 600_000;
  const replays: Record<"rsp" | "eim", ReplayStore> = {
    rsp: createReplayStore({ toleranceMs, now }),
    eim: createReplayStore({ toleranceMs, now }),
  };

  const verify = async (
    product: "rsp" | "eim",
    scheme: SigningScheme,
    expectedKey: string,
    secret: string,
    headers: IncomingHttpHeaders,
    body: Uint8Array | null,
  ) => {
    const timestampHeader = schemeHeaderNames[scheme].timestamp.toLowerCase();
    return verifySignedRequest({
      scheme,
      headers,
      body,
      now,
      toleranceMs,
      secretForKey: (key) => (key === expectedKey ? secret : undefined),
      // Without the body there is no signature to check: every check before it runs as
      // usual, and the stand-in HMAC below makes the signature step fail without computing.
      ...(body === null
        ? { hmac: withoutBody }
        : {
            // Called only once the signature is valid, so the timestamp is well formed.
            requestIdSeen: (id: string) =>
              replays[product].seen(id, Number(headers[timestampHeader])),
          }),
    });
  };

  /** The refusal for `headers` (and `body`, when given); null when they pass. */
  const refuse = async (
    auth: RouteAuth,
    ctx: EngineContext,
    headers: IncomingHttpHeaders,
    body: Uint8Array | null,
  ): Promise<Reply | null> => {
    if (auth === "none") return null;
    if (auth === "cmp-bearer")
      return isValidBearer(ctx, headers.authorization) ? null : unauthorized;
    if (auth === "rsp") {
      const { accessKey, secretKey } = credentials.rsp;
      const verdict = await verify("rsp", rspScheme, accessKey, secretKey, headers, body);
      if (verdict.ok || !isRefusal(verdict.reason, body)) return null;
      const header = verdict.header ?? "signature";
      return ok(
        rspFailure(reasonNames[verdict.reason], `${header} ${reasonMessages[verdict.reason]}`),
      );
    }
    const { publicKey, secretKey, token } = credentials.eim;
    const verdict = await verify("eim", "appendix", publicKey, secretKey, headers, body);
    if (!verdict.ok && isRefusal(verdict.reason, body)) {
      const name = reasonNames[verdict.reason];
      const header = verdict.header ?? "signature";
      return ok(
        eimFailure(EimSandboxStatus[name], `${name}: ${header} ${reasonMessages[verdict.reason]}`),
      );
    }
    const given = headers.authorization;
    if (typeof given !== "string" || given === "") {
      return ok(
        eimFailure(
          EimSandboxStatus.AUTH_MISSING_HEADER,
          "AUTH_MISSING_HEADER: authorization header is missing",
        ),
      );
    }
    if (!sameSecret(given, token)) {
      return ok(
        eimFailure(
          EimSandboxStatus.AUTH_BAD_TOKEN,
          "AUTH_BAD_TOKEN: authorization token is not valid",
        ),
      );
    }
    return null;
  };

  return {
    checkHeaders: (auth, ctx, headers) => refuse(auth, ctx, headers, null),
    check: (auth, ctx, headers, body) => refuse(auth, ctx, headers, body),
    clear() {
      replays.rsp.clear();
      replays.eim.clear();
    },
  };
}
