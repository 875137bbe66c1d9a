import type { Clock } from "./clock.ts";

/**
 * Lets one loop wait for a time or for news, whichever comes first, on the injected clock. A
 * `wake()` that comes while the loop is busy is kept, so the next wait returns at once and no
 * news is lost.
 */
export class Wakeup {
  readonly #clock: Clock;
  #controller = new AbortController();
  #woken = false;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Ends the current wait, or the next one if none is running. */
  wake(): void {
    this.#woken = true;
    this.#controller.abort();
  }

  /** Waits `ms` (forever when undefined) or until {@link wake}. */
  async wait(ms?: number): Promise<void> {
    if (this.#woken) {
      this.#reset();
      return;
    }
    const { signal } = this.#controller;
    if (ms === undefined) {
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
    } else {
      await this.#clock.sleep(Math.max(0, ms), signal).catch(() => undefined);
    }
    if (this.#woken) this.#reset();
  }

  #reset(): void {
    this.#woken = false;
    this.#controller = new AbortController();
  }
}
