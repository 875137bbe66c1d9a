import type { SigningScheme } from "./schemes.ts";

/** The headers an RSP request carries (scheme `rsp`); the signature is upper-case hex. */
export type RspSignedHeaders = {
  AccessKey: string;
  Timestamp: string;
  RequestID: string;
  Signature: string;
};

/** The eight headers of eIM Appendix 1 (scheme `appendix`); the signature is lower-case hex. */
export type AppendixSignedHeaders = {
  signature: string;
  "public-key": string;
  "request-id": string;
  version: "1.0";
  /** The token, sent as is; absent when no token was given (e.g. for the login call itself). */
  authorization?: string;
  "sign-method": "HMAC-SHA256";
  "content-type": "application/json";
  timestamp: string;
};

/** The header set a scheme produces. */
export type SignedHeadersFor<S extends SigningScheme> = S extends "rsp"
  ? RspSignedHeaders
  : S extends "appendix"
    ? AppendixSignedHeaders
    : never;

/** The header set of either scheme. */
export type SignedHeaders = RspSignedHeaders | AppendixSignedHeaders;
