// Whether a refusal is about the credentials rather than the request. The platform documents
// no codes for it; these are the refusals the sandbox uses and the ones a gateway sends, and
// each of them means that nothing was processed.
import type { SimlesslyApiError } from "./api-error.ts";
import { isSimlesslyError } from "./is-simlessly-error.ts";

/**
 * True when the server refused the credentials: HTTP 401 or 403 (CMP tokens, gateways), an
 * RSP code about the key or the signature (`AUTH_…`, `…SIGN…`), or an eIM status of the
 * 401xxx range. Fix the credentials (or the clock, which signatures depend on); sending the
 * same call again fails the same way. Works across copies of the package, like
 * {@link isSimlesslyError}.
 */
export function isCredentialsRefused(error: unknown): boolean {
  if (!isSimlesslyError(error) || error.name !== "SimlesslyApiError") return false;
  const { httpStatus, code } = error as SimlesslyApiError;
  if (httpStatus === 401 || httpStatus === 403) return true;
  if (typeof code === "string") return /^AUTH_|SIGN/i.test(code);
  return typeof code === "number" && Math.floor(code / 1000) === 401;
}
