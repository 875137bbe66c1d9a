// Fault injection: latency, 5xx, 429 with Retry-After, and connection resets before or after
// the request is processed. Every request draws the same two numbers from a seeded generator,
// whatever its outcome, so a seed and an order of requests always give the same faults.
import { z } from "zod";
import { createPrng, type Prng } from "./prng.ts";

const rate = z.number().min(0).max(1);
const millis = z.number().int().min(0).max(600_000);

/** The fault settings of a sandbox; every rate is a probability from 0 to 1. */
export const faultSettingsSchema = z
  .strictObject({
    /** Delay before each request is processed: a fixed number of ms or a `[min, max]` range. */
    latencyMs: z.union([millis, z.tuple([millis, millis])]).default(0),
    /** Share of requests answered with `errorStatus` before anything is processed. */
    errorRate5xx: rate.default(0),
    /** The 5xx status of those answers. */
    errorStatus: z.number().int().min(500).max(599).default(500),
    /** Share of requests answered 429 with a Retry-After header, before anything is processed. */
    rate429: rate.default(0),
    /** The Retry-After of those answers, in seconds. */
    retryAfterSeconds: z.number().int().min(0).max(86_400).default(1),
    /** Share of connections reset before the request is read: nothing is processed. */
    resetBeforeRate: rate.default(0),
    /**
     * Share of requests processed and committed, whose connection is then reset without an
     * answer: the caller cannot know the outcome.
     */
    resetAfterRate: rate.default(0),
  })
  .refine(
    (settings) =>
      settings.errorRate5xx +
        settings.rate429 +
        settings.resetBeforeRate +
        settings.resetAfterRate <=
      1,
    { message: "the fault rates must add up to at most 1" },
  )
  .refine(
    (settings) =>
      typeof settings.latencyMs === "number" || settings.latencyMs[0] <= settings.latencyMs[1],
    {
      message: "latencyMs range must be [min, max] with min <= max",
    },
  );

/** Fault settings as accepted on input (omitted fields take their defaults, i.e. no fault). */
export type FaultSettingsInput = z.input<typeof faultSettingsSchema>;

/** Complete fault settings. */
export type FaultSettings = z.output<typeof faultSettingsSchema>;

/** What happens to one request. */
export type FaultOutcome =
  | { readonly kind: "none" }
  | { readonly kind: "reset-before" }
  | { readonly kind: "reset-after" }
  | { readonly kind: "status"; readonly status: number; readonly retryAfterSeconds?: number };

/** The plan for one request: a delay, then an outcome. */
export interface FaultPlan {
  readonly latencyMs: number;
  readonly outcome: FaultOutcome;
}

/** A per-request override (the `x-sandbox-fault` header). */
export interface FaultOverride {
  readonly latencyMs?: number;
  readonly outcome?: FaultOutcome;
}

/** Settings without any fault. */
export const noFaults: FaultSettings = faultSettingsSchema.parse({});

/** Name of the header that forces a fault on one request. */
export const faultHeaderName = "x-sandbox-fault";

/**
 * Parses an `x-sandbox-fault` value: comma-separated `reset-before`, `reset-after`, `429`,
 * a 5xx status such as `500` or `503`, and `latency=<ms>`. Returns an error message for
 * anything else, so that a typo does not silently test the happy path.
 */
export function parseFaultHeader(
  value: string,
  retryAfterSeconds: number,
): FaultOverride | { readonly error: string } {
  let latencyMs: number | undefined;
  let outcome: FaultOutcome | undefined;
  for (const raw of value.split(",")) {
    const token = raw.trim().toLowerCase();
    if (token === "") continue;
    const latency = /^latency=([0-9]{1,6})$/.exec(token);
    let next: FaultOutcome | undefined;
    if (latency?.[1] !== undefined) {
      latencyMs = Number(latency[1]);
      continue;
    }
    if (token === "reset-before" || token === "reset-after") next = { kind: token };
    else if (token === "429") next = { kind: "status", status: 429, retryAfterSeconds };
    else if (/^5[0-9]{2}$/.test(token)) next = { kind: "status", status: Number(token) };
    else return { error: `unknown ${faultHeaderName} token "${raw.trim()}"` };
    if (outcome !== undefined) return { error: `${faultHeaderName} names more than one outcome` };
    outcome = next;
  }
  return {
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(outcome === undefined ? {} : { outcome }),
  };
}

/** Decides the fault of each request from the settings and a seeded generator. */
export interface FaultPlanner {
  /** The plan for the next request; always advances the generator by the same amount. */
  plan(override?: FaultOverride): FaultPlan;
  /** The current settings. */
  readonly settings: FaultSettings;
  /** Replaces the settings; with a seed, also restarts the generator from it. */
  configure(settings: FaultSettings, seed?: number): void;
  /** The seed the generator last started from. */
  readonly seed: number;
}

/** Creates a planner; the same settings and seed give the same sequence of plans. */
export function createFaultPlanner(settings: FaultSettings, seed: number): FaultPlanner {
  let current = settings;
  let currentSeed = seed;
  let random: Prng = createPrng(seed);
  return {
    get settings() {
      return current;
    },
    get seed() {
      return currentSeed;
    },
    configure(next, nextSeed) {
      current = next;
      if (nextSeed !== undefined) {
        currentSeed = nextSeed;
        random = createPrng(nextSeed);
      }
    },
    plan(override) {
      // Two draws per request, always, so an override or a fault-free request does not
      // shift the schedule of the requests after it.
      const outcomeDraw = random();
      const latencyDraw = random();
      const drawnLatency =
        typeof current.latencyMs === "number"
          ? current.latencyMs
          : Math.round(
              current.latencyMs[0] + latencyDraw * (current.latencyMs[1] - current.latencyMs[0]),
            );
      return {
        latencyMs: override?.latencyMs ?? drawnLatency,
        outcome: override?.outcome ?? drawOutcome(current, outcomeDraw),
      };
    },
  };
}

function drawOutcome(settings: FaultSettings, draw: number): FaultOutcome {
  // One draw split into bands, so each rate is exactly the share it names.
  let bound = settings.resetBeforeRate;
  if (draw < bound) return { kind: "reset-before" };
  bound += settings.rate429;
  if (draw < bound) {
    return { kind: "status", status: 429, retryAfterSeconds: settings.retryAfterSeconds };
  }
  bound += settings.errorRate5xx;
  if (draw < bound) return { kind: "status", status: settings.errorStatus };
  bound += settings.resetAfterRate;
  if (draw < bound) return { kind: "reset-after" };
  return { kind: "none" };
}
