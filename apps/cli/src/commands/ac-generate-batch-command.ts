import { type BackoffPolicy, defaultPollBackoff } from "../batch/backoff.ts";
import { systemClock } from "../batch/clock.ts";
import { defaultMaxPending, type GenerateBatchOptions } from "../batch/generate-batch-types.ts";
import { parseRate } from "../batch/rate-limiter.ts";
import { runGenerateBatch } from "../batch/run-generate-batch.ts";
import { SecretScrubber } from "../batch/secret-scrubber.ts";
import { summaryExitCode } from "../batch/summary-exit-code.ts";
import { resolveRspSettings } from "../config/product-settings.ts";
import { CliError, UsageError } from "../core/cli-error.ts";
import type { Invocation } from "../core/command-spec.ts";
import { ExitCode } from "../core/exit-code.ts";
import { packageVersion } from "../core/package-version.ts";
import { type Target, targetOf } from "../core/target-line.ts";
import { colorEnabled, createStyle } from "../core/terminal.ts";
import {
  type ColumnOptions,
  checkColumnOptions,
  parseIgnoreColumns,
  parseRenameColumns,
} from "../input/column-options.ts";
import { parseColumnList } from "../input/input-layout.ts";
import type { QrFormat } from "../output/qr-writer.ts";
import { summaryText } from "../output/summary-text.ts";
import { stderrLogging } from "../wiring/client-logging.ts";
import type { CliContext } from "./command-module.ts";
import { resumeCommand } from "./resume-command.ts";

/** `simlessly ac generate-batch`: the command line around {@link runGenerateBatch}. */
export async function run(invocation: Invocation, context: CliContext): Promise<number> {
  const options = readOptions(invocation.values);
  const style = createStyle(colorEnabled(context.stderr, context.env));
  // The log of the platform's answers and the rows of results.csv hide the same secrets.
  const scrubber = new SecretScrubber();
  const interrupt = new AbortController();
  const detach = context.onInterrupt?.(() => {
    context.stderr.write(
      "\nstopping: nothing more is sent; waiting for the requests already out (Ctrl+C again quits at once, still resumable)\n",
    );
    interrupt.abort();
  });
  let connected = false;
  // Named on stderr before the first request (a dry run's configuration check included).
  let target: Target | undefined;
  try {
    const summary = await runGenerateBatch(
      options,
      async () => {
        const settings = resolveRspSettings({
          env: context.env,
          cwd: context.cwd,
          global: invocation.global,
        });
        const logging = stderrLogging(invocation.global, context.env, context.stderr, (text) =>
          scrubber.scrub(text),
        );
        const api = await context.createBatchApi(settings, logging);
        connected = true;
        target = targetOf("rsp", settings);
        context.announceTarget?.(target);
        return api;
      },
      {
        stdin: context.stdin,
        stderr: context.stderr,
        style,
        clock: context.clock ?? systemClock,
        cwd: context.cwd,
        tool: `simlessly ${packageVersion()}`,
        scrubber,
        interrupt: interrupt.signal,
      },
    ).then((result) =>
      result.files.outDir === undefined
        ? result
        : { ...result, resumeCommand: resumeCommand(invocation, result.files.outDir) },
    );
    const exitCode = summaryExitCode(summary);
    if (invocation.global.json) {
      const named = target === undefined ? {} : { target };
      const document = { ok: exitCode === ExitCode.ok, exitCode, ...summary, ...named };
      context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      const out = createStyle(colorEnabled(context.stdout, context.env));
      context.stdout.write(summaryText(summary, out));
    }
    return exitCode;
  } catch (error) {
    if (error instanceof CliError || !connected) throw error;
    // Something unforeseen after sending began (disk full, a bug): the journal knows what was
    // sent, so the way out is a resumed run.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new CliError(
      `the run stopped unexpectedly (${message}); some outcomes are unknown. Run the same command with --resume`,
      ExitCode.unknownOutcome,
      { cause: error },
    );
  } finally {
    detach?.();
  }
}

type Values = Invocation["values"];

/** Turns the parsed flags into options, refusing values out of range (exit 2). */
export function readOptions(values: Values): GenerateBatchOptions {
  const text = (name: string) =>
    typeof values[name] === "string" ? (values[name] as string) : undefined;
  const flag = (name: string) => values[name] === true;
  const format = text("format");
  if (format !== undefined && format !== "csv" && format !== "jsonl") {
    throw new UsageError('--format must be "csv" or "jsonl"');
  }
  const qr = text("qr") ?? "png";
  if (qr !== "png" && qr !== "svg" && qr !== "none")
    throw new UsageError('--qr must be "png", "svg" or "none"');
  const rateText = text("rate");
  const ratePerSecond = rateText === undefined ? undefined : parseRate(rateText);
  if (rateText !== undefined && ratePerSecond === undefined) {
    throw new UsageError(
      "--rate must be a positive number of requests per second, like 10, 10/s or 300/m",
    );
  }
  const pollBackoff = pollBackoffOption(text("poll-interval"));
  const columnsText = text("columns");
  const columnOptions = readColumnOptions(text("ignore-columns"), text("rename-columns"));
  const configName = text("config-name");
  if (configName !== undefined && configName.trim() === "")
    throw new UsageError("--config-name must not be empty");
  return {
    input: text("input"),
    format,
    columns:
      columnsText === undefined
        ? undefined
        : parseColumnList(columnsText, columnOptions?.ignore ?? []),
    columnOptions,
    outDir: text("out"),
    configName,
    needAcLink: flag("need-ac-link"),
    concurrency: integerOption(text("concurrency"), "--concurrency", 4, 1, 64),
    ratePerSecond,
    pollTimeoutMs:
      integerOption(text("poll-timeout"), "--poll-timeout", 3600, 1, 7 * 24 * 3600) * 1000,
    maxPending: integerOption(
      text("max-pending"),
      "--max-pending",
      defaultMaxPending,
      1,
      1_000_000,
    ),
    qr: qr as QrFormat,
    dryRun: flag("dry-run"),
    skipInvalid: flag("skip-invalid"),
    resume: flag("resume"),
    resubmitUnknown: flag("resubmit-unknown"),
    recoverLostCodes: flag("recover-lost-codes"),
    ...(pollBackoff === undefined ? {} : { pollBackoff }),
  };
}

// Undefined when neither option is given, so a resumed run can tell "not given" (take the
// journal's) from "given" (must agree with the journal's).
function readColumnOptions(
  ignoreText: string | undefined,
  renameText: string | undefined,
): ColumnOptions | undefined {
  if (ignoreText === undefined && renameText === undefined) return undefined;
  const options: ColumnOptions = {
    ignore: ignoreText === undefined ? [] : parseIgnoreColumns(ignoreText),
    rename: renameText === undefined ? [] : parseRenameColumns(renameText),
  };
  checkColumnOptions(options);
  return options;
}

function integerOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return number;
}

// The platform's batches take seconds; a local sandbox answers in milliseconds, and waiting a
// whole second for each of its batches would measure the wait instead of the work.
function pollBackoffOption(value: string | undefined): BackoffPolicy | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 0.05 && seconds <= 60)) {
    throw new UsageError("--poll-interval must be a number of seconds from 0.05 to 60");
  }
  const initialMs = Math.round(seconds * 1000);
  return { ...defaultPollBackoff, initialMs, maxMs: Math.max(initialMs, defaultPollBackoff.maxMs) };
}
