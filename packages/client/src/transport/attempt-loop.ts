// The attempts of one call. The body was read once, before: every attempt signs exactly those
// bytes with a fresh timestamp and request id, sends them under the attempt and call time
// limits, shows it to the hooks before and after, and decides from the answer (or its absence)
// between data, a typed error (decide-outcome.ts) and, only where that is safe, another attempt.

import type { EimErrorLookup } from "@simlessly/contract";
import {
  type KeyAliases,
  type NormalizedBody,
  normalizeEnvelope,
} from "../answers/normalize-envelope.ts";
import { parseJson } from "../answers/parse-json.ts";
import { type AnswerRules, readAnswer } from "../answers/read-answer.ts";
import { describeErrorBody } from "../answers/read-envelope.ts";
import type { AttemptFailure } from "../errors/attempt-failure.ts";
import { decideOutcome, type Failure, type OutcomeContext } from "../errors/decide-outcome.ts";
import { findIccidsIn } from "../errors/iccids.ts";
import type { Redactor } from "../logging/redactor.ts";
import type { OperationEntry, OperationTable } from "../operation-table.ts";
import { sleep } from "./abortable-sleep.ts";
import {
  type AttemptFailureKind,
  type AttemptHooks,
  bodyBytes,
  howAttemptEnded,
  notifyAfterAttempt,
} from "./attempt-hooks.ts";
import type { Clock } from "./clock.ts";
import { createDeadlineWatch } from "./deadline-watch.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { decideRetry, type RetryPolicy } from "./retry-policy.ts";
import { type FetchLike, sendAttempt, type WireBody } from "./send-attempt.ts";

/** The headers that authenticate one attempt, and the request id they carry. */
export interface Authorization {
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string | null;
}

/** Everything the transport needs; the product clients fill it in. */
export interface TransportConfig extends AnswerRules {
  readonly operations: OperationTable;
  /** Signs (or otherwise authenticates) one attempt over exactly these bytes. */
  readonly authorize: (operation: OperationEntry, body: WireBody) => Promise<Authorization>;
  /** On HTTP 401: renew the credentials and return true to send once more. */
  readonly renewCredentials?:
    | ((operation: OperationEntry, rejected: Authorization) => boolean | Promise<boolean>)
    | undefined;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  readonly redactor: Redactor;
  readonly aliases: KeyAliases;
  /** Looks a numeric envelope code up in the product's error catalog (eIM). */
  readonly catalog?: ((code: number) => EimErrorLookup) | undefined;
  /** Called around every attempt, after signing. */
  readonly hooks: AttemptHooks;
}

/** One call as it goes out, however it reached the transport. */
export interface OutgoingCall {
  readonly operation: OperationEntry;
  readonly url: string;
  readonly method: string;
  /** Lower-case names; the authentication headers are added per attempt. */
  readonly headers: Readonly<Record<string, string>>;
  /** The caller's signal, if any. */
  readonly signal: AbortSignal | undefined;
  /** Exactly what every attempt signs and sends. */
  readonly body: WireBody;
  readonly timeoutMs: number;
  readonly totalTimeoutMs: number;
}

/** What a successful call produced. */
export interface CallResult {
  readonly operationId: string;
  /** The envelope's `obj` (null when absent), or the whole body for CMP. */
  readonly data: unknown;
  readonly requestId: string | null;
  readonly attempts: number;
}

/** A successful call: its result and the answer it came in. */
export interface DeliveredCall {
  readonly result: CallResult;
  readonly response: Response;
  readonly text: string;
  readonly normalized: NormalizedBody | undefined;
}

