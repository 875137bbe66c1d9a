// Entry point for browsers, Deno, Bun, workers and anything else without the `node`
// condition: HMAC on Web Crypto. index.node.ts exports the same names.

export { checkCredentials, type SigningCredentials } from "./check-signing-input.ts";
export type { SignatureInput } from "./compute-signature.ts";
export type { HeaderSource } from "./header-source.ts";
export type { HmacSha256, MessagePart } from "./hmac.ts";
export { canonicalRequestId, randomRequestId } from "./request-id.ts";
export type { RequestSigner, RequestSignerOptions } from "./request-signer.ts";
export {
  isSigningScheme,
  type SigningScheme,
  schemeHeaderNames,
  signingSchemes,
} from "./schemes.ts";
export type { SignRequestInput } from "./sign-request.ts";
export type { SignableBody } from "./signable-body.ts";
export type {
  AppendixSignedHeaders,
  RspSignedHeaders,
  SignedHeaders,
  SignedHeadersFor,
} from "./signed-headers.ts";
export { SigningInputError } from "./signing-input-error.ts";
export type { SigningMiddleware, SigningMiddlewareOptions } from "./signing-middleware.ts";
export { bytesToSign, messageToSign, type SigningFields, signingPrefix } from "./string-to-sign.ts";
export { timingSafeEqualHex } from "./timing-safe-equal.ts";
export {
  defaultToleranceMs,
  type VerifyFailureReason,
  type VerifyResult,
  type VerifySignedRequestInput,
} from "./verify-signed-request.ts";
export {
  createWebCryptoHmacSha256,
  type WebCryptoHmacOptions,
  webCryptoHmacSha256,
} from "./web-crypto-hmac.ts";
export {
  computeSignature,
  createRequestSigner,
  createSigningMiddleware,
  signRequest,
  verifySignedRequest,
} from "./web-defaults.ts";
