import { z } from "zod";

// The journal's events, one JSON object per line. They hold ICCIDs, chunk states, batch codes
// and counts, never a Ki, OPc, PIN, PUK or activation code: the journal can be read and
// shared to debug a run.

const at = z.string();
const chunk = z.int().min(0);
const reason = z.string().max(2048);
const bytes = z.int().min(0);

/** The first line: what the run reads and how it chunks it. */
export const startEvent = z.strictObject({
  event: z.literal("start"),
  v: z.literal(1),
  at,
  tool: z.string(),
  input: z.strictObject({
    path: z.string(),
    size: bytes,
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: z.enum(["csv", "jsonl"]),
    /** The columns of a CSV file without a header row, as --columns named them. */
    columns: z.exactOptional(z.array(z.string()).min(1)),
    /** Columns (or JSON keys) dropped on reading, as --ignore-columns named them. */
    ignoreColumns: z.exactOptional(z.array(z.string()).min(1)),
    /** Columns (or JSON keys) read as a field, as --rename-columns named them. */
    renameColumns: z.exactOptional(
      z.array(z.strictObject({ column: z.string(), field: z.string() })).min(1),
    ),
  }),
  configName: z.string(),
  needAcLink: z.boolean(),
  skipInvalid: z.boolean(),
  chunkSize: z.int().min(1),
  records: z.int().min(0),
});

const resumeEvent = z.strictObject({
  event: z.literal("resume"),
  at,
  resubmitUnknown: z.boolean(),
  recoverLostCodes: z.exactOptional(z.boolean()),
});

/** Written and flushed before a chunk's request is sent. */
const submittingEvent = z.strictObject({
  event: z.literal("submitting"),
  at,
  chunk,
  attempt: z.int().min(1),
  firstLine: z.int().min(1),
  iccids: z.array(z.string()).min(1),
});

/** Written and flushed as soon as the platform returned a batch code. */
const submittedEvent = z.strictObject({
  event: z.literal("submitted"),
  at,
  chunk,
  batchCode: z.string(),
});

/** The submission may or may not have been processed. */
const unknownEvent = z.strictObject({ event: z.literal("unknown"), at, chunk, reason });

/** Refused before processing (authentication): the chunk may be sent again. */
const releasedEvent = z.strictObject({ event: z.literal("released"), at, chunk, reason });

/** The platform refused the batch; its rows (status `rejected`) end at `resultsBytes`. */
const rejectedEvent = z.strictObject({
  event: z.literal("rejected"),
  at,
  chunk,
  count: z.int().min(1),
  reason,
  resultsBytes: bytes,
});

/**
 * The batch is complete; its rows end at `resultsBytes` of results.csv. `lost` names the
 * ICCIDs that have no row yet: the batch was sent again after an attempt whose outcome was
 * unknown, and the platform answered "already exists" for them, so their profiles were made
 * by the lost attempt and their codes never reached us (see `recovered`).
 */
const completedEvent = z.strictObject({
  event: z.literal("completed"),
  at,
  chunk,
  batchCode: z.string(),
  succeeded: z.int().min(0),
  failed: z.int().min(0),
  missing: z.int().min(0),
  lost: z.exactOptional(z.array(z.string()).min(1)),
  resultsBytes: bytes,
});

/**
 * A lost code's record was settled: its profile regenerated (a `success` row with the new
 * code), or left alone and reported (a `failed` row). The row ends at `resultsBytes`.
 */
const recoveredEvent = z.strictObject({
  event: z.literal("recovered"),
  at,
  chunk,
  iccid: z.string(),
  outcome: z.enum(["regenerated", "failed"]),
  resultsBytes: bytes,
});

/** The run ended (not necessarily with every chunk settled). */
const finishedEvent = z.strictObject({
  event: z.literal("finished"),
  at,
  succeeded: z.int().min(0),
  failed: z.int().min(0),
  rejected: z.int().min(0),
  unknown: z.int().min(0),
  lost: z.exactOptional(z.int().min(0)),
  pending: z.int().min(0),
});

/** Any journal line. */
export const journalEvent = z.discriminatedUnion("event", [
  startEvent,
  resumeEvent,
  submittingEvent,
  submittedEvent,
  unknownEvent,
  releasedEvent,
  rejectedEvent,
  completedEvent,
  recoveredEvent,
  finishedEvent,
]);

/** One journal line. */
export type JournalEvent = z.output<typeof journalEvent>;

/** The first journal line. */
export type StartEvent = z.output<typeof startEvent>;

/** Any journal line but the first, without its timestamp (the writer adds it). */
export type JournalEntry = DistributiveOmit<Exclude<JournalEvent, StartEvent>, "at">;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
