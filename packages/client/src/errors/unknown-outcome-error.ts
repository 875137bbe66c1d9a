import { type RefusedRedirect, redirectText } from "./refused-redirect.ts";
import { SimlesslyError, type SimlesslyErrorContext } from "./simlessly-error.ts";

/** Why the outcome is unknown. */
export type UnknownOutcomeReason =
  | "timeout"
  | "connection-lost"
  | "server-error"
  | "invalid-response"
  | "aborted"
  /** The server answered with a redirect, possibly after processing the request. */
  | "redirect";

/** Options of {@link SimlesslyUnknownOutcomeError}. */
export interface SimlesslyUnknownOutcomeErrorInit extends SimlesslyErrorContext {
  readonly reason: UnknownOutcomeReason;
  /** The ICCIDs the request named, so the caller can check what happened to each. */
  readonly iccids: readonly string[];
  /** The HTTP status when the server answered (5xx, 3xx, or 2xx with an unreadable body). */
  readonly httpStatus?: number | null | undefined;
  /** For `redirect`: the redirect that was not followed. */
  readonly redirect?: RefusedRedirect | null | undefined;
}

/**
 * A call that changes state (generate, batch, delete, order operations, imports, allocation)
 * may have reached the server, and no answer says whether it took effect. It is never sent
 * again automatically: reconcile (e.g. query the ICCIDs) before deciding to repeat it.
 */
export class SimlesslyUnknownOutcomeError extends SimlesslyError {
  override readonly name: string = "SimlesslyUnknownOutcomeError";
  /** Why no outcome is known. */
  readonly reason: UnknownOutcomeReason;
  /** The ICCIDs of the request (not secret), in request order without repeats. */
  readonly iccids: readonly string[];
  /** The HTTP status of the answer, when there was one (0: a redirect a browser hid). */
  readonly httpStatus: number | null;
  // Declared, not initialized: the other reasons keep exactly the fields they had.
  /**
   * Present only for `redirect`: the origin it pointed to (never its path or query), or null
   * when it named none or a browser hid it.
   */
  declare readonly redirectOrigin?: string | null;

  constructor(init: SimlesslyUnknownOutcomeErrorInit) {
    const { redirect } = init;
    const status = init.httpStatus == null || redirect ? "" : ` HTTP ${init.httpStatus},`;
    const count = init.iccids.length === 1 ? "1 ICCID" : `${init.iccids.length} ICCIDs`;
    super(
      `${redirect ? `${redirectText(redirect)}; it ` : ""}may or may not have taken effect (${init.reason},${status} ${count}); not sent again: reconcile before repeating it`,
      init,
    );
    this.reason = init.reason;
    this.iccids = Object.freeze([...init.iccids]);
    this.httpStatus = init.httpStatus ?? redirect?.httpStatus ?? null;
    if (redirect) this.redirectOrigin = redirect.origin;
  }
}
