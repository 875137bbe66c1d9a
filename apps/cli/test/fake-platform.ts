import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type {
  BatchApi,
  BatchInfo,
  BatchRecordResult,
  GenerateOneInput,
  GetBatchInfoInput,
  ProfileState,
  SubmitBatchInput,
} from "../src/batch/batch-api.ts";
import { BatchRejectedError, UnknownOutcomeError } from "../src/batch/batch-api.ts";

/** How the fake platform behaves. */
export interface FakePlatformOptions {
  /** batch/info answers PROCESSING this many times before COMPLETE (default 1). */
  readonly pollsUntilComplete?: number;
  /**
   * Instead of counting polls, a batch is COMPLETE this long after its submission, on `now`
   * (the run's clock), as the platform's batches take time whoever polls them.
   */
  readonly batchTime?: { readonly ms: number; readonly now: () => number };
  /** ICCIDs whose generation fails with a reason. */
  readonly failingIccids?: ReadonlySet<string>;
  /** ICCIDs left out of the results of a complete batch. */
  readonly missingIccids?: ReadonlySet<string>;
  /** Saves state in this JSON file after each change (for child-process drills). */
  readonly statePath?: string;
  /** Called with the submission number (1-based) before the platform processes it. */
  readonly beforeSubmit?: (submission: number) => void | Promise<void>;
  /** Called with the submission number after processing, before the answer returns. */
  readonly afterSubmit?: (submission: number, batchCode: string) => void | Promise<void>;
  /** Called before each batch/info answer. */
  readonly beforeInfo?: (batchCode: string) => void | Promise<void>;
  /** Called with the ICCID after a single generation made its profile, before the answer. */
  readonly afterGenerateOne?: (iccid: string) => void | Promise<void>;
}

interface StoredBatch {
  readonly iccids: string[];
  readonly results: BatchRecordResult[];
  polls: number;
  readonly submittedAt?: number;
}

interface State {
  submissions: number;
  /** ICCID → activation code: the platform's one-profile-per-ICCID rule. */
  profiles: Record<string, string>;
  /** ICCID → status, when not `Available` (a profile ordered or on a device). */
  statuses?: Record<string, string>;
  /** ICCID → how many profiles it has had (1 when absent). */
  generations?: Record<string, number>;
  /** ICCIDs deleted, in order. */
  deleted?: string[];
  batches: Record<string, StoredBatch>;
  /** Every ICCID in every submission, in order (to prove nothing was sent twice). */
  sent: string[];
  /** The most batches submitted and not yet seen complete at once. */
  maxOpen?: number;
}

/**
 * An in-process stand-in for the RSP batch endpoints: batches go PROCESSING → COMPLETE, an
 * ICCID gets one profile only (a second generation fails with "already exists"), and hooks
 * inject faults at each step of a submission.
 */
export class FakePlatform implements BatchApi {
  readonly #options: FakePlatformOptions;
  readonly #open = new Set<string>();
  readonly state: State;

  constructor(options: FakePlatformOptions = {}) {
    this.#options = options;
    this.state =
      options.statePath !== undefined && existsSync(options.statePath)
        ? (JSON.parse(readFileSync(options.statePath, "utf8")) as State)
        : { submissions: 0, profiles: {}, batches: {}, sent: [] };
  }

