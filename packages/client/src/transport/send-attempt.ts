// Sends one attempt and reads its whole answer under the attempt's time limit (the smaller of
// the per-attempt timeout and what is left of the call's total), so a server that stalls in
// the middle of a body cannot hold a call forever. A redirect is not followed, and not read:
// it is reported as a failure naming at most the target's origin.
import type { AttemptFailure } from "../errors/attempt-failure.ts";
import type { DeadlineWatch } from "./deadline-watch.ts";
import { classifyNetworkError } from "./network-failure.ts";
import { readRedirect } from "./redirect.ts";

/**
 * A request body exactly as sent: the JSON text the typed methods serialized (sent, and
 * signed, as its UTF-8 bytes) or the bytes read from a Request; null for none.
 */
export type WireBody = string | ArrayBufferBytes | null;

/**
 * `Uint8Array<ArrayBuffer>`, which fetch takes as a body, spelled so that TypeScript before 5.7
 * (where typed arrays are not generic) reads it as plain `Uint8Array`.
 */
type ArrayBufferBytes = ReturnType<Uint8Array["slice"]>;

/** A fetch implementation; the global `fetch` fits. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** One attempt to send. */
export interface AttemptInput {
  readonly fetch: FetchLike;
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: WireBody;
  /** The caller's signal, if any: aborting it ends the attempt. */
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs: number;
  /** When the whole call must be over (local milliseconds). */
  readonly deadline: number;
  /** Ends the attempt at its time limit. */
  readonly deadlines: DeadlineWatch;
}

/** An answer, whatever its status (a redirect excepted), or why there is none. */
export type AttemptResult =
  | {
      readonly kind: "answer";
      readonly response: Response;
      readonly text: string;
      readonly sentAt: number;
      readonly receivedAt: number;
    }
  | {
      readonly kind: "failure";
      readonly failure: Exclude<AttemptFailure, { kind: "http" }>;
      readonly cause: unknown;
      readonly systemCode: string | null;
      /** For a timeout: the limit that ran out. */
      readonly limitMs: number;
    };

const timedOut = Symbol();

/** Sends one attempt. Never throws: every failure is described in the result. */
export async function sendAttempt(input: AttemptInput): Promise<AttemptResult> {
  const remaining = input.deadline - Date.now();
  const limitMs = Math.max(0, Math.min(input.timeoutMs, remaining));
  const scope = input.timeoutMs < remaining ? "attempt" : "total";
  if (limitMs <= 0) {
    return {
      kind: "failure",
      failure: { kind: "timeout", scope },
      cause: null,
      systemCode: null,
      limitMs,
    };
  }
  const controller = new AbortController();
  const unwatch = input.deadlines.watch(Date.now() + limitMs, () => controller.abort(timedOut));
  const { signal } = input;
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const sentAt = Date.now();
  try {
    const response = await input.fetch(input.url, {
      method: input.method,
      headers: input.headers,
      body: input.body,
      // Following would send the signed body and headers to whatever address the server names.
      redirect: "manual",
      signal: controller.signal,
    });
    const redirect = readRedirect(response, input.url);
    if (redirect !== null) {
      // Its body is of no use (and may repeat the Location in full); a failure to discard it
      // changes nothing about the answer.
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: "failure",
        failure: { kind: "redirect", redirect },
        cause: null,
        systemCode: null,
        limitMs,
      };
    }
    const text = await response.text();
    return { kind: "answer", response, text, sentAt, receivedAt: Date.now() };
  } catch (error) {
    if (controller.signal.aborted) {
      const reason: unknown = controller.signal.reason;
      const failure: Exclude<AttemptFailure, { kind: "http" }> =
        reason === timedOut ? { kind: "timeout", scope } : { kind: "aborted" };
      const cause = reason === timedOut ? null : reason;
      return { kind: "failure", failure, cause, systemCode: null, limitMs };
    }
    const network = classifyNetworkError(error);
    return {
      kind: "failure",
      failure: { kind: network.sent ? "connection-lost" : "not-sent" },
      cause: error,
      systemCode: network.systemCode,
      limitMs,
    };
  } finally {
    unwatch();
    signal?.removeEventListener("abort", onAbort);
  }
}
