// The custom `fetch` beneath openapi-fetch. For each call it reads the serialized body once,
// then per attempt: signs exactly those bytes with a fresh timestamp and request id, sends
// them under the attempt and call time limits, and decides from the answer (or its absence)
// between data, a typed error and, only where that is safe, another attempt.

import { sleep } from "./abortable-sleep.ts";
import {
  type AnswerContext,
  type AnswerRules,
  acceptAnswer,
  apiErrorFor,
} from "./accept-answer.ts";
import type { Clock } from "./clock.ts";
import { errorForFailure } from "./failure-error.ts";
import { findIccidsIn } from "./iccids.ts";
import { type KeyAliases, type NormalizedBody, normalizeEnvelope } from "./normalize-envelope.ts";
import type { OperationEntry, OperationTable } from "./operation-table.ts";
import { parseJson } from "./parse-json.ts";
import { describeErrorBody } from "./read-envelope.ts";
import type { Redactor } from "./redactor.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { type AttemptFailure, decideRetry, type RetryPolicy } from "./retry-policy.ts";
import { type FetchLike, sendAttempt, type WireBody } from "./send-attempt.ts";
import type { SimlesslyError } from "./simlessly-error.ts";
import { SimlesslyUnknownOutcomeError } from "./unknown-outcome-error.ts";

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
}

/** Per-call settings, carried on the Request openapi-fetch builds. */
export interface CallSettings {
  readonly timeoutMs?: number | undefined;
  readonly totalTimeoutMs?: number | undefined;
  /** The operation of a typed call. */
  readonly operation?: OperationEntry | undefined;
  /** The body as the typed methods serialized it (their Request carries none). */
  readonly body?: string | undefined;
}

/** The property of the Request that carries {@link CallSettings}. */
export const callSettingsKey = "simlesslyCallSettings";

/** What a successful call produced, found by the Response the transport returned. */
export interface CallResult {
  readonly operationId: string;
  /** The envelope's `obj` (null when absent), or the whole body for CMP. */
  readonly data: unknown;
  readonly requestId: string | null;
  readonly attempts: number;
}

/** The custom fetch and the results of the answers it produced. */
export interface Transport {
  readonly fetch: (input: Request) => Promise<Response>;
  resultOf(response: Response): CallResult | undefined;
}

// The answer handed to openapi-fetch holds a re-encoded text body: drop the headers that
// described the bytes on the wire.
function answerHeaders(response: Response): Headers {
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return headers;
}

