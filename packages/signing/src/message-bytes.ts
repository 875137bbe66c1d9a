import type { MessagePart } from "./hmac.ts";

/**
 * A Uint8Array on a plain (not shared) ArrayBuffer, as Web Crypto and fetch take it. Written
 * as the result of `slice` rather than `Uint8Array<ArrayBuffer>` because typed arrays became
 * generic only in TypeScript 5.7: this is exactly `Uint8Array<ArrayBuffer>` there and plain
 * `Uint8Array` before, so the declarations stay valid for older compilers.
 */
export type ArrayBufferBytes = ReturnType<Uint8Array["slice"]>;

const encoder = new TextEncoder();

/** Encodes text as UTF-8 (lone surrogates become U+FFFD, as in every Web and Node encoder). */
export function encodeUtf8(text: string): ArrayBufferBytes {
  return encoder.encode(text);
}

/** Joins message parts into one fresh buffer, each string part encoded on its own. */
export function concatMessage(parts: readonly MessagePart[]): ArrayBufferBytes {
  // Each part is encoded separately so the bytes match an HMAC that is fed part by part
  // (node:crypto's update), even when a part ends in half of a surrogate pair.
  const chunks = parts.map((part) => (typeof part === "string" ? encodeUtf8(part) : part));
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
