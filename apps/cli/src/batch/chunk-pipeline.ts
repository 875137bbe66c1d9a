import { ConfigError, InputError } from "../core/cli-error.ts";
import type { Progress } from "../output/progress.ts";
import { secretValuesOf } from "../validate/secret-fields.ts";
import type { SimRecord } from "../validate/validate-record.ts";
import type { BackoffPolicy } from "./backoff.ts";
import {
  AuthenticationError,
  type BatchApi,
  type BatchInfo,
  BatchRejectedError,
  NotSentError,
} from "./batch-api.ts";
import { BatchPoller, type PendingBatch } from "./batch-poller.ts";
import { chunkDigest } from "./chunk-digest.ts";
import type { Clock } from "./clock.ts";
import type { JournalWriter } from "./journal-writer.ts";
import { LostCodeRecovery, type RecoveryApi } from "./lost-code-recovery.ts";
import type { OutcomeRecorder } from "./outcome-recorder.ts";
import { answersAfterUnknown, type ChunkState } from "./read-journal.ts";
import { RequestSlots } from "./request-slots.ts";
import { reasonOf } from "./result-rows.ts";
import type { HeldSecrets, SecretScrubber } from "./secret-scrubber.ts";
import { Semaphore } from "./semaphore.ts";

/** One chunk of valid records, in input order, with the input line of each. */
export interface PlannedChunk {
  readonly index: number;
  readonly firstLine: number;
  readonly records: readonly SimRecord[];
  readonly lines: readonly number[];
}

/** What the pipeline needs. */
export interface ChunkPipelineDeps {
  readonly api: BatchApi;
  readonly journal: JournalWriter;
  /** Writes settled chunks' rows, images and events, in order. */
  readonly outcomes: OutcomeRecorder;
  /** Chunk states of the run being resumed (empty for a new run). */
  readonly previous: ReadonlyMap<number, ChunkState>;
  readonly configName: string;
  readonly needAcLink: boolean;
  /** Requests in flight at once, submissions and polls together. */
  readonly concurrency: number;
  readonly ratePerSecond: number | undefined;
  /** Batches submitted and not yet settled, at most: memory stays flat at any batch time. */
  readonly maxPending: number;
  readonly pollTimeoutMs: number;
  readonly resubmitUnknown: boolean;
  /** The poll waits while no batch time is known yet, and the longest wait. */
  readonly backoff: BackoffPolicy;
  readonly clock: Clock;
  readonly progress: Progress;
  /** Records settled by earlier runs (their chunks are counted, not settled again). */
  readonly alreadySettled: number;
  /** Holds the secrets of the chunks in flight; every reason from the platform passes it. */
  readonly scrubber: SecretScrubber;
  /**
   * Settles lost codes (see lost-codes.ts) when `--recover-lost-codes` asked for it and the
   * API can; without it they stay lost, for a later run.
   */
  readonly recovery: RecoveryApi | undefined;
}

/** Records counted by outcome, plus images written. */
export interface PipelineCounts {
  succeeded: number;
  failed: number;
  rejected: number;
  unknown: number;
  /** Codes lost to an unknown outcome and not recovered (no row in results.csv). */
  lost: number;
  qrImages: number;
}

/**
 * Sends chunks as fast as `concurrency` and the rate allow, while a {@link BatchPoller} polls
 * the submitted batches apart: a run takes about the time to submit everything plus one batch
 * time, not (records / records in flight) × batch time. Submissions and polls share the
 * request slots and the rate; at most `maxPending` batches wait at once, and the input
 * streams no faster.
 *
 * Journal discipline, the basis of `--resume`: `submitting` (with the ICCIDs) is on disk
 * before a request leaves, `submitted` (with the batch code) as soon as it returns, and
 * `completed` only after the chunk's rows are on disk in results.csv.
 */