/** Returns the function that runs the attempts of one call, for one client. */
export function createAttemptLoop(
  config: TransportConfig,
): (call: OutgoingCall) => Promise<DeliveredCall> {
  const { log, redactor, hooks } = config;
  const deadlines = createDeadlineWatch();

  // What a call that ends without data throws: the decided error (logged), or the caller's
  // own abort reason.
  function thrown(failure: Failure, signal: AbortSignal | undefined): unknown {
    if (failure.kind === "caller-abort") return signal?.reason;
    log.log("error", "simlessly call failed", { error: failure.error.toJSON() });
    return failure.error;
  }

  return async function runAttempts(call: OutgoingCall): Promise<DeliveredCall> {
    const { operation, method, url, body, signal, timeoutMs } = call;
    const { operationId } = operation;
    const deadline = Date.now() + call.totalTimeoutMs;

    let parsedBody: { value: unknown } | undefined;
    const requestBody = (): unknown => {
      const text =
        typeof body === "string" || body === null ? body : new TextDecoder().decode(body);
      parsedBody ??= (text === null ? undefined : parseJson(text)) ?? {
        value: undefined,
      };
      return parsedBody.value;
    };
    // This request's secrets, so that a server message echoing one is scrubbed too.
    let requestSecrets: string[] | undefined;
    const secretsOfRequest = () => (requestSecrets ??= redactor.secretValuesIn(requestBody()));
    const scrub = (text: string) => redactor.scrub(text, secretsOfRequest());
    const outcomeContext = (): OutcomeContext => ({
      operation,
      requestId,
      attempts,
      envelope: config.envelope,
      iccids: () => findIccidsIn(body),
      scrub,
      catalog: config.catalog,
    });

    let attempts = 0;
    let renewed = false;
    let requestId: string | null = null;
    const retryDecision = (failure: AttemptFailure) =>
      decideRetry(config.retry, failure, operation.readOnly, attempts, deadline - Date.now());
    const retryLater = async (delayMs: number, reason: AttemptFailureKind | number) => {
      log.log("info", "simlessly retrying", {
        operationId,
        attempt: attempts,
        requestId,
        reason,
        delayMs,
      });
      await hooks.beforeRetry?.({ operationId, attempt: attempts, requestId, reason, delayMs });
      await sleep(delayMs, signal);
    };

    for (;;) {
      // Nothing is in flight here, so an abort is just an abort.
      if (signal?.aborted) throw signal.reason;
      attempts += 1;
      const authorization = await config.authorize(operation, body);
      requestId = authorization.requestId;
      // The call's headers plus the authentication of this attempt, which wins over a
      // caller's header of the same name.
      const headers: Record<string, string> = { ...call.headers };
      // Spelled as the scheme spells them (`AccessKey`), replacing any other spelling.
      for (const name in authorization.headers) {
        // The other spellings are the lower-case ones. `delete` only when one is there: it
        // turns the object into a slow dictionary that fetch then has to walk.
        const lower = name.toLowerCase();
        if (lower !== name && lower in headers) delete headers[lower];
        headers[name] = authorization.headers[name] as string;
      }
      if (log.enabled("debug")) {
        log.log("debug", "simlessly request", {
          operationId,
          attempt: attempts,
          method,
          url,
          headers: redactor.redactHeaders(headers),
          body: redactor.redactBody(requestBody(), secretsOfRequest()),
        });
      }
      if (hooks.beforeAttempt !== undefined) {
        // Frozen, and sent as frozen: what the hook saw is what was signed and sent.
        Object.freeze(headers);
        await hooks.beforeAttempt({
          operationId,
          attempt: attempts,
          requestId,
          method,
          url,
          headers,
          body: bodyBytes(body),
        });
      }

      const startedAt = Date.now();
      const result = await sendAttempt({
        fetch: config.fetch,
        url,
        method,
        headers,
        body,
        signal,
        timeoutMs,
        deadline,
        deadlines,
      });

      if (hooks.afterAttempt !== undefined) {
        await notifyAfterAttempt(hooks, log, {
          operationId,
          attempt: attempts,
          requestId,
          method,
          url,
          ...howAttemptEnded(result),
          elapsedMs: Date.now() - startedAt,
        });
      }

      if (result.kind === "failure") {
        const failure = result.failure;
        const decision = retryDecision(failure);
        if (decision.retry) {
          await retryLater(decision.delayMs, failure.kind);
          continue;
        }
        throw thrown(
          decideOutcome(
            {
              kind: "no-answer",
              failure,
              cause: result.cause,
              systemCode: result.systemCode,
              limitMs: result.limitMs,
            },
            outcomeContext(),
          ),
          signal,
        );
      }

      const { response, text } = result;
      // The header is read only when it can matter.
      const skew = config.clock.correctsSkew
        ? config.clock.observe(response.headers.get("date"), result.sentAt, result.receivedAt)
        : null;
      if (skew !== null) log.log("warn", "simlessly clock skew corrected", { offsetMs: skew });
      const parsed = parseJson(text);
      const normalized: NormalizedBody | undefined =
        parsed === undefined ? undefined : normalizeEnvelope(parsed.value, config.aliases);
      if (log.enabled("debug")) {
        log.log("debug", "simlessly answer", {
          operationId,
          attempt: attempts,
          requestId,
          status: response.status,
          durationMs: result.receivedAt - result.sentAt,
          headers: redactor.redactHeaders(response.headers),
          body:
            normalized === undefined
              ? `[${text.length} characters, not JSON]`
              : redactor.redactBody(normalized.value, secretsOfRequest()),
        });
      }
      if (
        response.status === 401 &&
        !renewed &&
        config.renewCredentials !== undefined &&
        (await config.renewCredentials(operation, authorization))
      ) {
        // The credentials were refused, so nothing was processed: sending again is safe.
        renewed = true;
        log.log("info", "simlessly credentials renewed", { operationId, attempt: attempts });
        await hooks.beforeRetry?.({
          operationId,
          attempt: attempts,
          requestId,
          reason: 401,
          delayMs: 0,
        });
        continue;
      }

      if (response.status >= 200 && response.status < 300) {
        config.retry.budget.recordSuccess();
        const verdict = decideOutcome(
          {
            kind: "answer",
            httpStatus: response.status,
            body: readAnswer(config, operation, requestId, normalized),
          },
          outcomeContext(),
        );
        if (verdict.kind !== "data") throw thrown(verdict, signal);
        const { data } = verdict;
        return {
          result: { operationId, data, requestId, attempts },
          response,
          text,
          normalized,
        };
      }

      const failure: AttemptFailure = {
        kind: "http",
        status: response.status,
        retryAfterMs:
          response.status === 429
            ? parseRetryAfter(response.headers.get("retry-after"), Date.now())
            : null,
      };
      const decision = retryDecision(failure);
      if (decision.retry) {
        await retryLater(decision.delayMs, response.status);
        continue;
      }
      throw thrown(
        decideOutcome(
          {
            kind: "error-status",
            httpStatus: response.status,
            ...describeErrorBody(config.envelope, normalized?.value),
            retryAfterMs: failure.retryAfterMs,
          },
          outcomeContext(),
        ),
        signal,
      );
    }
  };
}
