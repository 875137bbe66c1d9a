import type { GlobalOptions } from "./command-spec.ts";
import type { TextSink } from "./terminal.ts";

// A command that talks to the platform says first which one: a production key in the wrong
// shell otherwise shows itself only after the damage. The line names the product, the address
// and where the settings came from, never a credential.

/** The three products, as the commands name them. */
export type TargetProduct = "rsp" | "eim" | "cmp";

/** The platform a command talks to, as the target line and `--json` documents name it. */
export interface Target {
  readonly product: TargetProduct;
  /** The base URL without user info, query or fragment (they could hold a credential). */
  readonly baseUrl: string;
  /** The profile of the config file the settings came from; null: the environment only. */
  readonly profile: string | null;
  /** The config file that was read; null when there was none. */
  readonly configFile: string | null;
  /** Environment variables that were set but overridden by a flag (names, never values). */
  readonly ignoredVariables: readonly string[];
}

/** Announces a target before the command's first request (set by the entry point). */
export type AnnounceTarget = (target: Target) => void;

const productLabels: Readonly<Record<TargetProduct, string>> = {
  rsp: "RSP",
  eim: "eIM",
  cmp: "CMP",
};

/**
 * What the target line reads of a product's resolved settings (config/product-settings.ts
 * resolves them; only their shape is named here, so this file imports nothing above it).
 */
export interface TargetSettings {
  readonly baseUrl: string;
  readonly origin: {
    readonly profile: string | undefined;
    readonly configFile: string | undefined;
    readonly ignoredVariables: readonly string[];
  };
}

/** The target of resolved settings. */
export function targetOf(product: TargetProduct, settings: TargetSettings): Target {
  const { origin } = settings;
  return {
    product,
    baseUrl: shownUrl(settings.baseUrl),
    profile: origin.profile ?? null,
    configFile: origin.configFile ?? null,
    ignoredVariables: [...origin.ignoredVariables],
  };
}

/**
 * The target line, e.g. `simlessly → RSP https://rsp.simlessly.com (profile "production" of
 * /home/u/.config/simlessly/config.json)`, naming the variables `flags` overrode.
 */
export function targetLine(target: Target, flags: readonly string[] = []): string {
  const source =
    target.configFile === null
      ? "environment"
      : `profile "${target.profile ?? "default"}" of ${target.configFile}`;
  const ignored =
    target.ignoredVariables.length === 0
      ? ""
      : `; ${target.ignoredVariables.join(", ")} overridden by ${flags.length === 0 ? "a flag" : flags.join(" and ")}`;
  return `simlessly → ${productLabels[target.product]} ${target.baseUrl} (${source}${ignored})\n`;
}

/** What the entry point keeps of a run's target, and how it announces it. */
export interface TargetAnnouncer {
  readonly announce: AnnounceTarget;
  /** The last target announced: what a failure's `--json` document names. */
  readonly current: () => Target | undefined;
}

/**
 * Writes the target line to `stderr` once per target, unless `--quiet` or `--json` (whose
 * document carries the target instead), and remembers it for the error document.
 */
export function createTargetAnnouncer(stderr: TextSink, global: GlobalOptions): TargetAnnouncer {
  let current: Target | undefined;
  const flags = [
    ...(global.profile === undefined ? [] : ["--profile"]),
    ...(global.config === undefined ? [] : ["--config"]),
  ];
  return {
    announce(target) {
      const repeated = current !== undefined && sameTarget(current, target);
      current = target;
      if (repeated || global.json || global.quiet) return;
      stderr.write(targetLine(target, flags));
    },
    current: () => current,
  };
}

function sameTarget(a: Target, b: Target): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// Settings accept only http(s) URLs; anything unparsable is never printed as given.
function shownUrl(baseUrl: string): string {
  if (!URL.canParse(baseUrl)) return "(unreadable base URL)";
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, "");
}
