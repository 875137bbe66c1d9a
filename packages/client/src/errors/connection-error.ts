import { SimlesslyError, type SimlesslyErrorContext } from "./simlessly-error.ts";

/** Options of {@link SimlesslyConnectionError}. */
export interface SimlesslyConnectionErrorInit extends SimlesslyErrorContext {
  /** False when the request provably never left (connection refused, name not resolved). */
  readonly sent: boolean;
  /** The system error code when there is one, e.g. `ECONNREFUSED`. */
  readonly systemCode?: string | null | undefined;
}

/**
 * The connection failed. Either nothing was sent (`sent: false`), or the call was read-only
 * and every attempt it was allowed failed. (A call that changes state and may have been sent
 * fails with SimlesslyUnknownOutcomeError instead.)
 */
export class SimlesslyConnectionError extends SimlesslyError {
  override readonly name: string = "SimlesslyConnectionError";
  /** False when the request provably never reached the server. */
  readonly sent: boolean;
  /** The system error code, e.g. `ECONNREFUSED`, or null. */
  readonly systemCode: string | null;

  constructor(init: SimlesslyConnectionErrorInit) {
    const how = init.sent ? "connection lost" : "could not connect";
    const code = init.systemCode ? ` (${init.systemCode})` : "";
    super(`failed: ${how}${code}`, init);
    this.sent = init.sent;
    this.systemCode = init.systemCode ?? null;
  }

  /**
   * True: either nothing reached the server, or (`sent`) the call was read-only, since a call
   * that changes state and may have been sent fails with SimlesslyUnknownOutcomeError instead.
   */
  override get retryable(): boolean {
    return true;
  }
}
