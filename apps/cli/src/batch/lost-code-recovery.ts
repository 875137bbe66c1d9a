import type { ResultRow } from "../output/results-writer.ts";
import { secretValuesOf } from "../validate/secret-fields.ts";
import type { SimRecord } from "../validate/validate-record.ts";
import {
  AuthenticationError,
  type BatchApi,
  type BatchRecordResult,
  BatchRejectedError,
  type ProfileState,
} from "./batch-api.ts";
import { isUntouched, leftAloneReason, saysAlreadyExists } from "./lost-codes.ts";
import type { OutcomeRecorder } from "./outcome-recorder.ts";
import type { RequestSlots } from "./request-slots.ts";
import { reasonOf, rowFor } from "./result-rows.ts";
import type { HeldSecrets, SecretScrubber } from "./secret-scrubber.ts";

// Tries of one record in one run: a lost answer or a refused call on the way (a 5xx, a reset)
// is usually gone by the next try.
const attemptsPerRecord = 3;

/** A record whose code was lost, with where it came from. */
export interface LostRecord {
  readonly chunk: number;
  readonly line: number;
  readonly record: SimRecord;
}

/** The calls recovery needs (the optional part of {@link BatchApi}). */
export type RecoveryApi = Required<
  Pick<BatchApi, "profileState" | "deleteProfile" | "generateOne">
>;

/** Whether `api` can recover lost codes. */
export function canRecover(api: BatchApi): api is BatchApi & RecoveryApi {
  return (
    api.profileState !== undefined &&
    api.deleteProfile !== undefined &&
    api.generateOne !== undefined
  );
}

/** What recovery needs. */
export interface LostCodeRecoveryDeps {
  readonly api: RecoveryApi;
  readonly outcomes: OutcomeRecorder;
  /** The run's request slots and rate: recovery's calls count in `--concurrency` and `--rate`. */
  readonly slots: RequestSlots;
  /** Aborts when the run stops: what is not recovered stays lost, for `--resume`. */
  readonly signal: AbortSignal;
  readonly configName: string;
  readonly needAcLink: boolean;
  readonly scrubber: SecretScrubber;
  /** A lost record got its row: a new code, or a reported failure; and whether an image was written. */
  settled(outcome: "regenerated" | "failed", qrImage: boolean): void;
  /** Credentials refused, or the outcome could not be written: the run stops. */
  fail(error: Error): void;
}

/**
 * Settles records whose codes were lost (see lost-codes.ts): reads each profile's state; one
 * still untouched is deleted and generated again, so the run ends with one usable code per
 * record; one ordered or on a device is reported with its status (a `failed` row).
 *
 * Every step may be cut (kill, lost answer) and resumed: the state read first says where the
 * last attempt got to (no profile: generate; untouched: delete, then generate), and only the
 * row's journal event ends a record's recovery.
 */
export class LostCodeRecovery {
  readonly #deps: LostCodeRecoveryDeps;
  readonly #running = new Set<Promise<void>>();

  constructor(deps: LostCodeRecoveryDeps) {
    this.#deps = deps;
  }

  /** Starts recovering `records`; the run's request slots pace them. */
  add(records: readonly LostRecord[]): void {
    for (const lost of records) {
      const task = this.#recover(lost).finally(() => this.#running.delete(task));
      this.#running.add(task);
    }
  }

  /** Waits until every record added is settled or left lost. */
  async finish(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }

  async #recover(lost: LostRecord): Promise<void> {
    const { scrubber } = this.#deps;
    // Answers about this record may echo its keys.
    const secrets = scrubber.hold(secretValuesOf(lost.record));
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.#settle(lost, secrets);
          return;
        } catch (error) {
          if (error instanceof AuthenticationError) this.#deps.fail(error);
          // Starting over is safe, as it reads the profile's state first. Past the attempts,
          // or once the run stops, the record stays lost (counted so) for --resume.
          if (this.#deps.signal.aborted || attempt === attemptsPerRecord) return;
        }
      }
    } finally {
      scrubber.release(secrets);
    }
  }

  async #settle(lost: LostRecord, secrets: HeldSecrets): Promise<void> {
    const { api, configName, needAcLink } = this.#deps;
    const { iccid } = lost.record;
    const state = await this.#call(() => api.profileState(iccid));
    if (state !== undefined) {
      if (!isUntouched(state)) return this.#leftAlone(lost, state);
      try {
        await this.#call(() => api.deleteProfile(iccid));
      } catch (error) {
        if (!(error instanceof BatchRejectedError)) throw error;
        const reason = `the profile was made by an earlier attempt whose answer was lost, and deleting it was refused (${reasonOf(error)})`;
        return this.#failed(lost, secrets.scrub(reason));
      }
    }
    let result: BatchRecordResult;
    try {
      result = await this.#call(() =>
        api.generateOne({ configName, needAcLink, record: lost.record }),
      );
    } catch (error) {
      // "Already exists" again: something made the profile meanwhile; the next run reads it.
      if (!(error instanceof BatchRejectedError) || saysAlreadyExists(error.message)) throw error;
      return this.#failed(lost, secrets.scrub(reasonOf(error)));
    }
    await this.#write(
      lost,
      rowFor(iccid, result, (text) => secrets.scrub(text)),
    );
  }

  #leftAlone(lost: LostRecord, state: ProfileState): Promise<void> {
    return this.#failed(lost, leftAloneReason(state));
  }

  #failed(lost: LostRecord, reason: string): Promise<void> {
    return this.#write(lost, { iccid: lost.record.iccid, status: "failed", errorReason: reason });
  }

  // The row, then its event. A write that fails stops the run, as it does for batches.
  async #write(lost: LostRecord, row: ResultRow): Promise<void> {
    const outcome = row.status === "success" ? "regenerated" : "failed";
    let qrImage: boolean;
    try {
      qrImage = await this.#deps.outcomes.recovered(
        lost.chunk,
        { ...row, line: lost.line },
        outcome,
      );
    } catch (error) {
      this.#deps.fail(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
    this.#deps.settled(outcome, qrImage);
  }

  // One request, within the run's slots and rate; rejects once the run stops.
  async #call<T>(request: () => Promise<T>): Promise<T> {
    const { slots, signal } = this.#deps;
    await slots.acquire();
    try {
      signal.throwIfAborted();
      await slots.pace(signal);
      return await request();
    } finally {
      slots.release();
    }
  }
}
