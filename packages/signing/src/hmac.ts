/** One piece of an HMAC message: text is encoded as UTF-8, bytes are used as they are. */
export type MessagePart = string | Uint8Array;

/**
 * An HMAC-SHA256 implementation: keyed with the UTF-8 bytes of `secret`, over the parts in
 * order, resolving to the 32-byte MAC.
 *
 * The message comes in parts so a caller never has to copy a large body just to put the
 * signing prefix in front of it.
 */
export type HmacSha256 = (secret: string, message: readonly MessagePart[]) => Promise<Uint8Array>;
