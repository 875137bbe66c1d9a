import { rmSync } from "node:fs";
import { resolve } from "node:path";
import type { RspData } from "@simlessly/client";
import { batchFinished } from "../../batch/batch-finished.ts";
import { ExitCode } from "../../core/exit-code.ts";
import { hideKeyShapedRuns } from "../../output/key-shaped-runs.ts";
import { type ResultRow, ResultsWriter } from "../../output/results-writer.ts";
import type { CommandArgs } from "../operation/command-args.ts";
import { pollUntil } from "../operation/poll-until.ts";
import { rspOperation } from "../operation/product-operations.ts";
import { renderTable } from "../operation/render-text.ts";
import { outFileError } from "../operation/secret-file.ts";

type BatchInfo = RspData<"getBatchInfo">;

/** What the command got: the batch, and where its results CSV went (with `--out`). */
interface BatchAnswer {
  readonly info: BatchInfo;
  readonly resultsFile: string | undefined;
}

/**
 * `simlessly batch info BATCHCODE [--wait] [--out FILE]`. Activation codes are never
 * printed: the report shows counts and each ICCID's status and reason, and `--out` writes
 * them to a results CSV (0600) shaped like generate-batch's results.csv. A reason may echo
 * the record's Ki or OPc, which this command never held: key-shaped runs are hidden.
 */
export const info = rspOperation("getBatchInfo", {
  ownsSecretOutput: true,
  scrubLog: hideKeyShapedRuns,
  fields: (args) => ({
    batchCode: args.positional(0, "BATCHCODE"),
    needAcLink: args.flag("need-ac-link") ? true : undefined,
  }),
  call: async (client, body, args): Promise<BatchAnswer> => {
    const timeoutMs = (args.integer("timeout", 1, 86_400) ?? 3600) * 1000;
    const csv = openResultsCsv(args);
    try {
      const fetch = () => client.getBatchInfo(body);
      const info = withoutKeyShapedReasons(
        args.flag("wait")
          ? await pollUntil(fetch, isComplete, args.clock, timeoutMs)
          : await fetch(),
      );
      csv?.writer.append((info.results ?? []).map(resultRow));
      await csv?.writer.sync();
      csv?.writer.close();
      return { info, resultsFile: csv?.path };
    } catch (error) {
      csv?.discard();
      throw error;
    }
  },
  report: ({ info, resultsFile }) => {
    const task = info.batchTaskInfo;
    const results = info.results ?? [];
    const failed = results.some((result) => !result.success) || task.failedNum > 0;
    const rows = results.map(({ iccid, success, errorReason }) => ({
      iccid,
      status: success ? "success" : "failed",
      errorReason,
    }));
    return {
      headline: `Batch ${task.batchCode}: ${task.status}, ${task.succeedNum} succeeded, ${task.failedNum} failed of ${task.total}`,
      lines: [
        ...(rows.length === 0 ? [] : renderTable(rows)),
        ...(resultsFile === undefined ? [] : [`results written to ${resultsFile} (mode 0600)`]),
      ],
      exitCode:
        !isComplete(info) || unreported(info)
          ? ExitCode.unknownOutcome
          : failed
            ? ExitCode.recordsFailed
            : ExitCode.ok,
      result: { ...info, ...(resultsFile === undefined ? {} : { resultsFile }) },
    };
  },
});

function withoutKeyShapedReasons(info: BatchInfo): BatchInfo {
  if (info.results === undefined) return info;
  return {
    ...info,
    results: info.results.map((result) =>
      result.errorReason === undefined
        ? result
        : { ...result, errorReason: hideKeyShapedRuns(result.errorReason) },
    ),
  };
}

function isComplete(info: BatchInfo): boolean {
  return batchFinished(info.batchTaskInfo.status);
}

/**
 * A batch that stopped with a status other than COMPLETE (one the docs do not show) and
 * reports fewer results than records: the outcome of the others is unknown.
 */
function unreported(info: BatchInfo): boolean {
  const task = info.batchTaskInfo;
  return task.status !== "COMPLETE" && (info.results ?? []).length < task.total;
}

function resultRow(result: NonNullable<BatchInfo["results"]>[number]): ResultRow {
  return {
    iccid: result.iccid,
    status: result.success ? "success" : "failed",
    activationCode: result.activationCode,
    acLink: result.acLink,
    errorReason: result.errorReason,
  };
}

// Created before the first call (a path that cannot be written fails before any wait), and
// never over an existing file.
function openResultsCsv(args: CommandArgs) {
  const name = args.text("out");
  if (name === undefined) return undefined;
  const path = resolve(args.context.cwd, name);
  try {
    const writer = ResultsWriter.create(path);
    return {
      path,
      writer,
      discard() {
        writer.close();
        rmSync(path, { force: true });
      },
    };
  } catch (error) {
    throw outFileError(path, error);
  }
}
