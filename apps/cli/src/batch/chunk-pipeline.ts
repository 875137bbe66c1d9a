import { InputError } from "../cli/cli-error.ts";
import type { Progress } from "../output/progress.ts";
import type { QrWriter } from "../output/qr-writer.ts";
import type { ResultRow, ResultsWriter } from "../output/results-writer.ts";
import { secretValuesOf } from "../validate/secret-fields.ts";
import type { SimRecord } from "../validate/validate-record.ts";
import { type BackoffPolicy, backoffDelay } from "./backoff.ts";
import {
  AuthenticationError,
  type BatchApi,
  type BatchRecordResult,
  BatchRejectedError,
  NotSentError,
} from "./batch-api.ts";
import { chunkDigest } from "./chunk-digest.ts";
import type { Clock } from "./clock.ts";
import type { JournalWriter } from "./journal-writer.ts";
import { RateLimiter } from "./rate-limiter.ts";
import type { ChunkState } from "./read-journal.ts";
import { reasonOf, rowFor } from "./result-rows.ts";
import type { SecretScrubber } from "./secret-scrubber.ts";
import { Semaphore } from "./semaphore.ts";

/** One chunk of valid records, in input order. */
export interface PlannedChunk {
  readonly index: number;
  readonly firstLine: number;
  readonly records: readonly SimRecord[];
}

/** What the pipeline needs. */
export interface ChunkPipelineDeps {
  readonly api: BatchApi;
  readonly journal: JournalWriter;
  readonly results: ResultsWriter;
  readonly qr: QrWriter | undefined;
  /** Chunk states of the run being resumed (empty for a new run). */
  readonly previous: ReadonlyMap<number, ChunkState>;
  readonly configName: string;
  readonly needAcLink: boolean;
  readonly concurrency: number;
  readonly ratePerSecond: number | undefined;
  readonly pollTimeoutMs: number;
  readonly resubmitUnknown: boolean;
  readonly backoff: BackoffPolicy;
  readonly clock: Clock;
  readonly progress: Progress;
  /** Holds the secrets of the chunks in flight; every reason from the platform passes it. */
  readonly scrubber: SecretScrubber;
}

/** Records counted by outcome, plus chunk and image counts. */
export interface PipelineCounts {
  succeeded: number;
  failed: number;
  rejected: number;
  unknown: number;
  pending: number;
  chunks: number;
  qrImages: number;
}