export class ChunkPipeline {
  readonly counts: PipelineCounts = {
    succeeded: 0,
    failed: 0,
    rejected: 0,
    unknown: 0,
    lost: 0,
    qrImages: 0,
  };
  readonly unknownChunks: number[] = [];
  readonly #deps: ChunkPipelineDeps;
  readonly #slots: RequestSlots;
  readonly #pendingSlots: Semaphore;
  readonly #poller: BatchPoller;
  readonly #polling: Promise<void>;
  readonly #recovery: LostCodeRecovery | undefined;
  /** Aborted when the run stops (an error, or an interruption): nothing more is sent or polled. */
  readonly #stop = new AbortController();
  readonly #submissions = new Set<Promise<void>>();
  #fatal: Error | undefined;
  #interrupted = false;
  #accepted = 0;
  #settled: number;
  #sending = 0;
  #processing = 0;

  constructor(deps: ChunkPipelineDeps) {
    this.#deps = deps;
    this.#slots = new RequestSlots(deps.concurrency, deps.ratePerSecond, deps.clock);
    this.#pendingSlots = new Semaphore(deps.maxPending);
    this.#settled = deps.alreadySettled;
    this.#poller = new BatchPoller({
      api: deps.api,
      needAcLink: deps.needAcLink,
      slots: this.#slots,
      clock: deps.clock,
      backoff: deps.backoff,
      signal: this.#stop.signal,
      complete: (batch, results) => this.#complete(batch, results),
      leave: (batch) => this.#leave(batch),
      fail: (error) => this.#fail(error),
    });
    this.#polling = this.#poller.run();
    this.#recovery =
      deps.recovery === undefined
        ? undefined
        : new LostCodeRecovery({
            api: deps.recovery,
            outcomes: deps.outcomes,
            slots: this.#slots,
            signal: this.#stop.signal,
            configName: deps.configName,
            needAcLink: deps.needAcLink,
            scrubber: deps.scrubber,
            settled: (outcome, qrImage) => {
              this.counts.lost -= 1;
              if (outcome === "regenerated") this.counts.succeeded += 1;
              else this.counts.failed += 1;
              if (qrImage) this.counts.qrImages += 1;
            },
            fail: (error) => this.#fail(error),
          });
  }

  /** True once a fatal error or an interruption stopped sending and polling. */
  get stopped(): boolean {
    return this.#stop.signal.aborted;
  }

  /** True when the run was interrupted (Ctrl+C): nothing failed, the rest is for `--resume`. */
  get interrupted(): boolean {
    return this.#interrupted;
  }

  /** Records settled so far, being sent, and submitted but not complete. */
  get progressCounts() {
    return { settled: this.#settled, sending: this.#sending, processing: this.#processing };
  }

  /**
   * Stops sending and polling (Ctrl+C): requests already out finish and are journaled, batches
   * submitted stay `submitted` in the journal for `--resume` to poll.
   */
  interrupt(): void {
    if (this.stopped) return;
    this.#interrupted = true;
    this.#stop.abort(new Error("interrupted"));
  }

  /** Takes the next chunk; waits for room (a pending slot and a request slot) to send it. */
  async add(chunk: PlannedChunk): Promise<void> {
    const iccids = chunk.records.map((record) => record.iccid);
    const previous = this.#deps.previous.get(chunk.index);
    if (previous !== undefined && previous.digest !== chunkDigest(iccids)) {
      throw new InputError(
        `chunk ${chunk.index} (from line ${chunk.firstLine}) holds other ICCIDs than the journal says; was the input or simlessly changed since the run started?`,
      );
    }
    switch (previous?.state) {
      case "completed":
        this.counts.succeeded += previous.succeeded;
        this.counts.failed += previous.failed;
        this.counts.unknown += previous.missing;
        this.#lost(
          chunk,
          previous.lost.map((iccid) => iccids.indexOf(iccid)),
          chunk.records,
        );
        return;
      case "rejected":
        this.counts.rejected += previous.count;
        return;
      case "submitting":
      case "unknown":
        if (!this.#deps.resubmitUnknown) {
          this.#markUnknown(chunk.index, iccids.length);
          return;
        }
        break;
      default:
        break;
    }
    if (this.stopped) return;
    await this.#pendingSlots.acquire();
    if (this.stopped) {
      this.#pendingSlots.release();
      return;
    }
    const uncertain = answersAfterUnknown(previous);
    if (previous?.state === "submitted") {
      // Submitted by an earlier run: it may well be complete by now.
      this.#accepted += 1;
      const secrets = this.#deps.scrubber.hold(chunk.records.flatMap(secretValuesOf));
      const now = this.#deps.clock.now();
      this.#enqueue(chunk, iccids, previous.batchCode, secrets, uncertain, now, 0);
      return;
    }
    await this.#slots.acquire();
    if (this.stopped) {
      this.#slots.release();
      this.#pendingSlots.release();
      return;
    }
    const attempt = (previous !== undefined && "attempts" in previous ? previous.attempts : 0) + 1;
    const submission = this.#submit(chunk, iccids, attempt, uncertain)
      .catch((error: unknown) =>
        this.#fail(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => this.#submissions.delete(submission));
    this.#submissions.add(submission);
  }

  /** Waits until every chunk is settled or pending; rethrows what stopped the run, if anything. */
  async finish(): Promise<void> {
    await this.#drain();
    if (this.#fatal !== undefined) throw this.#fatal;
  }

  /** Stops sending (an error outside the pipeline) and waits for requests already out. */
  async abandon(reason: Error): Promise<void> {
    if (!this.stopped) this.#stop.abort(reason);
    await this.#drain();
  }

  async #drain(): Promise<void> {
    while (this.#submissions.size > 0) await Promise.all([...this.#submissions]);
    this.#poller.close();
    await this.#polling;
    // Recovery starts from completed batches, so it ends last.
    await this.#recovery?.finish();
  }

  // Holds a request slot on entry; gives it back as soon as the call returns.
  async #submit(
    chunk: PlannedChunk,
    iccids: string[],
    attempt: number,
    uncertain: boolean,
  ): Promise<void> {
    const { api, journal, configName, needAcLink, scrubber } = this.#deps;
    try {
      await this.#slots.pace(this.#stop.signal);
    } catch {
      // Stopped while waiting for the rate: nothing was sent.
      this.#slots.release();
      this.#pendingSlots.release();
      return;
    }
    // The answer, and any later answer about the batch, may echo these.
    const secrets = scrubber.hold(chunk.records.flatMap(secretValuesOf));
    this.#sending += iccids.length;
    this.#showProgress();
    let batchCode: string;
    try {
      // On disk before the request leaves: a crash after this point leaves a chunk that
      // --resume knows may have been taken.
      await journal.append({
        event: "submitting",
        chunk: chunk.index,
        attempt,
        firstLine: chunk.firstLine,
        iccids,
      });
      if (this.stopped) throw new StoppedBeforeSending();
      batchCode = (await api.submitBatch({ configName, needAcLink, records: chunk.records }))
        .batchCode;
    } catch (error) {
      this.#slots.release();
      this.#sending -= iccids.length;
      try {
        await this.#submissionFailed(chunk, iccids, error, secrets);
      } finally {
        scrubber.release(secrets);
        this.#pendingSlots.release();
      }
      return;
    }
    this.#slots.release();
    this.#sending -= iccids.length;
    this.#accepted += 1;
    await journal.append({ event: "submitted", chunk: chunk.index, batchCode });
    const now = this.#deps.clock.now();
    const firstPollAfterMs = this.#poller.firstPollAt(now) - now;
    this.#enqueue(chunk, iccids, batchCode, secrets, uncertain, now, firstPollAfterMs);
  }

  async #submissionFailed(
    chunk: PlannedChunk,
    iccids: string[],
    error: unknown,
    secrets: HeldSecrets,
  ): Promise<void> {
    const { journal, outcomes } = this.#deps;
    // The request's own secrets, which its answer may echo.
    const reason = secrets.scrub(reasonOf(error));
    if (error instanceof StoppedBeforeSending) {
      await journal.append({ event: "released", chunk: chunk.index, reason: error.message });
      return;
    }
    if (error instanceof AuthenticationError || error instanceof NotSentError) {
      // Nothing was processed: the chunk may be sent again once the cause is fixed.
      this.#fail(error);
      await journal.append({ event: "released", chunk: chunk.index, reason });
      return;
    }
    if (error instanceof BatchRejectedError) {
      if (this.#accepted === 0) {
        // Refused before any batch was taken: the same configuration and credentials would be
        // refused for every batch. Nothing was processed, so the chunk may be sent again.
        this.#fail(
          new ConfigError(
            `the platform refused the first batch (${reason}); nothing more was sent. Check --config-name and the credentials, then run again (with --resume if the cause was passing)`,
            { cause: error },
          ),
        );
        await journal.append({ event: "released", chunk: chunk.index, reason });
        return;
      }
      await outcomes.rejected({ index: chunk.index, iccids, lines: chunk.lines }, reason);
      this.counts.rejected += iccids.length;
      this.#settle(iccids.length);
      return;
    }
    // UnknownOutcomeError or anything unexpected: the bytes may have reached the platform.
    await journal.append({ event: "unknown", chunk: chunk.index, reason });
    this.#markUnknown(chunk.index, iccids.length);
  }

  #enqueue(
    chunk: PlannedChunk,
    iccids: readonly string[],
    batchCode: string,
    secrets: HeldSecrets,
    uncertain: boolean,
    submittedAt: number,
    firstPollAfterMs: number,
  ): void {
    this.#processing += iccids.length;
    this.#showProgress();
    this.#poller.add({
      index: chunk.index,
      iccids,
      lines: chunk.lines,
      batchCode,
      submittedAt,
      deadline: submittedAt + this.#deps.pollTimeoutMs,
      secrets,
      uncertain,
      heldRecords: uncertain && this.#recovery !== undefined ? chunk.records : undefined,
      lastProcessingAt: undefined,
      attempt: 0,
      dueAt: submittedAt + firstPollAfterMs,
    });
  }

  async #complete(batch: PendingBatch, info: BatchInfo): Promise<void> {
    const scrub = (text: string) => batch.secrets.scrub(text);
    const { outcomes } = this.#deps;
    const outcome = await outcomes.completed(batch, batch.batchCode, info, scrub, batch.uncertain);
    this.counts.succeeded += outcome.succeeded;
    this.counts.failed += outcome.failed;
    this.counts.unknown += outcome.missing;
    this.counts.qrImages += outcome.qrImages;
    this.#lost(batch, outcome.lost, batch.heldRecords);
    this.#processing -= batch.iccids.length;
    this.#deps.scrubber.release(batch.secrets);
    this.#pendingSlots.release();
    this.#settle(batch.iccids.length);
  }

  // Polled no more (its deadline passed, or the run stopped): still pending for --resume.
  #leave(batch: PendingBatch): void {
    this.#processing -= batch.iccids.length;
    this.#deps.scrubber.release(batch.secrets);
    this.#pendingSlots.release();
    this.#showProgress();
  }

  // Counts a chunk's lost codes, and hands them to recovery when there is one.
  #lost(
    chunk: { readonly index: number; readonly lines: readonly number[] },
    positions: readonly number[],
    records: readonly SimRecord[] | undefined,
  ): void {
    if (positions.length === 0) return;
    this.counts.lost += positions.length;
    if (this.#recovery === undefined || records === undefined || this.stopped) return;
    this.#recovery.add(
      positions.map((position) => ({
        chunk: chunk.index,
        line: chunk.lines[position] as number,
        record: records[position] as SimRecord,
      })),
    );
  }

  #markUnknown(index: number, count: number): void {
    this.counts.unknown += count;
    this.unknownChunks.push(index);
    this.#settle(count);
  }

  #settle(count: number): void {
    this.#settled += count;
    this.#showProgress();
  }

  #showProgress(): void {
    this.#deps.progress.update(this.progressCounts);
  }

  #fail(error: Error): void {
    if (this.#fatal === undefined) this.#fatal = error;
    if (!this.stopped) this.#stop.abort(error);
  }
}

/** The run stopped between journaling a submission and sending it: nothing was sent. */
class StoppedBeforeSending extends Error {
  constructor() {
    super("the run stopped before this batch was sent");
    this.name = "StoppedBeforeSending";
  }
}
