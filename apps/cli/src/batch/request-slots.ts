import type { Clock } from "./clock.ts";
import { RateLimiter } from "./rate-limiter.ts";
import { Semaphore } from "./semaphore.ts";

/**
 * What every request of a run, submission or poll, must get before it leaves: one of
 * `concurrency` slots, then a token of the rate limit (when there is one).
 */
export class RequestSlots {
  readonly #slots: Semaphore;
  readonly #limiter: RateLimiter | undefined;

  constructor(concurrency: number, ratePerSecond: number | undefined, clock: Clock) {
    this.#slots = new Semaphore(concurrency);
    this.#limiter = ratePerSecond === undefined ? undefined : new RateLimiter(ratePerSecond, clock);
  }

  /** Waits for a free slot. */
  acquire(): Promise<void> {
    return this.#slots.acquire();
  }

  /** Waits for the rate to allow one more request; rejects once `signal` aborts. */
  async pace(signal: AbortSignal): Promise<void> {
    await this.#limiter?.take(signal);
  }

  release(): void {
    this.#slots.release();
  }
}
