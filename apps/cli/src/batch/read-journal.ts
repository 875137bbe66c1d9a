import { createReadStream, existsSync } from "node:fs";
import { InputError } from "../core/cli-error.ts";
import { splitLines } from "../input/split-lines.ts";
import { chunkDigest } from "./chunk-digest.ts";
import { journalEvent, type StartEvent } from "./journal-events.ts";

/** What the journal knows of a chunk that was sent (or about to be). */
interface AttemptedChunk {
  readonly digest: string;
  readonly count: number;
  readonly attempts: number;
  /**
   * True once an attempt of this chunk ended with its outcome unknown and the chunk was sent
   * again: "already exists" in its results then means the lost attempt made the profile.
   */
  readonly uncertain: boolean;
}

/** Where a chunk stands according to the journal. */
export type ChunkState =
  | (AttemptedChunk & { readonly state: "submitting" | "unknown" | "released" })
  | (AttemptedChunk & { readonly state: "submitted"; readonly batchCode: string })
  | { readonly state: "rejected"; readonly digest: string; readonly count: number }
  | {
      readonly state: "completed";
      readonly digest: string;
      readonly batchCode: string;
      readonly succeeded: number;
      readonly failed: number;
      readonly missing: number;
      /** ICCIDs whose codes were lost and are not recovered yet (no row in results.csv). */
      readonly lost: readonly string[];
    };

/**
 * Whether the next answer about a chunk may come from an attempt whose outcome was unknown:
 * true once such an attempt was sent again ("already exists" then means the lost attempt made
 * the profile). A chunk now `submitting` (no answer) or `unknown` makes its next attempt so;
 * a chunk `submitted` keeps what its attempt was.
 */
export function answersAfterUnknown(state: ChunkState | undefined): boolean {
  if (state === undefined || !("uncertain" in state)) return false;
  return state.uncertain || state.state === "submitting" || state.state === "unknown";
}

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
          uncertain: answersAfterUnknown(previous),
        });
        break;
      }
      case "recovered": {
        const previous = chunks.get(parsed.chunk);
        if (previous?.state !== "completed" || !previous.lost.includes(parsed.iccid)) {
          throw new InputError(
            `journal ${path} line ${lineNumber}: ICCID recovered in chunk ${parsed.chunk}, which lost no such code`,
          );
        }
        const regenerated = parsed.outcome === "regenerated";
        chunks.set(parsed.chunk, {
          ...previous,
          succeeded: previous.succeeded + (regenerated ? 1 : 0),
          failed: previous.failed + (regenerated ? 0 : 1),
          lost: previous.lost.filter((iccid) => iccid !== parsed.iccid),
        });
        resultsBytes = parsed.resultsBytes;
        break;
      }
      case "submitted":
      case "unknown":
      case "released":
      case "rejected":
      case "completed": {
        const previous = chunks.get(parsed.chunk);
        if (previous === undefined || !("uncertain" in previous)) {
          throw new InputError(
            `journal ${path} line ${lineNumber}: chunk ${parsed.chunk} was never submitting`,
          );
        }
        const { digest, count, attempts, uncertain } = previous;
        if (parsed.event === "rejected") {
          chunks.set(parsed.chunk, { state: "rejected", digest, count: parsed.count });
          resultsBytes = parsed.resultsBytes;
        } else if (parsed.event === "completed") {
          const { batchCode, succeeded, failed, missing } = parsed;
          chunks.set(parsed.chunk, {
            state: "completed",
            digest,
            batchCode,
            succeeded,
            failed,
            missing,
            lost: parsed.lost ?? [],
          });
          resultsBytes = parsed.resultsBytes;
        } else if (parsed.event === "submitted") {
          const { batchCode } = parsed;
          chunks.set(parsed.chunk, {
            state: "submitted",
            digest,
            count,
            attempts,
            uncertain,
            batchCode,
          });
        } else {
          chunks.set(parsed.chunk, { state: parsed.event, digest, count, attempts, uncertain });
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