/** Creates the transport of one client. */
export function createTransport(config: TransportConfig): Transport {
  const results = new WeakMap<Response, CallResult>();
  const { log, redactor } = config;

  function fail(error: SimlesslyError): SimlesslyError {
    log.log("error", "simlessly call failed", { error: error.toJSON() });
    return error;
  }

  async function send(request: Request): Promise<Response> {
    const settings = (request as unknown as Record<string, CallSettings | undefined>)[
      callSettingsKey
    ];
    const operation = settings?.operation ?? config.operations.forUrl(request.url);
    const { operationId } = operation;
    const timeoutMs = settings?.timeoutMs ?? config.timeoutMs;
    const deadline = Date.now() + (settings?.totalTimeoutMs ?? config.totalTimeoutMs);
    const signal = request.signal;
    // Read once: every attempt signs and sends exactly this. A typed call hands over its JSON
    // text (fetch sends a string as UTF-8, the signer signs the same UTF-8); a call through
    // `raw` is read from its Request as bytes.
    const body: WireBody =
      settings?.body ??
      (request.body === null ? null : new Uint8Array(await request.arrayBuffer()));

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

    let attempts = 0;
    let renewed = false;
    let requestId: string | null = null;
    const retryLater = async (delayMs: number, reason: string | number) => {
      log.log("info", "simlessly retrying", {
        operationId,
        attempt: attempts,
        requestId,
        reason,
        delayMs,
      });
      await sleep(delayMs, signal);
    };

    for (;;) {
      // Nothing is in flight here, so an abort is just an abort.
      if (signal.aborted) throw signal.reason;
      attempts += 1;
      const authorization = await config.authorize(operation, body);
      requestId = authorization.requestId;
      // A plain object, as the request's headers plus the authentication of this attempt
      // (which wins over a caller's header of the same name).
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      // Spelled as the scheme spells them (`AccessKey`), replacing any other spelling.
      for (const [name, value] of Object.entries(authorization.headers)) {
        delete headers[name.toLowerCase()];
        headers[name] = value;
      }
      if (log.enabled("debug")) {
        log.log("debug", "simlessly request", {
          operationId,
          attempt: attempts,
          method: request.method,
          url: request.url,
          headers: redactor.redactHeaders(headers),
          body: redactor.redactBody(requestBody(), secretsOfRequest()),
        });
      }

      const result = await sendAttempt({
        fetch: config.fetch,
        url: request.url,
        method: request.method,
        headers,
        body,
        redirect: request.redirect,
        signal,
        timeoutMs,
        deadline,
      });

      if (result.kind === "failure") {
        const failure = result.failure;
        const decision = decideRetry(
          config.retry,
          failure,
          operation.readOnly,
          attempts,
          deadline - Date.now(),
        );
        if (decision.retry) {
          await retryLater(decision.delayMs, failure.kind);
          continue;
        }
        const error = errorForFailure(failure, {
          operation,
          requestId,
          attempts,
          iccids: () => findIccidsIn(body),
          cause: result.cause,
          systemCode: result.systemCode,
          limitMs: result.limitMs,
        });
        // A read-only call aborted by its caller rejects with the caller's reason.
        throw error === undefined ? signal.reason : fail(error);
      }

      const { response, text } = result;
      const skew = config.clock.observe(
        response.headers.get("date"),
        result.sentAt,
        result.receivedAt,
      );
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
      const context: AnswerContext = { operation, requestId, attempts, body, scrub };

      if (
        response.status === 401 &&
        !renewed &&
        config.renewCredentials !== undefined &&
        (await config.renewCredentials(operation, authorization))
      ) {
        // The credentials were refused, so nothing was processed: sending again is safe.
        renewed = true;
        log.log("info", "simlessly credentials renewed", { operationId, attempt: attempts });
        continue;
      }

      if (response.status >= 200 && response.status < 300) {
        config.retry.budget.recordSuccess();
        let data: unknown;
        try {
          data = acceptAnswer(config, context, response.status, normalized);
        } catch (error) {
          throw fail(error as SimlesslyError);
        }
        // A typed call reads its data from `resultOf`, so its answer carries no body (building
        // one costs a copy and a stream nobody reads); `raw` gets the normalized JSON.
        const answer =
          settings?.operation !== undefined
            ? new Response(null, { status: response.status, statusText: response.statusText })
            : new Response(normalized?.changed ? JSON.stringify(normalized.value) : text, {
                status: response.status,
                statusText: response.statusText,
                headers: answerHeaders(response),
              });
        results.set(answer, { operationId, data, requestId, attempts });
        return answer;
      }

      const failure: AttemptFailure = {
        kind: "http",
        status: response.status,
        retryAfterMs:
          response.status === 429
            ? parseRetryAfter(response.headers.get("retry-after"), Date.now())
            : null,
      };
      const decision = decideRetry(
        config.retry,
        failure,
        operation.readOnly,
        attempts,
        deadline - Date.now(),
      );
      if (decision.retry) {
        await retryLater(decision.delayMs, response.status);
        continue;
      }
      if (response.status >= 500 && !operation.readOnly) {
        throw fail(
          new SimlesslyUnknownOutcomeError({
            operationId,
            requestId,
            attempts,
            reason: "server-error",
            httpStatus: response.status,
            iccids: findIccidsIn(body),
          }),
        );
      }
      const described = describeErrorBody(config.envelope, normalized?.value);
      throw fail(
        apiErrorFor(
          config,
          context,
          response.status,
          described.code,
          described.message,
          failure.retryAfterMs,
        ),
      );
    }
  }

  return {
    fetch: (input) => send(input),
    resultOf: (response) => results.get(response),
  };
}
