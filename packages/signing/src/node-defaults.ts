import { computeSignatureWith, type SignatureInput } from "./compute-signature.ts";
import { nodeHmacSha256 } from "./node-hmac.ts";
import {
  createRequestSignerWith,
  type RequestSigner,
  type RequestSignerOptions,
} from "./request-signer.ts";
import type { SigningScheme } from "./schemes.ts";
import { type SignRequestInput, signRequestWith } from "./sign-request.ts";
import type { SignedHeadersFor } from "./signed-headers.ts";
import {
  createSigningMiddlewareWith,
  type SigningMiddleware,
  type SigningMiddlewareOptions,
} from "./signing-middleware.ts";
import {
  type VerifyResult,
  type VerifySignedRequestInput,
  verifySignedRequestWith,
} from "./verify-signed-request.ts";

// The public functions with node:crypto as the default HMAC, for the `node` export condition.
// Mirrors web-defaults.ts; keep the two identical apart from the HMAC.

/** Signs one request and returns its scheme's complete header set. */
export function signRequest<S extends SigningScheme>(
  input: SignRequestInput<S>,
): Promise<SignedHeadersFor<S>> {
  return signRequestWith(input, nodeHmacSha256);
}

/** Computes a request's signature as its scheme sends it (upper-case hex for rsp, lower for appendix). */
export function computeSignature(input: SignatureInput): Promise<string> {
  return computeSignatureWith(input, nodeHmacSha256);
}

/** Returns a signer that stamps every call with a fresh timestamp and request id. */
export function createRequestSigner<S extends SigningScheme>(
  options: RequestSignerOptions<S>,
): RequestSigner<S> {
  return createRequestSignerWith(options, nodeHmacSha256);
}

/** Returns an openapi-fetch middleware that signs the exact bytes of every request. */
export function createSigningMiddleware<S extends SigningScheme>(
  options: SigningMiddlewareOptions<S>,
): SigningMiddleware {
  return createSigningMiddlewareWith(options, nodeHmacSha256);
}

/** Checks a received request's headers, freshness, signature and request id. */
export function verifySignedRequest(input: VerifySignedRequestInput): Promise<VerifyResult> {
  return verifySignedRequestWith(input, nodeHmacSha256);
}
