import { computeSignatureWith, type SignatureInput } from "./compute-signature.ts";
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
import { webCryptoHmacSha256 } from "./web-crypto-hmac.ts";

// The public functions with Web Crypto as the default HMAC. node-defaults.ts mirrors this
// file with node:crypto; keep the two identical apart from the HMAC.

/** Signs one request and returns its scheme's complete header set. */
export function signRequest<S extends SigningScheme>(
  input: SignRequestInput<S>,
): Promise<SignedHeadersFor<S>> {
  return signRequestWith(input, webCryptoHmacSha256);
}

/** Computes a request's signature as its scheme sends it (upper-case hex for rsp, lower for appendix). */
export function computeSignature(input: SignatureInput): Promise<string> {
  return computeSignatureWith(input, webCryptoHmacSha256);
}

/** Returns a signer that stamps every call with a fresh timestamp and request id. */
export function createRequestSigner<S extends SigningScheme>(
  options: RequestSignerOptions<S>,
): RequestSigner<S> {
  return createRequestSignerWith(options, webCryptoHmacSha256);
}

/** Returns an openapi-fetch middleware that signs the exact bytes of every request. */
export function createSigningMiddleware<S extends SigningScheme>(
  options: SigningMiddlewareOptions<S>,
): SigningMiddleware {
  return createSigningMiddlewareWith(options, webCryptoHmacSha256);
}

/** Checks a received request's headers, freshness, signature and request id. */
export function verifySignedRequest(input: VerifySignedRequestInput): Promise<VerifyResult> {
  return verifySignedRequestWith(input, webCryptoHmacSha256);
}