/**
 * Sends chunks, polls their batches and settles their results, with at most `concurrency`
 * requests in flight, an optional rate limit, and at most 2 × `concurrency` chunks held in
 * memory (so the input streams through at the pace of the platform).
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
    pending: 0,
    chunks: 0,
    qrImages: 0,
  };
  readonly unknownChunks: number[] = [];
  readonly #deps: ChunkPipelineDeps;
  readonly #requests: Semaphore;
  readonly #memory: Semaphore;
  readonly #limiter: RateLimiter | undefined;
  readonly #abort = new AbortController();
  readonly #tasks = new Set<Promise<void>>();
  #fatal: Error | undefined;
  #settled = 0;
  #inFlight = 0;

  constructor(deps: ChunkPipelineDeps) {
    this.#deps = deps;
    this.#requests = new Semaphore(deps.concurrency);
    this.#memory = new Semaphore(deps.concurrency * 2);
    this.#limiter =
      deps.ratePerSecond === undefined
        ? undefined
        : new RateLimiter(deps.ratePerSecond, deps.clock);
  }

  /** True once a fatal error (refused credentials) stopped the run. */
  get stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  /** Takes the next chunk; waits while too many chunks are held. */
  async add(chunk: PlannedChunk): Promise<void> {
    this.counts.chunks += 1;
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
        this.#settle(iccids.length, 0);
        return;
      case "rejected":
        this.counts.rejected += previous.count;
        this.#settle(iccids.length, 0);
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
    if (this.stopped) {
      this.counts.pending += iccids.length;
      return;
    }
    await this.#memory.acquire();
    const task = this.#run(chunk, iccids, previous)
      .catch((error: unknown) =>
        this.#stop(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => {
        this.#memory.release();
        this.#tasks.delete(task);
      });
    this.#tasks.add(task);
  }

  /** Waits for every chunk in flight; rethrows what stopped the run, if anything did. */
  async finish(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.all([...this.#tasks]);
    if (this.#fatal !== undefined) throw this.#fatal;
  }

  /** Stops sending (an error outside the pipeline) and waits for requests already out. */
  async abandon(reason: Error): Promise<void> {
    if (!this.stopped) this.#abort.abort(reason);
    while (this.#tasks.size > 0) await Promise.all([...this.#tasks]);
  }

  // The chunk's secrets stay in the scrubber until its rows are written: the platform's
  // answers about it (and the log of them) may echo them.
  async #run(
    chunk: PlannedChunk,
    iccids: string[],
    previous: ChunkState | undefined,
  ): Promise<void> {
    const secrets = chunk.records.flatMap(secretValuesOf);
    this.#deps.scrubber.hold(secrets);
    try {
      await this.#submitAndPoll(chunk, iccids, previous);
    } finally {
      this.#deps.scrubber.release(secrets);
    }
  }

  async #submitAndPoll(
    chunk: PlannedChunk,
    iccids: string[],
    previous: ChunkState | undefined,
  ): Promise<void> {
    let batchCode: string | undefined;
    if (previous?.state === "submitted") {
      batchCode = previous.batchCode;
      this.#inFlight += iccids.length;
    } else {
      const attempt =
        (previous !== undefined && "attempts" in previous ? previous.attempts : 0) + 1;
      batchCode = await this.#submit(chunk, iccids, attempt);
    }
    if (batchCode === undefined) return;
    await this.#poll(chunk.index, iccids, batchCode);
  }

  async #submit(
    chunk: PlannedChunk,
    iccids: string[],
    attempt: number,
  ): Promise<string | undefined> {
    const { api, journal, configName, needAcLink } = this.#deps;
    return this.#request(async () => {
      if (this.stopped) {
        this.counts.pending += iccids.length;
        return undefined;
      }
      journal.append({
        event: "submitting",
        chunk: chunk.index,
        attempt,
        firstLine: chunk.firstLine,
        iccids,
      });
      this.#inFlight += iccids.length;
      try {
        const { batchCode } = await api.submitBatch({
          configName,
          needAcLink,
          records: chunk.records,
        });
        journal.append({ event: "submitted", chunk: chunk.index, batchCode });
        return batchCode;
      } catch (error) {
        this.#inFlight -= iccids.length;
        if (error instanceof AuthenticationError || error instanceof NotSentError) {
          // Nothing was processed: the chunk may be sent again once the cause is fixed.
          journal.append({ event: "released", chunk: chunk.index, reason: this.#reasonOf(error) });
          this.counts.pending += iccids.length;
          this.#stop(error);
          return undefined;
        }
        if (error instanceof BatchRejectedError) {
          const reason = this.#reasonOf(error);
          const rows = iccids.map(
            (iccid): ResultRow => ({ iccid, status: "rejected", errorReason: reason }),
          );
          const resultsBytes = this.#deps.results.append(rows);
          journal.append({
            event: "rejected",
            chunk: chunk.index,
            count: iccids.length,
            reason,
            resultsBytes,
          });
          this.counts.rejected += iccids.length;
          this.#settle(iccids.length, 0);
          return undefined;
        }
        // UnknownOutcomeError or anything unexpected: the bytes may have reached the platform.
        journal.append({ event: "unknown", chunk: chunk.index, reason: this.#reasonOf(error) });
        this.#markUnknown(chunk.index, iccids.length);
        return undefined;
      }
    });
  }

  async #poll(index: number, iccids: string[], batchCode: string): Promise<void> {
    const { api, backoff, clock, needAcLink, pollTimeoutMs } = this.#deps;
    const deadline = clock.now() + pollTimeoutMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await clock.sleep(backoffDelay(backoff, attempt, clock.random()), this.#abort.signal);
        const info = await this.#request(() => api.getBatchInfo({ batchCode, needAcLink }));
        if (info?.status === "COMPLETE") {
          await this.#complete(index, iccids, batchCode, info.results);
          return;
        }
      } catch (error) {
        if (error instanceof AuthenticationError) this.#stop(error);
        // Other errors of a read-only call are retried until the deadline.
      }
      if (this.stopped || clock.now() >= deadline) {
        // Still submitted in the journal: --resume polls it again.
        this.counts.pending += iccids.length;
        this.#inFlight -= iccids.length;
        this.#deps.progress.update({ settled: this.#settled, inFlight: this.#inFlight });
        return;
      }
    }
  }

  async #complete(
    index: number,
    iccids: readonly string[],
    batchCode: string,
    results: readonly BatchRecordResult[],
  ): Promise<void> {
    const wanted = new Set(iccids);
    const byIccid = new Map<string, BatchRecordResult>();
    for (const result of results) if (wanted.has(result.iccid)) byIccid.set(result.iccid, result);
    const scrub = (text: string) => this.#deps.scrubber.scrub(text);
    const rows = iccids.map((iccid) => rowFor(iccid, byIccid.get(iccid), scrub));
    const { qr } = this.#deps;
    if (qr !== undefined) {
      for (const row of rows) {
        if (row.status !== "success" || row.activationCode === undefined) continue;
        await qr.write(row.iccid, row.activationCode);
        this.counts.qrImages += 1;
      }
    }
    const succeeded = rows.filter((row) => row.status === "success").length;
    const missing = rows.filter((row) => row.status === "unknown").length;
    const failed = rows.length - succeeded - missing;
    // Rows first, then the event that points past them: a crash in between leaves rows the
    // journal does not count, and --resume cuts them off before polling again.
    const resultsBytes = this.#deps.results.append(rows);
    this.#deps.journal.append({
      event: "completed",
      chunk: index,
      batchCode,
      succeeded,
      failed,
      missing,
      resultsBytes,
    });
    this.counts.succeeded += succeeded;
    this.counts.failed += failed;
    this.counts.unknown += missing;
    this.#settle(iccids.length, iccids.length);
  }

  // One request: a concurrency slot, then a rate token, then the call.
  async #request<T>(call: () => Promise<T>): Promise<T | undefined> {
    await this.#requests.acquire();
    try {
      if (this.#limiter !== undefined) await this.#limiter.take(this.#abort.signal);
      return await call();
    } finally {
      this.#requests.release();
    }
  }

  #reasonOf(error: unknown): string {
    return this.#deps.scrubber.scrub(reasonOf(error));
  }

  #markUnknown(index: number, count: number): void {
    this.counts.unknown += count;
    this.unknownChunks.push(index);
    this.#settle(count, 0);
  }

  #settle(count: number, wasInFlight: number): void {
    this.#settled += count;
    this.#inFlight -= wasInFlight;
    this.#deps.progress.update({ settled: this.#settled, inFlight: this.#inFlight });
  }

  #stop(error: Error): void {
    if (this.#fatal === undefined) this.#fatal = error;
    if (!this.stopped) this.#abort.abort(error);
  }

  /** Records settled so far, and sent but not settled. */
  get progressCounts() {
    return { settled: this.#settled, inFlight: this.#inFlight };
  }
}
