import type { QrWriter } from "../output/qr-writer.ts";
import type { ResultRow, ResultsWriter } from "../output/results-writer.ts";
import type { BatchInfo, BatchRecordResult } from "./batch-api.ts";
import type { JournalWriter } from "./journal-writer.ts";
import { saysAlreadyExists } from "./lost-codes.ts";
import { rowFor } from "./result-rows.ts";

/** A chunk's records as its rows need them: ICCIDs and input lines, in input order. */
export interface RecordedChunk {
  readonly index: number;
  readonly iccids: readonly string[];
  readonly lines: readonly number[];
}

/** How the records of a complete batch came out. */
export interface CompletedCounts {
  readonly succeeded: number;
  readonly failed: number;
  readonly missing: number;
  readonly qrImages: number;
  /** Positions in the chunk of the records whose codes were lost (no row written). */
  readonly lost: readonly number[];
}

/**
 * Writes the settled outcome of a chunk: its rows to results.csv (and its QR images), then the
 * journal event that points past them, only once the rows are on disk.
 *
 * Chunks complete concurrently and their flushes are shared, so the events are chained: each
 * is written once its rows are on disk and the event before it is written, so events reach the
 * journal in the order the rows reached results.csv. That keeps the rule `--resume` relies on:
 * the last event's `resultsBytes` ends the rows of every settled chunk, and rows beyond it
 * belong to chunks whose event never made it, which the resumed run cuts off. Only writing is
 * chained: the journal's flushes are shared, so a burst of completions costs a few fsyncs.
 */
export class OutcomeRecorder {
  readonly #results: ResultsWriter;
  readonly #journal: JournalWriter;
  readonly #qr: QrWriter | undefined;
  #lastWritten: Promise<void> = Promise.resolve();

  constructor(results: ResultsWriter, journal: JournalWriter, qr: QrWriter | undefined) {
    this.#results = results;
    this.#journal = journal;
    this.#qr = qr;
  }

  /**
   * Rows and images of a complete batch, then its `completed` event. For a chunk sent again
   * after an unknown outcome (`uncertain`), an "already exists" failure is a lost code: it
   * gets no row, and the event lists its ICCID for recovery.
   */
  async completed(
    chunk: RecordedChunk,
    batchCode: string,
    info: BatchInfo,
    scrub: (text: string) => string,
    uncertain: boolean,
  ): Promise<CompletedCounts> {
    const wanted = new Set(chunk.iccids);
    const byIccid = new Map<string, BatchRecordResult>();
    for (const result of info.results) {
      if (wanted.has(result.iccid)) byIccid.set(result.iccid, result);
    }
    const rows: ResultRow[] = [];
    const lost: number[] = [];
    chunk.iccids.forEach((iccid, index) => {
      const result = byIccid.get(iccid);
      if (uncertain && result?.success === false && saysAlreadyExists(result.errorReason)) {
        lost.push(index);
        return;
      }
      rows.push({ ...rowFor(iccid, result, scrub, info.platformStatus), line: chunk.lines[index] });
    });
    let qrImages = 0;
    for (const row of rows) if (await this.#writeImage(row)) qrImages += 1;
    const succeeded = rows.filter((row) => row.status === "success").length;
    const missing = rows.filter((row) => row.status === "unknown").length;
    const failed = rows.length - succeeded - missing;
    const lostIccids = lost.map((index) => chunk.iccids[index] as string);
    await this.#rowsThenEvent(rows, (resultsBytes) => ({
      event: "completed",
      chunk: chunk.index,
      batchCode,
      succeeded,
      failed,
      missing,
      ...(lostIccids.length > 0 ? { lost: lostIccids } : {}),
      resultsBytes,
    }));
    return { succeeded, failed, missing, qrImages, lost };
  }

  /**
   * The row of a lost code's record once recovery settled it (and its image for a new code),
   * then its `recovered` event. True when an image was written.
   */
  async recovered(
    chunk: number,
    row: ResultRow,
    outcome: "regenerated" | "failed",
  ): Promise<boolean> {
    const image = await this.#writeImage(row);
    await this.#rowsThenEvent([row], (resultsBytes) => ({
      event: "recovered",
      chunk,
      iccid: row.iccid,
      outcome,
      resultsBytes,
    }));
    return image;
  }

  async #writeImage(row: ResultRow): Promise<boolean> {
    if (this.#qr === undefined || row.status !== "success" || row.activationCode === undefined)
      return false;
    await this.#qr.write(row.iccid, row.activationCode);
    return true;
  }

  /** Rows of a batch the platform refused as a whole, then its `rejected` event. */
  async rejected(chunk: RecordedChunk, reason: string): Promise<void> {
    const rows = chunk.iccids.map(
      (iccid, index): ResultRow => ({
        iccid,
        status: "rejected",
        errorReason: reason,
        line: chunk.lines[index],
      }),
    );
    await this.#rowsThenEvent(rows, (resultsBytes) => ({
      event: "rejected",
      chunk: chunk.index,
      count: rows.length,
      reason,
      resultsBytes,
    }));
  }

  async #rowsThenEvent(
    rows: readonly ResultRow[],
    eventFor: (resultsBytes: number) => Parameters<JournalWriter["append"]>[0],
  ): Promise<void> {
    // The write is synchronous, so rows land in the order of these calls.
    const resultsBytes = this.#results.append(rows);
    const rowsOnDisk = this.#results.sync();
    const previous = this.#lastWritten;
    const written = (async () => {
      await rowsOnDisk;
      await previous;
      this.#journal.write(eventFor(resultsBytes));
    })();
    // A failed event fails the ones after it too: an event journaled past a missing one would
    // let --resume keep rows of a chunk it then settles again.
    this.#lastWritten = written;
    await written;
    await this.#journal.sync();
  }
}
