import type { MessagePart } from "./hmac.ts";
import { SigningInputError } from "./signing-input-error.ts";

/**
 * A request body exactly as it goes on the wire: text (sent as UTF-8) or bytes.
 * `undefined` and `null` mean no body, which signs as the empty string.
 */
export type SignableBody = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** Turns a body into the message part that is signed, without copying or re-serializing it. */
export function bodyPart(body: SignableBody | null | undefined): MessagePart {
  if (body === undefined || body === null) return "";
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new SigningInputError(
    "body",
    "must be a string, Uint8Array, ArrayBuffer or ArrayBufferView",
  );
}
