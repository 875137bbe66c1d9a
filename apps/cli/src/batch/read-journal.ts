import { createReadStream, existsSync } from "node:fs";
import { InputError } from "../cli/cli-error.ts";
import { splitLines } from "../input/split-lines.ts";
import { chunkDigest } from "./chunk-digest.ts";
import { journalEvent, type StartEvent } from "./journal-events.ts";

/** Where a chunk stands according to the journal. */
export type ChunkState =
  | {
      readonly state: "submitting";
      readonly digest: string;
      readonly count: number;
      readonly attempts: number;
    }
  | {
      readonly state: "unknown";
      readonly digest: string;
      readonly count: number;
      readonly attempts: number;
      readonly reason: string;
    }
  | {
      readonly state: "released";
      readonly digest: string;
      readonly count: number;
      readonly attempts: number;
    }
  | {
      readonly state: "submitted";
      readonly digest: string;
      readonly count: number;
      readonly attempts: number;
      readonly batchCode: string;
    }
  | { readonly state: "rejected"; readonly digest: string; readonly count: number }
  | {
      readonly state: "completed";
      readonly digest: string;
      readonly batchCode: string;
      readonly succeeded: number;
      readonly failed: number;
      readonly missing: number;
    };

/** What a journal says about a run. */
export interface JournalState {
  readonly start: StartEvent;
  /** Latest state of every chunk that was ever submitted. */
  readonly chunks: ReadonlyMap<number, ChunkState>;
  /** Length of results.csv after the last settled chunk, or undefined when none settled yet. */
  readonly resultsBytes: number | undefined;
  /** Bytes of whole lines; a torn last line (kill -9 mid-write) lies beyond. */
  readonly validBytes: number;
  /** True when a torn last line was found and ignored. */
  readonly tornTail: boolean;
}

const maxLineBytes = 4 * 1024 * 1024;

/**
 * Reads a journal line by line. A last line without its newline was cut by a crash while being
 * written and is ignored (the caller notes it); any other unreadable line is an error, since
 * guessing could send records twice.
 */
export async function readJournal(path: string): Promise<JournalState> {
  if (!existsSync(path)) throw new InputError(`no journal at ${path}: nothing to resume`);
  let start: StartEvent | undefined;
  const chunks = new Map<number, ChunkState>();
  let resultsBytes: number | undefined;
  let validBytes = 0;
  let tornTail = false;
  let lineNumber = 0;
  const lines = splitLines(
    createReadStream(path),
    maxLineBytes,
    (number) =>
      new InputError(`journal ${path} line ${number} is too long; the journal is damaged`),
  );
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.terminated) {
      tornTail = true;
      break;
    }
    const parsed = parseLine(line.text);
    if (parsed === undefined) {
      throw new InputError(
        `journal ${path} line ${lineNumber} is not a journal event; the journal is damaged`,
      );
    }
    validBytes = line.end;
    if (lineNumber === 1) {
      if (parsed.event !== "start")
        throw new InputError(`journal ${path} does not begin with a start event`);
      start = parsed;
      continue;
    }
    switch (parsed.event) {
      case "start":
        throw new InputError(`journal ${path} line ${lineNumber}: a second start event`);
      case "submitting": {
        const previous = chunks.get(parsed.chunk);
        const attempts = previous !== undefined && "attempts" in previous ? previous.attempts : 0;
        chunks.set(parsed.chunk, {
          state: "submitting",
          digest: chunkDigest(parsed.iccids),
          count: parsed.iccids.length,
          attempts: Math.max(attempts, parsed.attempt),
        });
        break;
      }
      case "submitted":
      case "unknown":
      case "released":
      case "rejected":
      case "completed": {
        const previous = chunks.get(parsed.chunk);
        if (previous === undefined) {
          throw new InputError(
            `journal ${path} line ${lineNumber}: chunk ${parsed.chunk} was never submitting`,
          );
        }
        const attempts = "attempts" in previous ? previous.attempts : 1;
        const { digest } = previous;
        const count = "count" in previous ? previous.count : 0;
        if (parsed.event === "submitted") {
          chunks.set(parsed.chunk, {
            state: "submitted",
            digest,
            count,
            attempts,
            batchCode: parsed.batchCode,
          });
        } else if (parsed.event === "unknown") {
          chunks.set(parsed.chunk, {
            state: "unknown",
            digest,
            count,
            attempts,
            reason: parsed.reason,
          });
        } else if (parsed.event === "released") {
          chunks.set(parsed.chunk, { state: "released", digest, count, attempts });
        } else if (parsed.event === "rejected") {
          chunks.set(parsed.chunk, { state: "rejected", digest, count: parsed.count });
          resultsBytes = parsed.resultsBytes;
        } else {
          const { batchCode, succeeded, failed, missing } = parsed;
          chunks.set(parsed.chunk, {
            state: "completed",
            digest,
            batchCode,
            succeeded,
            failed,
            missing,
          });
          resultsBytes = parsed.resultsBytes;
        }
        break;
      }
      default:
        break;
    }
  }
  if (start === undefined)
    throw new InputError(`journal ${path} is empty or torn before its first line`);
  return { start, chunks, resultsBytes, validBytes, tornTail };
}

function parseLine(text: string) {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = journalEvent.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
