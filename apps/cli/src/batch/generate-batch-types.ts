import type { Readable } from "node:stream";
import type { Style, TextSink } from "../core/terminal.ts";
import type { ColumnOptions } from "../input/column-options.ts";
import type { InputFormat } from "../input/raw-record.ts";
import type { QrFormat } from "../output/qr-writer.ts";
import type { BackoffPolicy } from "./backoff.ts";
import type { BatchApi } from "./batch-api.ts";
import type { Clock } from "./clock.ts";
import type { SecretScrubber } from "./secret-scrubber.ts";

/** What `simlessly ac generate-batch` was asked to do. */
export interface GenerateBatchOptions {
  /** Input file, or `-` for stdin; on resume, undefined means the journal's file. */
  readonly input: string | undefined;
  /** Undefined: from the file name, else from the first character. */
  readonly format: InputFormat | undefined;
  /** Contract names of the columns of a CSV file without a header row (`--columns`). */
  readonly columns?: readonly string[] | undefined;
  /** Columns or keys to drop or read as another field; on resume, the journal's. */
  readonly columnOptions?: ColumnOptions | undefined;
  /** Output folder; only a dry run may leave it out. */
  readonly outDir: string | undefined;
  /** Required unless resuming (the journal has it). */
  readonly configName: string | undefined;
  readonly needAcLink: boolean;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Requests per second, or undefined for no limit. */
  readonly ratePerSecond: number | undefined;
  /** Give up polling a batch after this long (it stays resumable). */
  readonly pollTimeoutMs: number;
  /** Batches submitted and not yet complete, at most (default {@link defaultMaxPending}). */
  readonly maxPending?: number;
  readonly qr: QrFormat;
  readonly dryRun: boolean;
  readonly skipInvalid: boolean;
  readonly resume: boolean;
  readonly resubmitUnknown: boolean;
  /**
   * With --resume: also send again what --resubmit-unknown sends, and settle the codes lost to
   * an unknown outcome (see lost-codes.ts): regenerate untouched profiles, report the others.
   */
  readonly recoverLostCodes?: boolean;
  /** Records per batch; the contract's maximum unless a test wants small chunks. */
  readonly chunkSize?: number;
  readonly pollBackoff?: BackoffPolicy;
}

/** The effects the pipeline uses, injected so tests control time and output. */
export interface GenerateBatchIo {
  readonly stdin: Readable;
  /** Progress, notes and the invalid-record report. */
  readonly stderr: TextSink;
  readonly style: Style;
  readonly clock: Clock;
  readonly cwd: string;
  /** `simlessly <version>`, recorded in the journal. */
  readonly tool: string;
  /** How many invalid records the report lists before summarizing (default 50). */
  readonly maxReportedIssues?: number;
  /**
   * Holds the secrets of the chunks in flight (a new one when absent). Share it with whatever
   * logs the platform's answers, so the log hides echoes of them too.
   */
  readonly scrubber?: SecretScrubber;
  /**
   * Aborted to stop the run cleanly (Ctrl+C): nothing more is sent or polled, what is in
   * flight is journaled, and the summary says how to resume.
   */
  readonly interrupt?: AbortSignal;
}

/**
 * Batches that may wait for completion at once unless `--max-pending` says otherwise: enough
 * for a platform that takes minutes per batch at a high rate, while the ICCIDs they keep stay
 * within a few megabytes.
 */
export const defaultMaxPending = 1000;

/** Gives the API once the input has proved valid (credentials are only needed then). */
export type ConnectBatchApi = () => Promise<BatchApi>;

/** One reported problem of an invalid record. */
export interface ReportedIssue {
  readonly line: number;
  readonly iccid: string | undefined;
  readonly field: string;
  readonly reason: string;
}

/** Where a run ended. */
export type RunOutcome =
  /** Invalid records and no --skip-invalid: nothing was sent. */
  | "invalid-input"
  /** --dry-run: checked and planned only. */
  | "dry-run"
  /** Every chunk was handled (some may have failed or have unknown outcomes). */
  | "finished"
  /** Stopped by Ctrl+C or SIGTERM: what was in flight is journaled; --resume goes on. */
  | "interrupted";

/** What a run did, for the summary and the exit code. Counts are records unless named. */
export interface GenerateBatchSummary {
  readonly outcome: RunOutcome;
  readonly input: { readonly name: string; readonly format: InputFormat; readonly sha256: string };
  readonly records: number;
  readonly valid: number;
  readonly invalid: number;
  readonly chunks: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Records of batches the platform refused as a whole. */
  readonly rejected: number;
  /** Records whose outcome is unknown (interrupted submissions, missing results). */
  readonly unknown: number;
  /**
   * Records whose profiles an unanswered attempt made, so their codes never reached us; no
   * row until `--recover-lost-codes` settles them.
   */
  readonly lost: number;
  /** Records not settled when the run ended: batches still processing, or never sent. */
  readonly pending: number;
  /** Chunk numbers whose submission outcome is unknown. */
  readonly unknownChunks: readonly number[];
  readonly issuesByField: Readonly<Record<string, number>>;
  /** The first invalid records' problems (at most the report's cap). */
  readonly issues: readonly ReportedIssue[];
  readonly files: {
    readonly outDir: string | undefined;
    readonly journal: string | undefined;
    readonly results: string | undefined;
    readonly rejected: string | undefined;
    readonly qr: string | undefined;
  };
  /** QR images written in this run. */
  readonly qrImages: number;
  /** QR images in the folder in all, earlier runs' included (resumed runs only). */
  readonly qrImagesInFolder?: number | undefined;
  /** The command that continues this run, when it left something to do. */
  readonly resumeCommand?: string | undefined;
  readonly resumed: boolean;
}
