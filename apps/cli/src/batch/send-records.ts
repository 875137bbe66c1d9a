import { CliError, ConfigError } from "../core/cli-error.ts";
import { ExitCode } from "../core/exit-code.ts";
import type { InputLayout } from "../input/input-layout.ts";
import type { InputSource } from "../input/input-source.ts";
import { readRecordBatches } from "../input/read-records.ts";
import { syncDirectory } from "../output/private-files.ts";
import { createProgress } from "../output/progress.ts";
import { createQrWriter, type QrWriter } from "../output/qr-writer.ts";
import { RejectedWriter } from "../output/rejected-writer.ts";
import { ResultsWriter } from "../output/results-writer.ts";
import type { SimRecord } from "../validate/validate-record.ts";
import { classifyRecordBatches } from "../validate/validation-pass.ts";
import { defaultPollBackoff } from "./backoff.ts";
import { AuthenticationError, type BatchApi, NotSentError } from "./batch-api.ts";
import { ChunkPipeline } from "./chunk-pipeline.ts";
import { countFiles } from "./count-files.ts";
import {
  defaultMaxPending,
  type GenerateBatchIo,
  type GenerateBatchOptions,
  type GenerateBatchSummary,
} from "./generate-batch-types.ts";
import type { FirstPass } from "./input-pass.ts";
import { createIssueReporter } from "./issue-reporter.ts";
import { JournalWriter } from "./journal-writer.ts";
import { canRecover } from "./lost-code-recovery.ts";
import { OutcomeRecorder } from "./outcome-recorder.ts";
import type { OutputPaths } from "./output-paths.ts";
import type { JournalState } from "./read-journal.ts";
import { describeResume, resumeStatus } from "./resume-status.ts";
import { note } from "./run-note.ts";
import { columnOptionsForJournal, type RunSettings, stdinPath } from "./run-settings.ts";
import { SecretScrubber } from "./secret-scrubber.ts";

/** Everything the sending pass needs from the run so far. */
export interface SendContext {
  readonly options: GenerateBatchOptions;
  readonly settings: RunSettings;
  readonly paths: OutputPaths;
  readonly previous: JournalState | undefined;
  readonly source: InputSource;
  readonly layout: InputLayout;
  readonly first: FirstPass;
  readonly api: BatchApi;
  readonly io: GenerateBatchIo;
  readonly base: SummaryBase;
}

/** The summary fields known before sending. */
export type SummaryBase = Pick<
  GenerateBatchSummary,
  "input" | "records" | "valid" | "invalid" | "chunks" | "issuesByField" | "resumed"
>;

/**
 * Second pass of a real run: opens (or reopens) the journal and results.csv, streams the
 * input again, writes invalid records to rejected.csv and hands the valid ones to the
 * {@link ChunkPipeline} chunk by chunk.
 */
