import { resolve } from "node:path";
import { ConfigError, UsageError } from "../core/cli-error.ts";
import type { InputLayout } from "../input/input-layout.ts";
import type { InputSource } from "../input/input-source.ts";
import { readRecords } from "../input/read-records.ts";
import { ensurePrivateDir } from "../output/private-files.ts";
import { classifyRecords, type ValidationStats } from "../validate/validation-pass.ts";
import { AuthenticationError, type BatchApi } from "./batch-api.ts";
import type {
  ConnectBatchApi,
  GenerateBatchIo,
  GenerateBatchOptions,
  GenerateBatchSummary,
  ReportedIssue,
} from "./generate-batch-types.ts";
import { runFirstPass } from "./input-pass.ts";
import { createIssueReporter } from "./issue-reporter.ts";
import { canRecover } from "./lost-code-recovery.ts";
import { discardUnstartedRun, isTaken, outputPaths, refuseLinkedRunFiles } from "./output-paths.ts";
import { type JournalState, readJournal } from "./read-journal.ts";
import { acquireRunLock, type RunLock } from "./run-lock.ts";
import { note } from "./run-note.ts";
import {
  checkOptions,
  chooseLayout,
  differentInput,
  openInput,
  runSettings,
} from "./run-settings.ts";
import { sendAll } from "./send-records.ts";

/**
 * `simlessly ac generate-batch` without the command line: validates the whole input (first
 * pass), then streams it again and sends it chunk by chunk through `connect()`'s API, with
 * the journal that makes the run resumable. Returns what happened; throws a CliError for
 * problems that stop it (bad usage or input, refused credentials).
 */
export async function runGenerateBatch(
  options: GenerateBatchOptions,
  connect: ConnectBatchApi,
  io: GenerateBatchIo,
): Promise<GenerateBatchSummary> {
  checkOptions(options);
  const outDir = options.outDir === undefined ? undefined : resolve(io.cwd, options.outDir);
  const paths = outDir === undefined ? undefined : outputPaths(outDir);
  let lock: RunLock | undefined;
  let source: InputSource | undefined;
  try {
    let previous: JournalState | undefined;
    let resume = options.resume;
    if (paths !== undefined && !options.dryRun) {
      ensurePrivateDir(paths.outDir, { followLink: true });
      lock = acquireRunLock(paths.outDir);
      refuseLinkedRunFiles(paths);
      // Checked before anything is written, so a refused folder leaves no run to resume.
      if (options.qr !== "none") ensurePrivateDir(paths.qr, { followLink: false });
      if (lock.tookOverStale) {
        note(
          io,
          "a previous run of this folder ended without cleaning up (crash or kill); taking over",
        );
      }
      if (discardUnstartedRun(paths)) {
        note(io, "the previous run stopped before it sent anything; starting it over");
        if (resume && (options.configName === undefined || options.input === undefined)) {
          throw new UsageError(
            "the previous run stopped before it sent anything; run it again with --config-name and --input",
          );
        }
        resume = false;
      }
      if (!resume && (isTaken(paths.journal) || isTaken(paths.results))) {
        throw new UsageError(
          `${outDir} already holds a run (journal.jsonl or results.csv); continue it with --resume, or choose another --out`,
        );
      }
    }
    if (resume && paths !== undefined) {
      previous = await readJournal(paths.journal);
      if (previous.tornTail)
        note(io, "the journal's last line was cut short by a crash; it is ignored");
    }
    source = await openInput(options, previous, io);
    const layout = chooseLayout(options, previous, source);
    const { format } = layout;
    if (previous !== undefined && source.size !== previous.start.input.size) {
      throw differentInput(source, previous);
    }
    const first = await runFirstPass(source, layout);
    if (previous !== undefined && first.sha256 !== previous.start.input.sha256) {
      throw differentInput(source, previous);
    }
    const settings = runSettings(options, previous);
    const { stats } = first;
    const base = {
      input: { name: source.displayName, format, sha256: first.sha256 },
      records: stats.records,
      valid: stats.validRecords,
      invalid: stats.invalidRecords,
      chunks: Math.ceil(stats.validRecords / settings.chunkSize),
      issuesByField: stats.issuesByField,
      resumed: previous !== undefined,
    };
    const blocked = stats.invalidRecords > 0 && !settings.skipInvalid;
    if (options.dryRun && !blocked) await checkConfigWhenPossible(connect, settings.configName, io);
    if (blocked || options.dryRun) {
      const issues = stats.invalidRecords > 0 ? await reportInvalid(source, layout, stats, io) : [];
      return {
        ...base,
        ...emptyCounts,
        outcome: blocked ? "invalid-input" : "dry-run",
        issues,
        files: {
          outDir,
          journal: undefined,
          results: undefined,
          rejected: undefined,
          qr: undefined,
        },
      };
    }
    if (paths === undefined) throw new UsageError("--out DIR is required");
    const api = await connect();
    if (options.recoverLostCodes === true && !canRecover(api)) {
      throw new UsageError(
        "--recover-lost-codes: this platform connection cannot read, delete or generate single profiles",
      );
    }
    if (previous === undefined) await checkConfig(api, settings.configName, io);
    return await sendAll({
      options,
      settings,
      paths,
      previous,
      source,
      layout,
      first,
      api,
      io,
      base,
    });
  } finally {
    source?.close();
    lock?.release();
  }
}

const emptyCounts = {
  succeeded: 0,
  failed: 0,
  rejected: 0,
  unknown: 0,
  lost: 0,
  pending: 0,
  unknownChunks: [],
  qrImages: 0,
} as const;

/**
 * Refuses (exit 2) a configuration name the account does not have, before anything is sent:
 * otherwise every batch would come back refused with the same message.
 */
async function checkConfig(api: BatchApi, configName: string, io: GenerateBatchIo) {
  if (api.hasConfig === undefined) return;
  let known: boolean | undefined;
  try {
    known = await api.hasConfig(configName);
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    throw new ConfigError(
      `the platform refused the credentials (${error.message}); nothing was sent. Fix them and run again`,
      { cause: error },
    );
  }
  if (known === false) {
    throw new UsageError(
      `--config-name ${configName}: the account has no profile configuration of this name (see \`simlessly config list\`); nothing was sent`,
    );
  }
  if (known === undefined) {
    note(io, "the account's configurations could not be listed; --config-name is not checked");
  }
}

// A dry run checks the configuration too when credentials are there, and says so otherwise.
async function checkConfigWhenPossible(
  connect: ConnectBatchApi,
  configName: string,
  io: GenerateBatchIo,
) {
  if (configName === "") return;
  let api: BatchApi;
  try {
    api = await connect();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    note(io, "no credentials: --config-name is not checked against the account");
    return;
  }
  await checkConfig(api, configName, io);
}

/** Second pass that only reports: every invalid record's problems, the first ones printed. */
async function reportInvalid(
  source: InputSource,
  layout: InputLayout,
  stats: ValidationStats,
  io: GenerateBatchIo,
): Promise<ReportedIssue[]> {
  const reporter = createIssueReporter(io, io.maxReportedIssues ?? 50);
  for await (const item of classifyRecords(
    readRecords(source.open(), layout, source.displayName),
    stats.duplicates,
  )) {
    if (!item.valid) reporter.add(item.invalid);
  }
  reporter.finish();
  return reporter.issues;
}
