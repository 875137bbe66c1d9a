import type { SimRecord } from "../validate/validate-record.ts";
import type { BackoffPolicy } from "./backoff.ts";
import { AuthenticationError, type BatchApi, type BatchInfo } from "./batch-api.ts";
import { BatchTimeEstimate } from "./batch-time-estimate.ts";
import type { Clock } from "./clock.ts";
import type { RecordedChunk } from "./outcome-recorder.ts";
import { type Due, PollQueue } from "./poll-queue.ts";
import type { RequestSlots } from "./request-slots.ts";
import type { HeldSecrets } from "./secret-scrubber.ts";
import { Wakeup } from "./wakeup.ts";

/** A submitted batch waiting to be polled: only what its rows need, no Ki or OPc. */
export interface PendingBatch extends RecordedChunk, Due {
  readonly batchCode: string;
  readonly submittedAt: number;
  readonly deadline: number;
  /** Fingerprints of the chunk's secrets, to scrub the platform's reasons with. */
  readonly secrets: HeldSecrets;
  /** Sent again after an attempt whose outcome was unknown: "already exists" is a lost code. */
  readonly uncertain: boolean;
  /**
   * The records themselves, kept only for an uncertain chunk when lost codes are to be
   * recovered (generating them again needs their keys); otherwise undefined.
   */
  readonly heldRecords: readonly SimRecord[] | undefined;
  lastProcessingAt: number | undefined;
  attempt: number;
  dueAt: number;
}

/** What the poller needs, and where it hands each batch when its polling ends. */
export interface BatchPollerDeps {
  readonly api: BatchApi;
  readonly needAcLink: boolean;
  readonly slots: RequestSlots;
  readonly clock: Clock;
  /** The poll waits while no batch time is known yet, and the longest wait. */
  readonly backoff: BackoffPolicy;
  /** Aborts when the run stops: nothing more is polled. */
  readonly signal: AbortSignal;
  /** A batch seen COMPLETE, with its results. */
  complete(batch: PendingBatch, info: BatchInfo): Promise<void>;
  /** A batch no longer polled (its deadline passed, or the run stopped): --resume polls it. */
  leave(batch: PendingBatch): void;
  /** Credentials refused while polling, or the outcome could not be written: the run stops. */
  fail(error: Error): void;
}

/**
 * Polls the submitted batches apart from sending: the batch due first whenever a request
 * slot is free, each when the batch time observed so far says it should be done
 * ({@link BatchTimeEstimate}), again with a growing wait while it is still processing, until
 * its deadline.
 *
 * Until one batch has completed, the batch time is unknown: only the oldest batch is polled
 * (the probe), and the others wait, parked, for what it reveals. Polling all of them on a
 * guess would cost a poll per batch per guess, and overshoot as much.
 */
export class BatchPoller {
  readonly #deps: BatchPollerDeps;
  readonly #queue = new PollQueue<PendingBatch>();
  readonly #estimate: BatchTimeEstimate;
  readonly #wakeup: Wakeup;
  readonly #polls = new Set<Promise<void>>();
  readonly #parked: PendingBatch[] = [];
  #probe: PendingBatch | undefined;
  #closed = false;

  constructor(deps: BatchPollerDeps) {
    this.#deps = deps;
    this.#estimate = new BatchTimeEstimate(deps.backoff);
    this.#wakeup = new Wakeup(deps.clock);
    deps.signal.addEventListener("abort", () => this.#wakeup.wake(), { once: true });
  }

  /** When a batch submitted now is first polled. */
  firstPollAt(submittedAt: number): number {
    return submittedAt + this.#estimate.delayMs(0, this.#deps.clock.random());
  }

  /** Takes a batch to poll from `batch.dueAt` on (later, while the batch time is unknown). */
  add(batch: PendingBatch): void {
    if (!this.#estimate.known && this.#probe !== undefined) {
      this.#parked.push(batch);
      return;
    }
    if (!this.#estimate.known) this.#probe = batch;
    this.#queue.push(batch);
    this.#wakeup.wake();
  }

  /** No batch will be added any more: `run` ends once the last one is done. */
  close(): void {
    this.#closed = true;
    this.#wakeup.wake();
  }

  /**
   * Polls until closed with nothing left, or until the run stops; then waits for the polls
   * already out and leaves whatever is still queued to `--resume`.
   */
  async run(): Promise<void> {
    const { clock, signal, slots } = this.#deps;
    for (;;) {
      if (signal.aborted) break;
      const next = this.#queue.peek();
      if (next === undefined) {
        if (this.#closed && this.#polls.size === 0) break;
        await this.#wakeup.wait();
        continue;
      }
      const wait = next.dueAt - clock.now();
      if (wait > 0) {
        await this.#wakeup.wait(wait);
        continue;
      }
      await slots.acquire();
      if (signal.aborted) {
        slots.release();
        break;
      }
      this.#queue.pop();
      const poll = this.#poll(next)
        .catch((error: unknown) =>
          this.#deps.fail(error instanceof Error ? error : new Error(String(error))),
        )
        .finally(() => {
          this.#polls.delete(poll);
          this.#wakeup.wake();
        });
      this.#polls.add(poll);
    }
    while (this.#polls.size > 0) await Promise.all([...this.#polls]);
    for (const batch of [...this.#queue.drain(), ...this.#parked.splice(0)])
      this.#deps.leave(batch);
  }

  // The probe is done (complete, or given up): the parked batches are polled when the batch
  // time now known says, or the next oldest becomes the probe.
  #probeDone(batch: PendingBatch): void {
    if (batch !== this.#probe) return;
    this.#probe = undefined;
    const { clock } = this.#deps;
    if (!this.#estimate.known) {
      const next = this.#parked.shift();
      if (next !== undefined) this.add(next);
      return;
    }
    const now = clock.now();
    for (const parked of this.#parked.splice(0)) {
      parked.dueAt = Math.max(now, parked.submittedAt + this.#estimate.delayMs(0, clock.random()));
      this.#queue.push(parked);
    }
    this.#wakeup.wake();
  }

  // Holds a request slot on entry; gives it back as soon as the call returns.
  async #poll(batch: PendingBatch): Promise<void> {
    const { api, clock, needAcLink, signal, slots } = this.#deps;
    let info: Awaited<ReturnType<BatchApi["getBatchInfo"]>> | undefined;
    try {
      await slots.pace(signal);
      info = await api.getBatchInfo({ batchCode: batch.batchCode, needAcLink });
    } catch (error) {
      if (error instanceof AuthenticationError) this.#deps.fail(error);
      // Other errors of a read-only call: polled again later, until the deadline.
    } finally {
      slots.release();
    }
    const now = clock.now();
    if (info?.status === "COMPLETE") {
      this.#estimate.observe(now - batch.submittedAt, batch.lastProcessingAt);
      this.#probeDone(batch);
      await this.#deps.complete(batch, info);
      return;
    }
    if (info !== undefined) batch.lastProcessingAt = now - batch.submittedAt;
    batch.attempt += 1;
    if (signal.aborted || now >= batch.deadline) {
      // Still `submitted` in the journal: --resume polls it again.
      this.#probeDone(batch);
      this.#deps.leave(batch);
      return;
    }
    batch.dueAt = now + this.#estimate.delayMs(batch.attempt, clock.random());
    this.#queue.push(batch);
  }
}
