import type { JournalState } from "./read-journal.ts";

/** Where a resumed run starts, in records. */
export interface ResumeStatus {
  /** Settled by earlier runs: completed or refused batches (lost codes included). */
  readonly settled: number;
  /** Codes lost to an unanswered attempt, not recovered yet (no row): --recover-lost-codes. */
  readonly lost: number;
  /** Submitted and never seen complete: this run polls them. */
  readonly toPoll: number;
  /** Sent with no answer: reported, or sent again with --resubmit-unknown. */
  readonly unknown: number;
  /** Never sent (or released): this run sends them. */
  readonly toSend: number;
}

/** What the journal says of the `valid` records of the input. */
export function resumeStatus(previous: JournalState, valid: number): ResumeStatus {
  let settled = 0;
  let toPoll = 0;
  let unknown = 0;
  let lost = 0;
  for (const state of previous.chunks.values()) {
    switch (state.state) {
      case "completed":
        settled += state.succeeded + state.failed + state.missing + state.lost.length;
        lost += state.lost.length;
        break;
      case "rejected":
        settled += state.count;
        break;
      case "submitted":
        toPoll += state.count;
        break;
      case "submitting":
      case "unknown":
        unknown += state.count;
        break;
      default:
        break;
    }
  }
  return {
    settled,
    lost,
    toPoll,
    unknown,
    toSend: Math.max(0, valid - settled - toPoll - unknown),
  };
}

/** The note a resumed run starts with: the whole run's state, in records. */
export function describeResume(status: ResumeStatus, valid: number): string {
  if (status.settled === valid && status.lost === 0) {
    return `resuming: all ${valid} records were settled by earlier runs; nothing to send or poll`;
  }
  const parts = [
    `${status.settled - status.lost} of ${valid} records settled`,
    status.lost > 0 ? `${status.lost} lost codes` : null,
    status.toPoll > 0 ? `${status.toPoll} to poll` : null,
    status.unknown > 0 ? `${status.unknown} of unknown outcome` : null,
    status.toSend > 0 ? `${status.toSend} to send` : null,
  ].filter((part) => part !== null);
  return `resuming: ${parts.join(", ")}`;
}
