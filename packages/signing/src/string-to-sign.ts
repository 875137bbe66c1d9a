import type { MessagePart } from "./hmac.ts";
import { type ArrayBufferBytes, concatMessage } from "./message-bytes.ts";
import type { SigningScheme } from "./schemes.ts";
import { bodyPart, type SignableBody } from "./signable-body.ts";

/** The signed header values, exactly as they are sent. */
export interface SigningFields {
  /** AccessKey (rsp) or public-key (appendix). */
  readonly key: string;
  /** Milliseconds since the epoch as a decimal string, as sent in the header. */
  readonly timestamp: string;
  readonly requestId: string;
}

/** Returns the text signed before the body: rsp `Timestamp+RequestID+AccessKey`, appendix `public-key+timestamp+request-id`. */
export function signingPrefix(scheme: SigningScheme, fields: SigningFields): string {
  // Plain concatenation without separators, in each scheme's documented order.
  return scheme === "rsp"
    ? fields.timestamp + fields.requestId + fields.key
    : fields.key + fields.timestamp + fields.requestId;
}

/** Returns the HMAC message as parts: the UTF-8 prefix, then the body bytes untouched. */
export function messageToSign(
  scheme: SigningScheme,
  fields: SigningFields,
  body?: SignableBody | null,
): readonly MessagePart[] {
  return [signingPrefix(scheme, fields), bodyPart(body)];
}

/** Returns the exact bytes the HMAC covers, for debugging and for other implementations to compare. */
export function bytesToSign(
  scheme: SigningScheme,
  fields: SigningFields,
  body?: SignableBody | null,
): ArrayBufferBytes {
  return concatMessage(messageToSign(scheme, fields, body));
}
