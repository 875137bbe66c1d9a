/** Lets at most `limit` callers hold a slot at once; the others wait in order. */
export class Semaphore {
  readonly #limit: number;
  #held = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Slots in use. */
  get held(): number {
    return this.#held;
  }

  async acquire(): Promise<void> {
    if (this.#held < this.#limit) {
      this.#held += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    // The slot passes straight to the next waiter, so `held` stays the same.
    if (next !== undefined) next();
    else this.#held -= 1;
  }
}