export async function sendAll(context: SendContext): Promise<GenerateBatchSummary> {
  const { options, settings, paths, previous, source, layout, first, api, io, base } = context;
  const journal =
    previous === undefined
      ? JournalWriter.create(
          paths.journal,
          {
            event: "start",
            v: 1,
            at: new Date(io.clock.now()).toISOString(),
            tool: io.tool,
            input: {
              path: source.path ?? stdinPath,
              size: first.bytes,
              sha256: first.sha256,
              format: layout.format,
              ...(layout.format === "csv" && layout.columns !== undefined
                ? { columns: [...layout.columns] }
                : {}),
              ...columnOptionsForJournal(layout),
            },
            configName: settings.configName,
            needAcLink: settings.needAcLink,
            skipInvalid: settings.skipInvalid,
            chunkSize: settings.chunkSize,
            records: first.stats.validRecords,
          },
          io.clock.now,
        )
      : JournalWriter.reopen(paths.journal, previous.validBytes, io.clock.now);
  let results: ResultsWriter | undefined;
  let rejected: RejectedWriter | undefined;
  try {
    const recoverLostCodes = options.recoverLostCodes === true;
    if (previous !== undefined) {
      await journal.append({
        event: "resume",
        resubmitUnknown: options.resubmitUnknown || recoverLostCodes,
        ...(recoverLostCodes ? { recoverLostCodes } : {}),
      });
    }
    results =
      previous === undefined
        ? ResultsWriter.create(paths.results)
        : ResultsWriter.reopen(paths.results, previous.resultsBytes);
    rejected = first.stats.invalidRecords > 0 ? new RejectedWriter(paths.rejected) : undefined;
    syncDirectory(paths.outDir);
    const qr: QrWriter | undefined =
      options.qr === "none" ? undefined : await createQrWriter(paths.qr, options.qr);
    const valid = first.stats.validRecords;
    const resumed = previous === undefined ? undefined : resumeStatus(previous, valid);
    if (resumed !== undefined) note(io, describeResume(resumed, valid));
    const alreadySettled = resumed?.settled ?? 0;
    const progress = createProgress({
      total: valid,
      alreadySettled,
      sink: io.stderr,
      style: io.style,
      now: io.clock.now,
    });
    const pipeline = new ChunkPipeline({
      api,
      journal,
      outcomes: new OutcomeRecorder(results, journal, qr),
      previous: previous?.chunks ?? new Map(),
      configName: settings.configName,
      needAcLink: settings.needAcLink,
      concurrency: options.concurrency,
      ratePerSecond: options.ratePerSecond,
      maxPending: options.maxPending ?? defaultMaxPending,
      pollTimeoutMs: options.pollTimeoutMs,
      resubmitUnknown: options.resubmitUnknown || recoverLostCodes,
      recovery: recoverLostCodes && canRecover(api) ? api : undefined,
      backoff: options.pollBackoff ?? defaultPollBackoff,
      clock: io.clock,
      progress,
      alreadySettled,
      scrubber: io.scrubber ?? new SecretScrubber(),
    });
    const interrupt = () => pipeline.interrupt();
    io.interrupt?.addEventListener("abort", interrupt, { once: true });
    if (io.interrupt?.aborted === true) interrupt();
    const reporter = createIssueReporter(io, 10);
    try {
      let chunk: SimRecord[] = [];
      let lines: number[] = [];
      let index = 0;
      // In batches, a piece of the input each: a promise per record cost as much as reading it.
      const batches = classifyRecordBatches(
        readRecordBatches(source.open(), layout, source.displayName),
        first.stats.duplicates,
      );
      reading: for await (const items of batches) {
        for (const item of items) {
          if (pipeline.stopped) break reading;
          if (!item.valid) {
            rejected?.add(item.invalid);
            reporter.add(item.invalid);
            continue;
          }
          chunk.push(item.record);
          lines.push(item.line);
          if (chunk.length === settings.chunkSize) {
            await pipeline.add({ index, firstLine: lines[0] as number, records: chunk, lines });
            index += 1;
            chunk = [];
            lines = [];
          }
        }
      }
      if (chunk.length > 0 && !pipeline.stopped)
        await pipeline.add({ index, firstLine: lines[0] as number, records: chunk, lines });
      await pipeline.finish();
    } catch (error) {
      await pipeline.abandon(error instanceof Error ? error : new Error(String(error)));
      progress.finish(pipeline.progressCounts);
      if (error instanceof NotSentError) {
        throw new CliError(
          `the platform could not be reached (${error.message}); nothing more was sent. Run again with --resume`,
          ExitCode.unknownOutcome,
          { cause: error },
        );
      }
      if (error instanceof AuthenticationError) {
        throw new ConfigError(
          `the platform refused the credentials (${error.message}); nothing more was sent. Fix them and run again with --resume`,
          { cause: error },
        );
      }
      throw error;
    } finally {
      io.interrupt?.removeEventListener("abort", interrupt);
    }
    progress.finish(pipeline.progressCounts);
    reporter.finish();
    if (rejected !== undefined && rejected.records > 0) {
      io.stderr.write(`${rejected.records} invalid records skipped; see ${paths.rejected}\n`);
    }
    const { counts } = pipeline;
    // Whatever is not settled (still processing, or never sent) is left for --resume.
    const pending =
      valid - counts.succeeded - counts.failed - counts.rejected - counts.unknown - counts.lost;
    await journal.append({
      event: "finished",
      succeeded: counts.succeeded,
      failed: counts.failed,
      rejected: counts.rejected,
      unknown: counts.unknown,
      ...(counts.lost > 0 ? { lost: counts.lost } : {}),
      pending,
    });
    return {
      ...base,
      outcome: pipeline.interrupted ? "interrupted" : "finished",
      succeeded: counts.succeeded,
      failed: counts.failed,
      rejected: counts.rejected,
      unknown: counts.unknown,
      lost: counts.lost,
      pending,
      unknownChunks: [...pipeline.unknownChunks].sort((a, b) => a - b),
      qrImages: counts.qrImages,
      qrImagesInFolder:
        qr !== undefined && previous !== undefined ? countFiles(qr.folder) : undefined,
      issues: reporter.issues,
      files: {
        outDir: paths.outDir,
        journal: paths.journal,
        results: paths.results,
        rejected: rejected === undefined ? undefined : paths.rejected,
        qr: qr?.folder,
      },
    };
  } finally {
    rejected?.close();
    results?.close();
    journal.close();
  }
}
