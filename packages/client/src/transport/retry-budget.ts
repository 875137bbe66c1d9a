// A retry budget shared by every call of a client (the AWS SDK's idea): retries spend tokens,
// answers earn a fraction back. When a server is down, a busy client stops multiplying its
// load by the attempt count and fails fast instead.

/** Options of {@link createRetryBudget}. */
export interface RetryBudgetOptions {
  /** Retries that may happen in a burst; default 20. */
  readonly capacity?: number | undefined;
  /** Tokens earned back by each call that got an answer; default 0.2 (one retry per 5 calls). */
  readonly refillPerSuccess?: number | undefined;
}

/** The retry budget of one client. */
export interface RetryBudget {
  /** Takes one retry's worth; false when the budget is spent (then do not retry). */
  tryAcquire(): boolean;
  /** Earns tokens back after a call that got an answer. */
  recordSuccess(): void;
  /** Tokens left. */
  readonly available: number;
}

/** Creates a full retry budget. */
export function createRetryBudget(options: RetryBudgetOptions = {}): RetryBudget {
  const capacity = options.capacity ?? 20;
  const refill = options.refillPerSuccess ?? 0.2;
  if (!(capacity >= 0) || !(refill >= 0)) {
    throw new TypeError("retry budget: capacity and refillPerSuccess must be ≥ 0");
  }
  let tokens = capacity;
  return {
    tryAcquire() {
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    recordSuccess() {
      tokens = Math.min(capacity, tokens + refill);
    },
    get available() {
      return tokens;
    },
  };
}
