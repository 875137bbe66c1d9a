// The base of every error the clients throw. Errors travel into logs, crash reporters and
// JSON APIs, so what they print is fixed here: the fields each class declares, all safe by
// construction, never a request or response body, never a credential, never the cause.
import { simlesslyErrorBrand } from "./error-brand.ts";

const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

/** What every error says about the call it belongs to. */
export interface SimlesslyErrorContext {
  /** The operation, e.g. `generateAcByBatch`; `unknown` for a path outside the contract. */
  readonly operationId: string;
  /** The request id of the last attempt (RSP `RequestID`, eIM `request-id`); null if none. */
  readonly requestId?: string | null | undefined;
  /** How many times the request was sent (0: refused before sending). */
  readonly attempts?: number | undefined;
  /** The underlying failure, kept for programs; never printed by toJSON or inspect. */
  readonly cause?: unknown;
}

/** Any failure of a Simlessly client call. */
export class SimlesslyError extends Error {
  override readonly name: string = "SimlesslyError";
  /** The operation that failed. */
  readonly operationId: string;
  /** The request id of the last attempt, or null (CMP sends none; nothing sent yet). */
  readonly requestId: string | null;
  /** How many times the request was sent. */
  readonly attempts: number;

  /**
   * `what` says what went wrong after the operation id; the request id and the attempt count
   * are appended when anything was sent.
   */
  constructor(what: string, context: SimlesslyErrorContext) {
    const attempts = context.attempts ?? 0;
    const sent =
      attempts > 0
        ? ` [${context.requestId ? `request ${context.requestId}` : "no request id"}, ${attempts} attempt${attempts === 1 ? "" : "s"}]`
        : "";
    super(
      `${context.operationId} ${what}${sent}`,
      context.cause === undefined ? undefined : { cause: context.cause },
    );
    this.operationId = context.operationId;
    this.requestId = context.requestId ?? null;
    this.attempts = attempts;
    // Not enumerable: the mark is for isSimlesslyError, not part of what the error prints.
    Object.defineProperty(this, simlesslyErrorBrand, { value: true });
  }

  /**
   * Whether sending the same request again is safe and may succeed: true for the failures the
   * client's retry policy counts as safe to send again (nothing left, a 429, a read-only
   * call's lost connection, timeout or 5xx); false when it may repeat an effect or would fail
   * the same way. The client has already retried as often as its options allowed.
   */
  get retryable(): boolean {
    return false;
  }

  /**
   * The fields that describe this error: its own enumerable properties, which is why every
   * class here declares only fields that are safe to print (`cause`, `message` and `stack`
   * are not enumerable), and `retryable`.
   */
  details(): Record<string, unknown> {
    const { name: _name, ...fields } = this as Record<string, unknown>;
    return { ...fields, retryable: this.retryable };
  }

  /** What `JSON.stringify` writes: name, message and the safe fields, nothing else. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.details() };
  }

  /** What `util.inspect` and `console.log` print: the stack and the safe fields. */
  [inspectCustom](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${JSON.stringify(this.details())}`;
  }
}
