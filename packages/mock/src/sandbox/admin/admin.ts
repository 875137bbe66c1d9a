// The sandbox's own controls, outside the contract: list profiles with their submission
// counts, reset the state, set faults, make RSP batches end with another status, simulate
// device events, read webhook deliveries and the request log, and move the clock. The same
// handle backs the `/__sandbox/` endpoints and the JS API.
import { rspSchemas } from "@simlessly/contract";
import type { Authenticator } from "../auth/authenticate.ts";
import { fromSandboxSeconds } from "../engine/clock-format.ts";
import {
  applyDeviceEvent,
  type DeviceEventInput,
  type DeviceEventResult,
} from "../engine/device-events.ts";
import type { EngineContext } from "../engine/engine-context.ts";
import { settle } from "../engine/settle.ts";
import {
  clearState,
  ProfileStatus,
  type ProfileStatusName,
  profileStatusNames,
  statusName,
} from "../engine/state.ts";
import {
  type FaultPlanner,
  type FaultSettings,
  type FaultSettingsInput,
  faultSettingsSchema,
} from "../faults/faults.ts";
import type { ProductName } from "../router/routes.ts";
import type { SandboxWarning } from "../screen/sandbox-warnings.ts";
import type { WebhookDelivery, WebhookSender } from "../webhooks/webhooks.ts";
import type { RequestLog } from "./request-log.ts";

/** One ICCID as the admin listing shows it. Never a key, never an activation code. */
export interface ProfileListingEntry {
  readonly iccid: string;
  /** How many accepted generate and batch requests named this ICCID. */
  readonly submissions: number;
  readonly status: ProfileStatusName;
  readonly configName: string;
  readonly eid: string | null;
  /** How many profiles this ICCID has had (more than one after delete and regenerate). */
  readonly generation: number;
  /** When its current profile was created (ISO 8601), or null while only submitted. */
  readonly createdAt: string | null;
}

/** A page of the admin profile listing. */
export interface ProfileListing {
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly profiles: readonly ProfileListingEntry[];
}

/** Filters and window of the listing. */
export interface ProfileQuery {
  readonly iccid?: string;
  readonly status?: ProfileStatusName;
  readonly offset?: number;
  /** At most 10,000; 1,000 by default. */
  readonly limit?: number;
}

/** Counts of everything the sandbox holds. */
export interface StateSummary {
  readonly profiles: number;
  readonly rspBatches: number;
  readonly rspBatchesProcessing: number;
  readonly campaigns: Readonly<Record<string, number>>;
  readonly eimAcs: number;
  readonly eimDevices: number;
  readonly eimBatches: number;
  readonly eimBatchesProcessing: number;
  readonly cmpTokens: number;
  readonly cmpChangesPending: number;
}

/** One answered operation request as the request log shows it: names and times, no body. */
export interface RequestLogView {
  /** When it was answered (ISO 8601, sandbox clock). */
  readonly time: string;
  readonly product: ProductName;
  readonly operationId: string;
  /** The tolerated or uncertain forms it used: field and what the sandbox did, never a value. */
  readonly warnings: readonly SandboxWarning[];
  /** True when `--strict` refused it for those forms. */
  readonly refused: boolean;
}

/**
 * What a played device event did, and where its profile status notification is sent. The
 * notification goes out in the background: the answer does not wait for its delivery.
 */
export type SandboxDeviceEventResult =
  | { readonly found: false }
  | (Extract<DeviceEventResult, { readonly found: true }> & {
      /** Where the notification of this event is sent; null when the sandbox has none. */
      readonly webhookUrl: string | null;
    });

/** The admin handle of a sandbox. */
export interface SandboxAdmin {
  /** Lists ICCIDs with their submission counts (after applying whatever has come due). */
  profiles(query?: ProfileQuery): ProfileListing;
  summary(): StateSummary;
  /**
   * Forgets every profile, batch, device, token, seen request id and logged request. Faults
   * stay.
   */
  reset(): void;
  /** The current fault settings and seed. */
  faults(): { readonly seed: number; readonly settings: FaultSettings };
  /** Replaces the fault settings (omitted fields mean no fault); a seed restarts the schedule. */
  setFaults(input: FaultSettingsInput, seed?: number): FaultSettings;
  /** The status RSP batches submitted from now on end with, or null for `COMPLETE`. */
  batchEndStatus(): string | null;
  /**
   * Makes the RSP batches submitted from now on end with `status` (any the contract admits
   * but `PROCESSING`, e.g. `FAILED`) and generate no record; null restores `COMPLETE`.
   * Batches already submitted keep theirs; a reset keeps the setting, as it keeps the faults.
   * Throws a ZodError for a status it cannot end with.
   */
  setBatchEndStatus(status: string | null): string | null;
  /** Plays a device event on a profile and sends its webhook (when there is a webhook URL). */
  deviceEvent(input: DeviceEventInput): SandboxDeviceEventResult;
  /** The latest webhook delivery attempts. */
  webhookDeliveries(): readonly WebhookDelivery[];
  /** The last answered operation requests (oldest first), with their warnings. */
  requests(): readonly RequestLogView[];
  /** Moves the sandbox clock forward (batch delays, token expiry, signature freshness). */
  advanceClock(ms: number): number;
  /** Applies everything that has come due now. */
  settle(): void;
}

