import { type BackoffPolicy, backoffDelay } from "./backoff.ts";

/**
 * How long the platform takes to complete a batch, learnt from the batches polled so far, and
 * when to poll a batch because of it. Against the real platform a batch may take seconds or
 * minutes; polling from a fixed one second and doubling would overshoot by up to the batch
 * time itself, and every batch would wait for it.
 *
 * A completed batch tells only that its time lies between its last PROCESSING answer and its
 * COMPLETE one, so each sample is the middle of that interval (or the COMPLETE time when the
 * first poll already found it done), and the estimate is a moving average of the samples.
 * The first poll of a batch comes a little before the estimate, later ones at steps of a
 * tenth of it, growing: the overshoot stays a small part of the batch time. Until a batch
 * has completed, waits start at `initialMs` and grow by half each time (the overshoot of that
 * first batch stays within half its time, or `maxMs`).
 */
export class BatchTimeEstimate {
  readonly #policy: BackoffPolicy;
  #estimateMs: number | undefined;

  /** `policy.initialMs`: the first wait while nothing is known; `maxMs` caps every wait. */
  constructor(policy: BackoffPolicy) {
    this.#policy = policy;
  }

  /** True once a batch has completed, so that the batch time is known. */
  get known(): boolean {
    return this.#estimateMs !== undefined;
  }

  /** Learns from a batch seen COMPLETE `completeMs` after submission. */
  observe(completeMs: number, lastProcessingMs: number | undefined): void {
    const sample =
      lastProcessingMs === undefined ? completeMs : (lastProcessingMs + completeMs) / 2;
    this.#estimateMs =
      this.#estimateMs === undefined ? sample : 0.7 * this.#estimateMs + 0.3 * sample;
  }

  /**
   * The wait before poll `attempt` (0 = the first, counted from submission), with `random` in
   * [0, 1) spreading batches submitted together.
   */
  delayMs(attempt: number, random: number): number {
    const { maxMs, factor } = this.#policy;
    const estimate = this.#estimateMs;
    if (estimate === undefined) {
      return backoffDelay(
        { ...this.#policy, factor: Math.min(factor, probeGrowth) },
        attempt,
        random,
      );
    }
    const spread = 0.9 + 0.2 * random;
    const wait =
      attempt === 0
        ? 0.8 * estimate
        : Math.max(minimumStepMs, 0.1 * estimate) * 1.5 ** (attempt - 1);
    return Math.round(Math.min(maxMs, wait * spread));
  }
}

// A platform that answers in milliseconds (a local sandbox) is not polled in a busy loop.
const minimumStepMs = 20;
const probeGrowth = 1.5;
