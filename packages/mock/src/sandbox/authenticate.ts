// Checks the credentials of a request the way the real service does: RSP and eIM signatures
// with @simlessly/signing (the same verifier and vectors the client side uses), the eIM
// token, and CMP bearer tokens. A refusal is a contract-shaped failure of the product.
import type { IncomingHttpHeaders } from "node:http";
import {
  type SigningScheme,
  schemeHeaderNames,
  type VerifyFailureReason,
  verifySignedRequest,
} from "@simlessly/signing";
import { isValidBearer, sameSecret, unauthorized } from "./cmp-operations.ts";
import type { SandboxCredentials } from "./credentials.ts";
import { EimSandboxStatus } from "./eim-codes.ts";
import type { EngineContext } from "./engine-context.ts";
import { eimFailure, ok, type Reply, rspFailure } from "./envelopes.ts";
import { createReplayStore, type ReplayStore } from "./replay-store.ts";
import type { RouteAuth } from "./routes.ts";
import type { RspFailureCode } from "./rsp-codes.ts";

/** Decides whether a request may be processed. */
export interface Authenticator {
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
    body: Uint8Array,
  ) => {
    const timestampHeader = schemeHeaderNames[scheme].timestamp.toLowerCase();
    return verifySignedRequest({
      scheme,
      headers,
      body,
      now,
      toleranceMs,
      secretForKey: (key) => (key === expectedKey ? secret : undefined),
      // Called only once the signature is valid, so the timestamp is well formed.
      requestIdSeen: (id) => replays[product].seen(id, Number(headers[timestampHeader])),
    });
  };

  return {
    async check(auth, ctx, headers, body) {
      if (auth === "none") return null;
      if (auth === "cmp-bearer")
        return isValidBearer(ctx, headers.authorization) ? null : unauthorized;
      if (auth === "rsp") {
        const { accessKey, secretKey } = credentials.rsp;
        const verdict = await verify("rsp", rspScheme, accessKey, secretKey, headers, body);
        if (verdict.ok) return null;
        const header = verdict.header ?? "signature";
        return ok(
          rspFailure(reasonNames[verdict.reason], `${header} ${reasonMessages[verdict.reason]}`),
        );
      }
      const { publicKey, secretKey, token } = credentials.eim;
      const verdict = await verify("eim", "appendix", publicKey, secretKey, headers, body);
      if (!verdict.ok) {
        const name = reasonNames[verdict.reason];
        const header = verdict.header ?? "signature";
        return ok(
          eimFailure(
            EimSandboxStatus[name],
            `${name}: ${header} ${reasonMessages[verdict.reason]}`,
          ),
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
    },
    clear() {
      replays.rsp.clear();
      replays.eim.clear();
    },
  };
}
