// Assembles the engine without any HTTP: state, settings with their defaults, the clock and
// the activation-code key. The HTTP sandbox uses it, and so do the benchmark and unit tests
// that drive the engine directly.
import { createHash, randomBytes } from "node:crypto";
import { createActivationCodes } from "./activation-codes.ts";
import {
  createEngineContext,
  defaultConfigs,
  type EngineContext,
  type EngineSettings,
  type ProfileStatusNotification,
} from "./engine-context.ts";
import { createState, type SandboxState } from "./state.ts";

/** Engine settings as accepted on input; every field has a default. */
export type EngineSettingsInput = Partial<EngineSettings>;

/** The default settings. */
export const defaultEngineSettings: EngineSettings = {
  smdpHost: "rsp.sandbox.simlessly.test",
  batchDelayMs: 1000,
  configs: defaultConfigs,
  campaigns: ["Summer2027"],
  operators: ["Simlessly Mobile"],
  tokenTtlSeconds: 3600,
  cmpOperatorName: "Simlessly Sandbox",
};

/** What {@link createSandboxEngine} needs. */
export interface SandboxEngineInput {
  readonly settings?: EngineSettingsInput;
  readonly now?: () => number;
  /** The activation-code key; derived from `seed` when absent, else random. */
  readonly codeKey?: Uint8Array;
  readonly seed?: number;
  /** A state to continue from (e.g. loaded from a data file). */
  readonly state?: SandboxState;
  readonly notify?: (notification: ProfileStatusNotification) => void;
}

/** A running engine and the key its codes come from. */
export interface SandboxEngine {
  readonly ctx: EngineContext;
  readonly codeKey: Uint8Array;
}

/** The activation-code key a seed stands for: the same seed gives the same codes. */
export function codeKeyForSeed(seed: number): Uint8Array {
  return createHash("sha256").update(`simlessly-sandbox-codes:${seed}`, "utf8").digest();
}

/** Creates an engine with defaults filled in; checks the settings. */
export function createSandboxEngine(input: SandboxEngineInput = {}): SandboxEngine {
  const settings: EngineSettings = { ...defaultEngineSettings, ...input.settings };
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(settings.smdpHost)) {
    throw new Error("sandbox: smdpHost must be a host name (letters, digits, dots and dashes)");
  }
  if (!Number.isInteger(settings.batchDelayMs) || settings.batchDelayMs < 0) {
    throw new Error("sandbox: batchDelayMs must be a non-negative integer");
  }
  if (!Number.isInteger(settings.tokenTtlSeconds) || settings.tokenTtlSeconds < 1) {
    throw new Error("sandbox: tokenTtlSeconds must be a positive integer");
  }
  const codeKey =
    input.codeKey ?? (input.seed === undefined ? randomBytes(32) : codeKeyForSeed(input.seed));
  const ctx = createEngineContext({
    state: input.state ?? createState(),
    settings,
    now: input.now ?? Date.now,
    codes: createActivationCodes(codeKey),
    ...(input.notify === undefined ? {} : { notify: input.notify }),
  });
  return { ctx, codeKey };
}
