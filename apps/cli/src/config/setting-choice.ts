import type { LoadedSources } from "./settings-sources.ts";
import { nonEmpty } from "./settings-sources.ts";

/** Where one resolved value came from. */
export type SettingSource =
  | { readonly kind: "variable"; readonly name: string }
  | {
      readonly kind: "profile";
      /** The key in the profile, e.g. `eim.baseUrl` or `baseUrl`. */
      readonly key: string;
      readonly profile: string;
      readonly file: string;
    }
  | { readonly kind: "default" };

/** One resolved value and its source; both undefined when nothing sets it. */
export interface Setting {
  readonly value: string | boolean | undefined;
  readonly source: SettingSource | undefined;
}

/**
 * One level of specificity of a value: a variable and a profile key that set it. A value may
 * have a product's own level and then a shared one (SIMLESSLY_BASE_URL and `baseUrl` for the
 * eIM base URL); a level's `accept` can refuse a value that does not fit this product.
 */
export interface Tier {
  readonly variable?: string;
  readonly key?: string;
  readonly accept?: (value: string) => boolean;
}

/** How to resolve one value: its tiers, most specific first, and a default. */
export interface SettingRule {
  readonly tiers: readonly Tier[];
  readonly fallback?: string | boolean;
}

/** A value, and the variable that would have set it had the profile not won (if any). */
export interface Choice extends Setting {
  readonly ignoredVariable: string | undefined;
}

interface Candidate {
  readonly value: string | boolean | undefined;
  readonly source: SettingSource;
}

/**
 * Resolves a value. Without `--profile`/`--config` on the command line each tier is looked up
 * in the environment, then in the profile, most specific tier first. With them the profile's
 * tiers all come before the environment's: the profile chosen there says where to go, and a
 * variable left over from another shell must not quietly send the call elsewhere.
 */
export function choose(sources: LoadedSources, rule: SettingRule): Choice {
  const variables = rule.tiers.map((tier) => fromVariable(sources, tier));
  const keys = rule.tiers.map((tier) => fromProfile(sources, tier));
  const byTier = rule.tiers.flatMap((_, index) => [variables[index], keys[index]]);
  const environmentFirst = firstSet(byTier);
  const chosen = sources.profileWins ? firstSet([...keys, ...variables]) : environmentFirst;
  const fallback: Setting =
    rule.fallback === undefined
      ? { value: undefined, source: undefined }
      : { value: rule.fallback, source: { kind: "default" } };
  const ignoredVariable =
    environmentFirst?.source.kind === "variable" && chosen !== environmentFirst
      ? environmentFirst.source.name
      : undefined;
  return { ...(chosen ?? fallback), ignoredVariable };
}

function fromVariable(sources: LoadedSources, tier: Tier): Candidate | undefined {
  if (tier.variable === undefined) return undefined;
  const value = nonEmpty(sources.env[tier.variable]);
  if (value !== undefined && tier.accept !== undefined && !tier.accept(value)) return undefined;
  return { value, source: { kind: "variable", name: tier.variable } };
}

function fromProfile(sources: LoadedSources, tier: Tier): Candidate | undefined {
  if (tier.key === undefined) return undefined;
  const value = readKey(sources.profile, tier.key);
  if (typeof value === "string" && tier.accept !== undefined && !tier.accept(value)) {
    return undefined;
  }
  return {
    value,
    source: {
      kind: "profile",
      key: tier.key,
      profile: sources.profileName,
      file: sources.configFile.path,
    },
  };
}

function firstSet(candidates: readonly (Candidate | undefined)[]): Candidate | undefined {
  return candidates.find((candidate) => candidate?.value !== undefined);
}

/** A dotted key of the profile (`rsp.accessKey`, `baseUrl`); the schema fixed its shape. */
function readKey(profile: unknown, key: string): string | boolean | undefined {
  let node = profile;
  for (const part of key.split(".")) {
    node = typeof node === "object" && node !== null ? Reflect.get(node, part) : undefined;
  }
  return typeof node === "string" || typeof node === "boolean" ? node : undefined;
}

/** How a source is named in messages and `config show`. */
export function describeSource(source: SettingSource | undefined): string {
  if (source === undefined) return "not set";
  if (source.kind === "variable") return source.name;
  if (source.kind === "default") return "default";
  return `${source.key} in profile "${source.profile}" of ${source.file}`;
}
