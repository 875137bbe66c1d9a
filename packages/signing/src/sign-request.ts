import {
  checkCredentials,
  checkHeaderValue,
  formatTimestamp,
  type SigningCredentials,
} from "./check-signing-input.ts";
import { computeSignatureWith } from "./compute-signature.ts";
import type { HmacSha256 } from "./hmac.ts";
import type { SigningScheme } from "./schemes.ts";
import type { SignableBody } from "./signable-body.ts";
import type {
  AppendixSignedHeaders,
  RspSignedHeaders,
  SignedHeadersFor,
} from "./signed-headers.ts";

/** Everything one signed request needs, with the clock and id already decided. */
export interface SignRequestInput<S extends SigningScheme = SigningScheme>
  extends SigningCredentials<S> {
  /** Milliseconds since the epoch; a string is sent exactly as given. */
  readonly timestamp: number | string;
  /** Unique per request (UUID v4 with dashes by default). */
  readonly requestId: string;
  /** The exact body bytes sent; absent means empty. */
  readonly body?: SignableBody | null | undefined;
  /** Overrides the entry point's default HMAC (Web Crypto, or node:crypto under `node`). */
  readonly hmac?: HmacSha256 | undefined;
}

/** Signs one request and returns the complete header set of its scheme. */
export async function signRequestWith<S extends SigningScheme>(
  input: SignRequestInput<S>,
  defaultHmac: HmacSha256,
): Promise<SignedHeadersFor<S>> {
  checkCredentials(input);
  return signWithCheckedCredentials(input, defaultHmac);
}

/**
 * {@link signRequestWith} for credentials already checked: a bound signer checks them once,
 * not on every attempt.
 */
export async function signWithCheckedCredentials<S extends SigningScheme>(
  input: SignRequestInput<S>,
  defaultHmac: HmacSha256,
): Promise<SignedHeadersFor<S>> {
  const timestamp = formatTimestamp(input.timestamp);
  checkHeaderValue("requestId", input.requestId);
  const { key, requestId } = input;
  const signature = await computeSignatureWith(
    {
      scheme: input.scheme,
      key,
      secret: input.secret,
      timestamp,
      requestId,
      body: input.body,
      hmac: input.hmac,
    },
    defaultHmac,
  );
  if (input.scheme === "rsp") {
    const headers: RspSignedHeaders = {
      AccessKey: key,
      Timestamp: timestamp,
      RequestID: requestId,
      Signature: signature,
    };
    return headers as SignedHeadersFor<S>;
  }
  // Property order follows Appendix 1, so logs and fixtures read like the docs.
  const headers: AppendixSignedHeaders = {
    signature,
    "public-key": key,
    "request-id": requestId,
    version: "1.0",
    ...(input.token === undefined ? {} : { authorization: input.token }),
    "sign-method": "HMAC-SHA256",
    "content-type": "application/json",
    timestamp,
  };
  return headers as SignedHeadersFor<S>;
}
