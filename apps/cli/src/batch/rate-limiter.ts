import type { Clock } from "./clock.ts";

/**
 * A token bucket: `perSecond` tokens a second, holding at most one second's worth (at least
 * one), so a quiet moment allows a short burst but the long-run rate never exceeds the limit.
 * Callers are served in arrival order.
 */
export class RateLimiter {
  readonly #perSecond: number;
  readonly #capacity: number;
  readonly #clock: Clock;
  #tokens: number;
  #updated: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(perSecond: number, clock: Clock) {
    this.#perSecond = perSecond;
    this.#capacity = Math.max(1, perSecond);
    this.#clock = clock;
    this.#tokens = this.#capacity;
    this.#updated = clock.now();
  }

  /** Waits until a token is free and takes it. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.#queue.then(() => this.#takeNow(signal));
    // A failed wait (abort) must not block the callers behind it.
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #takeNow(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      this.#tokens = Math.min(
        this.#capacity,
        this.#tokens + ((now - this.#updated) / 1000) * this.#perSecond,
      );
      this.#updated = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      const wait = Math.ceil(((1 - this.#tokens) / this.#perSecond) * 1000);
      await this.#clock.sleep(wait, signal);
    }
  }
}

/** Reads `--rate`: `N`, `N/s` or `N/m` (per minute); returns requests per second. */
export function parseRate(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(?:\/(s|m|min))?$/.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]);
  const perSecond = match[2] === undefined || match[2] === "s" ? value : value / 60;
  return perSecond > 0 && Number.isFinite(perSecond) ? perSecond : undefined;
}
