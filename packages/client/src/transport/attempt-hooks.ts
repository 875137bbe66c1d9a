// Per-attempt hooks: the one way to watch what a client sends, typed methods and `raw` alike.
// They run inside the attempt loop, after signing, so they see each attempt exactly as it goes
// on the wire, retries included. They observe and never change: a header added after signing
// would be sent unsigned or break the signature, so the headers they get are frozen and the
// body is a copy. (A request is changed before signing with openapi-fetch middleware on `raw`.)
import type { LogSink } from "../logging/logger.ts";
import type { AttemptResult, WireBody } from "./send-attempt.ts";

/** One attempt about to be sent, signed. */
export interface AttemptRequest {
  readonly operationId: string;
  /** 1 for the first attempt of a call, 2 for the first retry, … */
  readonly attempt: number;
  /** The request id the signature carries (null where the scheme has none, as in CMP). */
  readonly requestId: string | null;
  /** Upper case, as sent. */
  readonly method: string;
  readonly url: string;
  /** The headers as sent, signature headers included; frozen. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * A copy of the body bytes as sent and signed (null for none). They hold secrets (Ki, OPc,
   * client secrets): unlike the client's log, nothing here is redacted.
   */
  readonly body: Uint8Array | null;
}

/** Why an attempt brought no usable answer. */
export type AttemptFailureKind =
  | "not-sent"
  | "connection-lost"
  | "timeout"
  | "aborted"
  | "redirect";

/** How one attempt ended. */
export interface AttemptAnswer {
  readonly operationId: string;
  readonly attempt: number;
  readonly requestId: string | null;
  readonly method: string;
  readonly url: string;
  /** The HTTP status of the answer (of a redirect, too); null when none arrived. */
  readonly status: number | null;
  /** Why the attempt brought no usable answer; null when an answer arrived. */
  readonly failure: AttemptFailureKind | null;
  /** The answer's headers, lower-case names (empty without an answer); frozen. */
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds from sending to the end of the answer (or of the failure). */
  readonly elapsedMs: number;
}

/** A retry about to wait, then send again. */
export interface AttemptRetry {
  readonly operationId: string;
  /** The attempt that failed. */
  readonly attempt: number;
  readonly requestId: string | null;
  /** The HTTP status that failed the attempt, or why there was no answer. */
  readonly reason: number | AttemptFailureKind;
  /** How long the client waits before the next attempt. */
  readonly delayMs: number;
}

/**
 * Functions called around every attempt of every call, in this order: `beforeAttempt`,
 * `afterAttempt`, then `beforeRetry` when another attempt follows. Each may return a promise,
 * which is awaited. An error thrown by `beforeAttempt` or `beforeRetry` ends the call with that
 * error before the attempt (or the next one) is sent. An error thrown by `afterAttempt` is
 * logged and ignored: the answer has arrived, and for a call that changes state it may report
 * an effect that must not be hidden.
 */
export interface AttemptHooks {
  readonly beforeAttempt?: ((attempt: AttemptRequest) => void | Promise<void>) | undefined;
  readonly afterAttempt?: ((attempt: AttemptAnswer) => void | Promise<void>) | undefined;
  readonly beforeRetry?: ((retry: AttemptRetry) => void | Promise<void>) | undefined;
}

/** A copy of the bytes a body is sent as: fetch sends a string as UTF-8. */
export function bodyBytes(body: WireBody): Uint8Array | null {
  if (body === null) return null;
  return typeof body === "string" ? new TextEncoder().encode(body) : body.slice();
}

function frozenHeaders(headers: Headers): Readonly<Record<string, string>> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return Object.freeze(record);
}

/** What `afterAttempt` is told about how an attempt ended. */
export function howAttemptEnded(
  result: AttemptResult,
): Pick<AttemptAnswer, "status" | "failure" | "headers"> {
  if (result.kind === "answer") {
    const { response } = result;
    return { status: response.status, failure: null, headers: frozenHeaders(response.headers) };
  }
  const { failure } = result;
  // A redirect did answer, with a status; its headers are not read (redirect.ts).
  const status = failure.kind === "redirect" ? failure.redirect.httpStatus : null;
  return { status, failure: failure.kind, headers: Object.freeze({}) };
}

/** Runs `afterAttempt`, whose failure must not change how the call ends. */
export async function notifyAfterAttempt(
  hooks: AttemptHooks,
  log: LogSink,
  answer: AttemptAnswer,
): Promise<void> {
  if (hooks.afterAttempt === undefined) return;
  try {
    await hooks.afterAttempt(answer);
  } catch (error) {
    log.log("error", "simlessly afterAttempt hook failed", {
      operationId: answer.operationId,
      attempt: answer.attempt,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
