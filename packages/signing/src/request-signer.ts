import { checkCredentials, type SigningCredentials } from "./check-signing-input.ts";
import type { HmacSha256 } from "./hmac.ts";
import { randomRequestId } from "./request-id.ts";
import type { SigningScheme } from "./schemes.ts";
import { signWithCheckedCredentials } from "./sign-request.ts";
import type { SignableBody } from "./signable-body.ts";
import type { SignedHeadersFor } from "./signed-headers.ts";

/** Credentials plus the effects a signer needs: a clock and a request-id source. */
export interface RequestSignerOptions<S extends SigningScheme = SigningScheme>
  extends SigningCredentials<S> {
  /** Milliseconds since the epoch; default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** A fresh request id per call; default `crypto.randomUUID` (UUID v4 with dashes). */
  readonly requestId?: (() => string) | undefined;
  /** Overrides the entry point's default HMAC (Web Crypto, or node:crypto under `node`). */
  readonly hmac?: HmacSha256 | undefined;
}

/** Signs a body with a fresh timestamp and request id at every call. */
export type RequestSigner<S extends SigningScheme = SigningScheme> = (
  body?: SignableBody | null,
) => Promise<SignedHeadersFor<S>>;

/** Binds credentials, clock and id source once; each call then signs one attempt. */
export function createRequestSignerWith<S extends SigningScheme>(
  options: RequestSignerOptions<S>,
  defaultHmac: HmacSha256,
): RequestSigner<S> {
  // Fail at set-up, not at the first request, when the credentials are unusable.
  checkCredentials(options);
  const now = options.now ?? Date.now;
  const nextRequestId = options.requestId ?? randomRequestId;
  const { scheme, key, secret, token, hmac } = options;
  // A retry must call this again: a request id may be used only once.
  return (body) =>
    signWithCheckedCredentials(
      { scheme, key, secret, token, hmac, timestamp: now(), requestId: nextRequestId(), body },
      defaultHmac,
    );
}