/** What the admin handle works on. */
export interface SandboxAdminInput {
  readonly ctx: EngineContext;
  readonly planner: FaultPlanner;
  readonly authenticator: Authenticator;
  readonly webhooks: WebhookSender;
  readonly requestLog: RequestLog;
  readonly advanceClock: (ms: number) => number;
  readonly onChange: () => void;
}

/** Creates the admin handle. */
export function createSandboxAdmin(input: SandboxAdminInput): SandboxAdmin {
  const { ctx, planner } = input;
  return {
    profiles(query = {}) {
      settle(ctx);
      const offset = Math.max(0, Math.floor(query.offset ?? 0));
      const limit = Math.min(10_000, Math.max(0, Math.floor(query.limit ?? 1000)));
      const wantedStatus = query.status === undefined ? undefined : ProfileStatus[query.status];
      const entries: ProfileListingEntry[] = [];
      let total = 0;
      const consider = (iccid: string) => {
        const record = ctx.state.profiles.get(iccid);
        if (record === undefined) return;
        if (wantedStatus !== undefined && record.status !== wantedStatus) return;
        total += 1;
        if (total <= offset || entries.length >= limit) return;
        entries.push({
          iccid,
          submissions: record.submissions,
          status: statusName(record.status),
          configName: ctx.settings.configs[record.config]?.name ?? "unknown",
          eid: record.eid,
          generation: record.generation,
          createdAt:
            record.generation === 0
              ? null
              : new Date(fromSandboxSeconds(record.createdSec)).toISOString(),
        });
      };
      if (query.iccid !== undefined) consider(query.iccid);
      else for (const iccid of ctx.state.profiles.keys()) consider(iccid);
      return { total, offset, limit, profiles: entries };
    },
    summary() {
      settle(ctx);
      const { state } = ctx;
      const devices = new Set([
        ...state.eimDevicesByEid.values(),
        ...state.eimDevicesByImei.values(),
      ]);
      return {
        profiles: state.profiles.size,
        rspBatches: state.rspBatches.size,
        rspBatchesProcessing: state.rspPending.length,
        campaigns: Object.fromEntries(
          [...state.campaigns].map(([name, pool]) => [name, pool.size]),
        ),
        eimAcs: state.eimAcs.size,
        eimDevices: devices.size,
        eimBatches: state.eimBatches.size,
        eimBatchesProcessing: state.eimPending.length,
        cmpTokens: state.cmpTokens.size,
        cmpChangesPending: state.cmpPending.length,
      };
    },
    reset() {
      clearState(ctx.state);
      input.authenticator.clear();
      input.requestLog.clear();
      input.onChange();
    },
    faults: () => ({ seed: planner.seed, settings: planner.settings }),
    setFaults(faults, seed) {
      const settings = faultSettingsSchema.parse(faults);
      planner.configure(settings, seed);
      return settings;
    },
    batchEndStatus: () => ctx.controls.rspBatchEndStatus,
    setBatchEndStatus(status) {
      ctx.controls.rspBatchEndStatus = status === null ? null : batchEndStatusSchema.parse(status);
      return ctx.controls.rspBatchEndStatus;
    },
    deviceEvent(event) {
      settle(ctx);
      const result = applyDeviceEvent(ctx, event);
      input.onChange();
      // Named in the answer so that whoever played the event knows where to look for its
      // webhook, or that none went out.
      return result.found ? { ...result, webhookUrl: input.webhooks.url } : result;
    },
    webhookDeliveries: () => input.webhooks.deliveries(),
    requests: () =>
      input.requestLog.entries().map(({ timeMs, ...entry }) => ({
        time: new Date(timeMs).toISOString(),
        ...entry,
      })),
    advanceClock: (ms) => input.advanceClock(ms),
    settle() {
      if (settle(ctx) > 0) input.onChange();
    },
  };
}

/** Tells whether a string names a profile status. */
export function isProfileStatusName(value: string): value is ProfileStatusName {
  return (profileStatusNames as readonly string[]).includes(value);
}

/**
 * A status a batch may be told to end with: one the contract's `BatchStatus` admits (1-64
 * characters), but not `PROCESSING`, which would never end.
 */
export const batchEndStatusSchema = rspSchemas.BatchStatus.refine(
  (status) => status !== "PROCESSING",
  { message: "a batch cannot end PROCESSING (use batchDelayMs for a slow batch)" },
);
