// When a failed attempt is sent again: only when that is safe (attempt-failure.ts: nothing
// was processed, or the operation changes nothing), attempts and time remain, a Retry-After is
// within the cap, and the client's retry budget allows it.
import { type AttemptFailure, isSafeToRetry } from "../errors/attempt-failure.ts";
import { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from "./retry-budget.ts";

/** Retry settings of a client. */
export interface RetryOptions {
  /** Attempts per call, the first included; default 3. 1 turns retries off. */
  readonly maxAttempts?: number | undefined;
  /** Backoff before the first retry (doubled each time, full jitter); default 200 ms. */
  readonly baseDelayMs?: number | undefined;
  /** Largest backoff; default 5 s. */
  readonly maxDelayMs?: number | undefined;
  /** Longest `Retry-After` honoured; a 429 asking for more fails at once. Default 20 s. */
  readonly maxRetryAfterMs?: number | undefined;
  /** The budget shared by the client's calls, or its options; default 20 retries, 0.2 back per answer. */
  readonly budget?: RetryBudget | RetryBudgetOptions | undefined;
  /** Random source in [0, 1) for jitter; default Math.random. */
  readonly random?: (() => number) | undefined;
}

/** Resolved retry settings. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly budget: RetryBudget;
  readonly random: () => number;
}

/** Whether and when to send again. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false };

function isBudget(value: RetryOptions["budget"]): value is RetryBudget {
  return typeof value === "object" && value !== null && "tryAcquire" in value;
}

/** Fills in the defaults. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new TypeError("retry.maxAttempts must be an integer ≥ 1");
  }
  return {
    maxAttempts,
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 5_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 20_000,
    budget: isBudget(options.budget) ? options.budget : createRetryBudget(options.budget),
    random: options.random ?? Math.random,
  };
}

/** Exponential backoff with full jitter before retry number `retry` (1 = first retry). */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/**
 * Decides about one failed attempt: retry when it is safe, attempts remain, a `Retry-After`
 * is within the cap, the wait ends before `remainingMs` (what is left of the call's time),
 * and the budget has a token. Spends the token when it says yes.
 */
export function decideRetry(
  policy: RetryPolicy,
  failure: AttemptFailure,
  readOnly: boolean,
  attempt: number,
  remainingMs = Number.POSITIVE_INFINITY,
): RetryDecision {
  if (!isSafeToRetry(failure, readOnly) || attempt >= policy.maxAttempts) return { retry: false };
  let delayMs = backoffDelay(policy, attempt);
  if (failure.kind === "http" && failure.retryAfterMs !== null) {
    if (failure.retryAfterMs > policy.maxRetryAfterMs) return { retry: false };
    delayMs = failure.retryAfterMs;
  }
  if (delayMs >= remainingMs || !policy.budget.tryAcquire()) return { retry: false };
  return { retry: true, delayMs };
}
