import { type ArrayBufferBytes, concatMessage } from "./message-bytes.ts";
import type { SigningScheme } from "./schemes.ts";

/** A rule that expands to a large body without storing it (see the JSON file's `rule`). */
export interface IndexedRepeatBody {
  readonly kind: "indexed-repeat";
  readonly head: string;
  /** Repeated `count` times; every `{n}` becomes the index as 6-digit zero-padded decimal. */
  readonly item: string;
  readonly separator: string;
  readonly count: number;
  readonly tail: string;
}

/** One known-answer vector of `@simlessly/signing/vectors.json`. */
export interface SigningVector {
  readonly name: string;
  readonly scheme: SigningScheme;
  readonly description: string;
  /** Where the expected value comes from (documented, or computed by an independent tool). */
  readonly source: string;
  readonly secret: string;
  readonly key: string;
  readonly timestamp: string;
  readonly requestId: string;
  readonly token?: string;
  /** Exactly one of `body`, `bodyHex` and `bodyGenerator` is present. */
  readonly body?: string;
  readonly bodyHex?: string;
  readonly bodyGenerator?: IndexedRepeatBody;
  readonly bodyBytes: number;
  readonly bodySha256: string;
  readonly signingPrefix: string;
  /** HMAC-SHA256 as lower-case hex. */
  readonly signature: string;
  /** The complete header set a signer sends. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The shape of `@simlessly/signing/vectors.json`. */
export interface SigningVectorFile {
  readonly format: 1;
  readonly vectors: readonly SigningVector[];
}

/** Returns a vector's body bytes, expanding a generated body. */
export function vectorBodyBytes(vector: SigningVector): ArrayBufferBytes {
  if (vector.body !== undefined) return concatMessage([vector.body]);
  if (vector.bodyHex !== undefined) return hexToBytes(vector.bodyHex);
  const generator = vector.bodyGenerator;
  if (generator === undefined) throw new TypeError(`vector ${vector.name} has no body`);
  const items: string[] = [];
  for (let index = 0; index < generator.count; index++) {
    items.push(generator.item.replaceAll("{n}", String(index).padStart(6, "0")));
  }
  return concatMessage([generator.head + items.join(generator.separator) + generator.tail]);
}

function hexToBytes(hex: string): ArrayBufferBytes {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}