  async submitBatch(input: SubmitBatchInput): Promise<{ batchCode: string }> {
    this.state.submissions += 1;
    const submission = this.state.submissions;
    this.#save();
    await this.#options.beforeSubmit?.(submission);
    const batchCode = `B${String(submission).padStart(8, "0")}`;
    const results = input.records.map((record): BatchRecordResult => {
      this.state.sent.push(record.iccid);
      if (this.#options.failingIccids?.has(record.iccid)) {
        return {
          iccid: record.iccid,
          success: false,
          errorReason: '=HYPERLINK("x") refused by the fake',
        };
      }
      if (record.iccid in this.state.profiles) {
        return {
          iccid: record.iccid,
          success: false,
          errorReason: `PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [${record.iccid}] already existsById.`,
        };
      }
      const activationCode = fakeActivationCode(record.iccid);
      this.state.profiles[record.iccid] = activationCode;
      return {
        iccid: record.iccid,
        success: true,
        activationCode,
        ...(input.needAcLink
          ? { acLink: `https://static.simlessly.com/simlessly/QR/${record.iccid}.png` }
          : {}),
      };
    });
    this.state.batches[batchCode] = {
      iccids: input.records.map((record) => record.iccid),
      results: results.filter((result) => !this.#options.missingIccids?.has(result.iccid)),
      polls: 0,
      ...(this.#options.batchTime === undefined
        ? {}
        : { submittedAt: this.#options.batchTime.now() }),
    };
    this.#open.add(batchCode);
    this.state.maxOpen = Math.max(this.state.maxOpen ?? 0, this.#open.size);
    this.#save();
    await this.#options.afterSubmit?.(submission, batchCode);
    return { batchCode };
  }

  async profileState(iccid: string): Promise<ProfileState | undefined> {
    if (!(iccid in this.state.profiles)) return undefined;
    return { status: this.state.statuses?.[iccid] ?? "Available", eid: null };
  }

  async deleteProfile(iccid: string): Promise<void> {
    if (!(iccid in this.state.profiles)) throw new BatchRejectedError(`iccid ${iccid} not found`);
    const status = this.state.statuses?.[iccid] ?? "Available";
    if (status !== "Available") throw new BatchRejectedError(`profile status is ${status}`);
    delete this.state.profiles[iccid];
    this.state.deleted = [...(this.state.deleted ?? []), iccid];
    this.#save();
  }

  async generateOne(input: GenerateOneInput): Promise<BatchRecordResult> {
    const { iccid } = input.record;
    this.state.sent.push(iccid);
    if (iccid in this.state.profiles) {
      throw new BatchRejectedError(
        `failed: HTTP 200 code PROFILE_EXISTS "PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [${iccid}] already existsById."`,
      );
    }
    const generations = this.state.generations ?? {};
    const generation = (generations[iccid] ?? (this.#made(iccid) ? 1 : 0)) + 1;
    this.state.generations = { ...generations, [iccid]: generation };
    const activationCode = fakeActivationCode(iccid, generation);
    this.state.profiles[iccid] = activationCode;
    this.#save();
    await this.#options.afterGenerateOne?.(iccid);
    return { iccid, success: true, activationCode };
  }

  // True when some batch made a profile for this ICCID before (its first generation).
  #made(iccid: string): boolean {
    return Object.values(this.state.batches).some((batch) =>
      batch.results.some((result) => result.iccid === iccid && result.success),
    );
  }

  async getBatchInfo(input: GetBatchInfoInput): Promise<BatchInfo> {
    await this.#options.beforeInfo?.(input.batchCode);
    const batch = this.state.batches[input.batchCode];
    if (batch === undefined) throw new Error(`no batch ${input.batchCode}`);
    batch.polls += 1;
    this.#save();
    const { batchTime } = this.#options;
    const processing =
      batchTime === undefined
        ? batch.polls <= (this.#options.pollsUntilComplete ?? 1)
        : batchTime.now() - (batch.submittedAt ?? 0) < batchTime.ms;
    if (processing) return { status: "PROCESSING", results: [] };
    this.#open.delete(input.batchCode);
    return { status: "COMPLETE", results: batch.results };
  }

  #save(): void {
    const path = this.#options.statePath;
    if (path === undefined) return;
    // Write and rename, so a kill -9 leaves the old state or the new one, never half of one.
    writeFileSync(`${path}.tmp`, JSON.stringify(this.state));
    renameSync(`${path}.tmp`, path);
  }
}

/** The activation code the fake gives an ICCID's `generation`-th profile. */
export function fakeActivationCode(iccid: string, generation = 1): string {
  const seed = generation === 1 ? iccid : `${iccid}:${generation}`;
  const matching = createHash("sha256").update(seed).digest("hex").slice(0, 32).toUpperCase();
  return `1$rsp-eu.simlessly.com$${matching}`;
}

/** A fault for hooks: the submission's outcome is unknown (the request timed out). */
export function timeout(): never {
  throw new UnknownOutcomeError(
    "the request timed out after 30 s; the batch may or may not have been taken",
  );
}
