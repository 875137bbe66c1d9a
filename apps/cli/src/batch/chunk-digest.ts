import { createHash } from "node:crypto";

/**
 * A short fingerprint of a chunk's ICCIDs in order. A resumed run recomputes its chunks from
 * the input and compares fingerprints, so it never polls or resends a chunk under a number
 * that now means other records, while keeping no ICCID list in memory for settled chunks.
 */
export function chunkDigest(iccids: readonly string[]): string {
  return createHash("sha256").update(iccids.join(",")).digest("hex").slice(0, 32);
}
