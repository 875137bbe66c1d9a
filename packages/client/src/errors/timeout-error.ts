import { SimlesslyError, type SimlesslyErrorContext } from "./simlessly-error.ts";

/** Which limit ran out. */
export type TimeoutScope = "attempt" | "total";

/** Options of {@link SimlesslyTimeoutError}. */
export interface SimlesslyTimeoutErrorInit extends SimlesslyErrorContext {
  readonly scope: TimeoutScope;
  /** The limit that ran out, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * A read-only call got no answer in time, on every attempt it was allowed. (A call that
 * changes state fails with SimlesslyUnknownOutcomeError instead.)
 */
export class SimlesslyTimeoutError extends SimlesslyError {
  override readonly name: string = "SimlesslyTimeoutError";
  /** `attempt`: the per-attempt limit; `total`: the limit of the whole call. */
  readonly scope: TimeoutScope;
  /** The limit that ran out, in milliseconds. */
  readonly timeoutMs: number;

  constructor(init: SimlesslyTimeoutErrorInit) {
    super(`timed out (${init.scope} limit ${init.timeoutMs} ms)`, init);
    this.scope = init.scope;
    this.timeoutMs = init.timeoutMs;
  }

  /**
   * True: only a read-only call times out with this error, and sending it again changes
   * nothing. (The policy stops retrying within a call when its `total` limit is spent; a new
   * call has a new limit.)
   */
  override get retryable(): boolean {
    return true;
  }
}
