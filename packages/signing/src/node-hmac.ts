import { createHmac } from "node:crypto";
import type { HmacSha256 } from "./hmac.ts";

/**
 * HMAC-SHA256 on node:crypto: the default under the `node` export condition.
 *
 * Measured 3–3.8× faster than Node's Web Crypto for a ~60 KB body, because it hashes in
 * place on the calling thread instead of copying the data to a worker job. Strings are fed
 * as UTF-8, bytes as they are, part by part without joining them.
 */
export const nodeHmacSha256: HmacSha256 = async (secret, message) => {
  const hmac = createHmac("sha256", secret);
  for (const part of message) hmac.update(part);
  return hmac.digest();
};
