import { checkSecret } from "./check-signing-input.ts";
import { bytesToHex } from "./hex.ts";
import type { HmacSha256 } from "./hmac.ts";
import type { SigningScheme } from "./schemes.ts";
import type { SignableBody } from "./signable-body.ts";
import { messageToSign, type SigningFields } from "./string-to-sign.ts";

/** What one signature covers, plus the secret that keys it. */
export interface SignatureInput extends SigningFields {
  readonly scheme: SigningScheme;
  /** RSP SecretKey or eIM ackey, used as its UTF-8 bytes; never sent. */
  readonly secret: string;
  readonly body?: SignableBody | null | undefined;
  /** Overrides the entry point's default HMAC (Web Crypto, or node:crypto under `node`). */
  readonly hmac?: HmacSha256 | undefined;
}

function macOf(input: SignatureInput, defaultHmac: HmacSha256): Promise<Uint8Array> {
  checkSecret(input.secret);
  const hmac = input.hmac ?? defaultHmac;
  return hmac(input.secret, messageToSign(input.scheme, input, input.body));
}

/** Computes the HMAC-SHA256 of a request as lower-case hex, whatever case the scheme sends. */
export async function computeSignatureHex(
  input: SignatureInput,
  defaultHmac: HmacSha256,
): Promise<string> {
  return bytesToHex(await macOf(input, defaultHmac));
}

/** Computes a request's signature in the case its scheme sends: upper for rsp, lower for appendix. */
export async function computeSignatureWith(
  input: SignatureInput,
  defaultHmac: HmacSha256,
): Promise<string> {
  const hex = bytesToHex(await macOf(input, defaultHmac));
  // RSP: the reference Java and both public clients send upper case; the seed asks for lower.
  return input.scheme === "rsp" ? hex.toUpperCase() : hex;
}
