// Activation codes are derived, not stored: the matching id is an HMAC of the ICCID and the
// profile's generation under a per-sandbox key. A million profiles then cost no memory for
// their codes, a code survives a restart with the same key, and a regenerated profile (after
// a delete) gets a new code.
import { createHmac } from "node:crypto";

/** Derives the activation code material of profiles. */
export interface ActivationCodes {
  /** 32 upper-case hex digits, the matching id of one generation of a profile. */
  matchingId(iccid: string, generation: number): string;
  /** `1$<host>$<matching id>`. */
  activationCode(host: string, iccid: string, generation: number): string;
  /** The QR image link returned when `needAcLink` is true. */
  acLink(host: string, iccid: string): string;
}

/** Creates the derivation under `key` (keep it with the state: it makes the codes). */
export function createActivationCodes(key: Uint8Array): ActivationCodes {
  const matchingId = (iccid: string, generation: number) =>
    createHmac("sha256", key)
      .update(`${iccid}:${generation}`, "utf8")
      .digest("hex")
      .slice(0, 32)
      .toUpperCase();
  return {
    matchingId,
    activationCode: (host, iccid, generation) => `1$${host}$${matchingId(iccid, generation)}`,
    acLink: (host, iccid) => `https://${host}/qr/${iccid}.png`,
  };
}
