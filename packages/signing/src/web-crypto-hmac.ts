import type { HmacSha256 } from "./hmac.ts";
import { concatMessage, encodeUtf8 } from "./message-bytes.ts";

/** Options for {@link createWebCryptoHmacSha256}. */
export interface WebCryptoHmacOptions {
  /** How many imported keys to keep; the least recently used one goes first. Default 64. */
  readonly maxCachedKeys?: number | undefined;
  /**
   * The SubtleCrypto to use; default `globalThis.crypto.subtle`, looked up at each call. Typed
   * through the global so that a Node project without the DOM lib (where @types/node declares
   * `crypto` but no global `SubtleCrypto` type) can read the declarations.
   */
  readonly subtle?: typeof globalThis.crypto.subtle | undefined;
}

/** Creates an HMAC-SHA256 on Web Crypto that imports each secret once and keeps the CryptoKey. */
export function createWebCryptoHmacSha256(options: WebCryptoHmacOptions = {}): HmacSha256 {
  const maxCachedKeys = Math.max(1, options.maxCachedKeys ?? 64);
  // Keyed by the secret itself: the CryptoKey holds the same material, so the map adds no
  // new exposure. Promises are cached so concurrent first calls share one import.
  const keys = new Map<string, Promise<CryptoKey>>();

  function keyFor(subtle: SubtleCrypto, secret: string): Promise<CryptoKey> {
    const cached = keys.get(secret);
    if (cached !== undefined) {
      // Re-insert to mark it most recently used; Map keeps insertion order.
      keys.delete(secret);
      keys.set(secret, cached);
      return cached;
    }
    const imported = subtle.importKey(
      "raw",
      encodeUtf8(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    keys.set(secret, imported);
    // A failed import must not stick: the next call tries again.
    imported.catch(() => {
      if (keys.get(secret) === imported) keys.delete(secret);
    });
    if (keys.size > maxCachedKeys) {
      const oldest = keys.keys().next();
      if (oldest.done !== true) keys.delete(oldest.value);
    }
    return imported;
  }

  return async (secret, message) => {
    const subtle = options.subtle ?? globalThis.crypto.subtle;
    const key = await keyFor(subtle, secret);
    // Web Crypto signs one buffer, so the prefix and the body are joined here.
    return new Uint8Array(await subtle.sign("HMAC", key, concatMessage(message)));
  };
}

/** HMAC-SHA256 on Web Crypto with a shared key cache: the default outside Node. */
export const webCryptoHmacSha256: HmacSha256 = /* @__PURE__ */ createWebCryptoHmacSha256();
