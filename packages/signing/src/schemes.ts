/** A signature scheme: `rsp` for the RSP API, `appendix` for eIM (seed 003, Appendix 1). */
export type SigningScheme = "rsp" | "appendix";

/** Every supported scheme, for option parsing and exhaustive tests. */
export const signingSchemes: readonly SigningScheme[] = ["rsp", "appendix"];

/** Tells whether `value` names a supported scheme. */
export function isSigningScheme(value: unknown): value is SigningScheme {
  return value === "rsp" || value === "appendix";
}

/** The header names each scheme uses for the signed fields, spelled as the docs spell them. */
export const schemeHeaderNames = {
  rsp: {
    key: "AccessKey",
    timestamp: "Timestamp",
    requestId: "RequestID",
    signature: "Signature",
  },
  appendix: {
    key: "public-key",
    timestamp: "timestamp",
    requestId: "request-id",
    signature: "signature",
  },
} as const satisfies Record<
  SigningScheme,
  { key: string; timestamp: string; requestId: string; signature: string }
>;
