// What every engine function works with: the state, the settings, a clock, the activation
// code derivation and a sink for profile notifications. Engine functions are synchronous
// functions of this context and a validated body; only the HTTP edge does I/O.
import type { RspSchema } from "@simlessly/contract";
import type { ActivationCodes } from "./activation-codes.ts";
import type { SandboxState } from "./state.ts";

/** A profile configuration known to the sandbox (configurations cannot be created by API). */
export interface SandboxConfig {
  readonly name: string;
  /** `upp` configurations serve the UPP calls, `regular` ones the SIM-data calls. */
  readonly kind: "regular" | "upp";
  /** Whether profiles of this configuration carry the recycle applet. */
  readonly recycle: boolean;
}

/** The configurations a sandbox has unless told otherwise (the names the spec examples use). */
export const defaultConfigs: readonly SandboxConfig[] = [
  { name: "templateRegular01", kind: "regular", recycle: false },
  { name: "templateRecycle02", kind: "regular", recycle: true },
  { name: "DEFAULT_UPP_CONFIG", kind: "upp", recycle: false },
];

/** The settings the engine reads; fixed for the life of a sandbox. */
export interface EngineSettings {
  /** The SM-DP+ address inside activation codes. */
  readonly smdpHost: string;
  /** How long batches (RSP and eIM) stay PROCESSING, and CMP status changes pending. */
  readonly batchDelayMs: number;
  readonly configs: readonly SandboxConfig[];
  /** Campaigns that exist (created in the console, not by API). */
  readonly campaigns: readonly string[];
  /** eIM operators (`mon`) that exist. */
  readonly operators: readonly string[];
  /** Lifetime of CMP tokens. */
  readonly tokenTtlSeconds: number;
  /** The operator name CMP shows for the sandbox's SIMs. */
  readonly cmpOperatorName: string;
}

/** The profile status webhook payload. */
export type ProfileStatusNotification = RspSchema<"ProfileStatusNotification">;

/**
 * What the admin controls change while the sandbox runs (settings are fixed). Kept apart from
 * the state: a reset forgets the state, not the controls, as it keeps the faults.
 */
export interface EngineControls {
  /**
   * The status RSP batches submitted from now on end with instead of `COMPLETE`, without
   * generating any record (admin `setBatchEndStatus`); null for the contract's `COMPLETE`.
   */
  rspBatchEndStatus: string | null;
}

/** The engine's world. */
export interface EngineContext {
  readonly state: SandboxState;
  readonly settings: EngineSettings;
  readonly controls: EngineControls;
  /** configName → index into `settings.configs`. */
  readonly configIndex: ReadonlyMap<string, number>;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly codes: ActivationCodes;
  /** Receives every profile status notification (the edge sends them as webhooks). */
  readonly notify: (notification: ProfileStatusNotification) => void;
}

/** Everything {@link createEngineContext} needs. */
export interface EngineContextInput {
  readonly state: SandboxState;
  readonly settings: EngineSettings;
  readonly now: () => number;
  readonly codes: ActivationCodes;
  readonly notify?: (notification: ProfileStatusNotification) => void;
}

/** Assembles a context; throws when two configurations share a name. */
export function createEngineContext(input: EngineContextInput): EngineContext {
  const configIndex = new Map<string, number>();
  input.settings.configs.forEach((config, index) => {
    if (configIndex.has(config.name)) {
      throw new Error(`sandbox: configuration "${config.name}" is listed twice`);
    }
    configIndex.set(config.name, index);
  });
  return {
    state: input.state,
    settings: input.settings,
    controls: { rspBatchEndStatus: null },
    configIndex,
    now: input.now,
    codes: input.codes,
    notify: input.notify ?? (() => {}),
  };
}
