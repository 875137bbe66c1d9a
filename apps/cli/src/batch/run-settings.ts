import { InputError, UsageError } from "../core/cli-error.ts";
import { type ColumnOptions, noColumnOptions, sameColumnOptions } from "../input/column-options.ts";
import { formatFromName, sniffFormat } from "../input/input-format.ts";
import { detectDelimiter, type InputLayout } from "../input/input-layout.ts";
import { type InputSource, openInputSource } from "../input/input-source.ts";
import { maxChunkSize } from "./chunk-size.ts";
import type { GenerateBatchIo, GenerateBatchOptions } from "./generate-batch-types.ts";
import type { StartEvent } from "./journal-events.ts";
import type { JournalState } from "./read-journal.ts";

/** How the journal names stdin as the input. */
export const stdinPath = "(stdin)";

/** The options that a resumed run takes from its journal. */
export interface RunSettings {
  readonly configName: string;
  readonly needAcLink: boolean;
  readonly skipInvalid: boolean;
  readonly chunkSize: number;
}

/** Refuses combinations of options that cannot work (exit 2). */
export function checkOptions(options: GenerateBatchOptions): void {
  if (options.dryRun && options.resume)
    throw new UsageError("--dry-run and --resume cannot be combined");
  if (options.resubmitUnknown && !options.resume) {
    throw new UsageError("--resubmit-unknown only applies with --resume");
  }
  if (options.recoverLostCodes === true && !options.resume) {
    throw new UsageError("--recover-lost-codes only applies with --resume");
  }
  if (options.columns !== undefined && (options.columnOptions?.rename.length ?? 0) > 0) {
    throw new UsageError(
      "--rename-columns applies to a header row or JSON keys; with --columns, name the fields in --columns",
    );
  }
  if (!options.dryRun && options.outDir === undefined)
    throw new UsageError("--out DIR is required");
  if (options.resume) {
    if (options.input === "-") {
      throw new UsageError(
        "stdin cannot be resumed: save the same bytes to a file and pass it with --input FILE --resume (its SHA-256 must match the journal)",
      );
    }
    return;
  }
  if (options.input === undefined) throw new UsageError("--input FILE|- is required");
  if (options.configName === undefined && !options.dryRun) {
    throw new UsageError("--config-name NAME is required");
  }
}

/** Opens the input named, or on resume the journal's, refusing stdin for a resume. */
export async function openInput(
  options: GenerateBatchOptions,
  previous: JournalState | undefined,
  io: GenerateBatchIo,
) {
  const name = options.input ?? previous?.start.input.path;
  if (name === undefined || name === stdinPath) {
    throw new UsageError(
      "this run read stdin, which cannot be resumed: save the same bytes to a file and pass it with --input FILE --resume",
    );
  }
  return openInputSource(name, io.stdin, io.cwd);
}

// Enough for the first line of any sensible input (a header row, or a record of a file without one).
const headBytes = 64 * 1024;

/**
 * How to read the input. The format is the journal's on resume, else --format, the file name,
 * or a sniff; a CSV's delimiter comes from its first line (the same bytes give the same
 * answer on resume) and its columns from --columns or the journal. The columns ignored or
 * renamed are the journal's on resume, so it reads the records the first run read; options
 * that say otherwise are refused before anything is read.
 */
export function chooseLayout(
  options: GenerateBatchOptions,
  previous: JournalState | undefined,
  source: InputSource,
): InputLayout {
  const format =
    previous?.start.input.format ??
    options.format ??
    (source.path === null ? undefined : formatFromName(source.path)) ??
    sniffFormat(source.head(64));
  const columns = previous === undefined ? options.columns : previous.start.input.columns;
  const columnOptions =
    previous === undefined ? options.columnOptions : journaledColumnOptions(previous.start);
  if (
    previous !== undefined &&
    options.columnOptions !== undefined &&
    !sameColumnOptions(options.columnOptions, columnOptions ?? noColumnOptions)
  ) {
    throw new UsageError(
      "--ignore-columns and --rename-columns differ from the run being resumed; leave them out with --resume (it reads the input as the first run did)",
    );
  }
  if (format === "jsonl") {
    if (columns !== undefined) throw new UsageError("--columns applies to CSV input only");
    return { format, columnOptions };
  }
  return { format, delimiter: detectDelimiter(source.head(headBytes)), columns, columnOptions };
}

/** The journal's record of the columns ignored and renamed: part of its start event's input. */
export function columnOptionsForJournal(
  layout: InputLayout,
): Pick<StartEvent["input"], "ignoreColumns" | "renameColumns"> {
  const { ignore, rename } = layout.columnOptions ?? noColumnOptions;
  return {
    ...(ignore.length > 0 ? { ignoreColumns: [...ignore] } : {}),
    ...(rename.length > 0
      ? { renameColumns: rename.map(({ column, field }) => ({ column, field })) }
      : {}),
  };
}

function journaledColumnOptions(start: StartEvent): ColumnOptions | undefined {
  const { ignoreColumns, renameColumns } = start.input;
  if (ignoreColumns === undefined && renameColumns === undefined) return undefined;
  return { ignore: ignoreColumns ?? [], rename: renameColumns ?? [] };
}

/** The settings of this run: from the options, or from the journal of the run resumed. */
export function runSettings(
  options: GenerateBatchOptions,
  previous: JournalState | undefined,
): RunSettings {
  if (previous === undefined) {
    return {
      configName: options.configName ?? "",
      needAcLink: options.needAcLink,
      skipInvalid: options.skipInvalid,
      chunkSize: options.chunkSize ?? maxChunkSize,
    };
  }
  const { start } = previous;
  const conflicts = [
    options.configName !== undefined && options.configName !== start.configName
      ? "--config-name"
      : null,
    options.needAcLink && !start.needAcLink ? "--need-ac-link" : null,
    options.columns !== undefined &&
    options.columns.join(",") !== (start.input.columns ?? []).join(",")
      ? "--columns"
      : null,
  ].filter((entry) => entry !== null);
  if (conflicts.length > 0) {
    throw new UsageError(
      `${conflicts.join(" and ")} differ from the run being resumed; leave them out with --resume`,
    );
  }
  return {
    configName: start.configName,
    needAcLink: start.needAcLink,
    // Validity does not depend on it, and the first run only went ahead with it if needed.
    skipInvalid: start.skipInvalid || options.skipInvalid,
    chunkSize: start.chunkSize,
  };
}

/** The error for a resume against other bytes than the journal's. */
export function differentInput(source: InputSource, previous: JournalState): InputError {
  return new InputError(
    `${source.displayName} is not the input of the run being resumed (${previous.start.input.path}, ${previous.start.input.size} bytes, SHA-256 ${previous.start.input.sha256.slice(0, 16)}…); resume with the same file`,
  );
}
