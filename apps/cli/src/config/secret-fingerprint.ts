import { createHash } from "node:crypto";

/**
 * A short one-way fingerprint of a secret, `sha256:` and 12 hex digits, to tell two secrets
 * apart (or check one against another machine's) without showing either. It is the form
 * `simlessly sandbox` prints for secrets it was given, so the two can be compared.
 */
export function secretFingerprint(secret: string): string {
  return `sha256:${createHash("sha256").update(secret, "utf8").digest("hex").slice(0, 12)}`;
}
