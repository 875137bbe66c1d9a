import type { EimErrorLookup } from "@simlessly/contract";
import { isSafeToRetry } from "./attempt-failure.ts";
import { type RefusedRedirect, redirectText } from "./refused-redirect.ts";
import { SimlesslyError, type SimlesslyErrorContext } from "./simlessly-error.ts";

/** What the server said when it refused a call. */
export interface SimlesslyApiErrorInit extends SimlesslyErrorContext {
  /** The HTTP status of the answer. */
  readonly httpStatus: number;
  /** The envelope's code: RSP `code` (trimmed string), eIM `status` (number); null without one. */
  readonly code: string | number | null;
  /** The envelope's `msg` (or a problem document's title), with known secrets scrubbed. */
  readonly serverMessage: string;
  /** eIM: the Appendix 4 entry for the code, or `{ known: false, code }`; null elsewhere. */
  readonly catalog?: EimErrorLookup | null | undefined;
  /** 429: how long the server asked to wait, in milliseconds, when it said so. */
  readonly retryAfterMs?: number | null | undefined;
  /** A redirect the client refused to follow (its status is `httpStatus`). */
  readonly redirect?: RefusedRedirect | null | undefined;
}

/**
 * The server answered and refused the call: a failure envelope (`success: false`), an HTTP
 * error status, or (read-only calls) a redirect, which is never followed, so nothing was sent
 * to the address it named. Unknown codes are kept exactly as received.
 */
export class SimlesslyApiError extends SimlesslyError {
  override readonly name: string = "SimlesslyApiError";
  /** The HTTP status of the answer (200 for a failure envelope sent as a normal answer). */
  readonly httpStatus: number;
  /** The envelope's code (RSP `code`, eIM `status`), or null when the answer had none. */
  readonly code: string | number | null;
  /** The server's message, with known secrets scrubbed. */
  readonly serverMessage: string;
  /** eIM: the catalog entry (Appendix 4) for the code, known or not; null for RSP and CMP. */
  readonly catalog: EimErrorLookup | null;
  /** For 429: how long the server asked to wait, in milliseconds, or null. */
  readonly retryAfterMs: number | null;
  // Declared, not initialized: the other refusals keep exactly the fields they had.
  /**
   * Present only for a redirect: the origin it pointed to (never its path or query), or null
   * when it named none or a browser hid it (`opaqueredirect`, whose `httpStatus` is 0).
   */
  declare readonly redirectOrigin?: string | null;

  constructor(init: SimlesslyApiErrorInit) {
    super(apiErrorMessage(init), init);
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.catalog = init.catalog ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    if (init.redirect) this.redirectOrigin = init.redirect.origin;
  }

  /**
   * A 429 or a 5xx: what the retry policy sends again. (A 5xx becomes this error only for a
   * read-only call; for one that changes state it is an unknown outcome.) A failure envelope,
   * a refused credential or a redirect fails the same way when sent again.
   */
  override get retryable(): boolean {
    // A redirect answers the same request the same way: the policy never retries one.
    if (this.redirectOrigin !== undefined) return false;
    return isSafeToRetry(
      { kind: "http", status: this.httpStatus, retryAfterMs: this.retryAfterMs },
      true,
    );
  }
}

function apiErrorMessage(init: SimlesslyApiErrorInit): string {
  if (init.redirect) return redirectText(init.redirect);
  const parts = [`failed: HTTP ${init.httpStatus}`];
  if (init.code !== null && init.code !== "") parts.push(`code ${init.code}`);
  if (init.catalog?.known) parts.push(`(${init.catalog.name})`);
  const said = init.serverMessage.trim();
  if (said !== "") parts.push(`"${said}"`);
  if (init.retryAfterMs != null) parts.push(`retry after ${init.retryAfterMs} ms`);
  return parts.join(" ");
}
