import { ConfigError } from "../core/cli-error.ts";
import { cmpSettingsFrom, eimSettingsFrom, rspSettingsFrom } from "./product-settings.ts";
import { type Product, productValues, secretSettings } from "./product-values.ts";
import { secretFingerprint } from "./secret-fingerprint.ts";
import { describeSource, type SettingSource } from "./setting-choice.ts";
import {
  type ChosenBy,
  type LoadedSources,
  loadSources,
  type Sources,
} from "./settings-sources.ts";

/** One value as `config show` shows it: secrets only as fingerprints. */
export interface ShownSetting {
  /** The value; a secret's fingerprint (`sha256:…`); null when nothing sets it. */
  readonly value: string | boolean | null;
  /** True when `value` is a fingerprint of a secret, not the secret. */
  readonly fingerprint: boolean;
  /** Where it came from, in words: a variable, `… in profile "x" of FILE`, `default`. */
  readonly from: string;
  readonly source: SettingSource | null;
}

/** One product's resolved settings and whether it can be called with them. */
export interface ProductReport {
  /** True when nothing is missing and every value can be used. */
  readonly ready: boolean;
  /** Required values nobody set, e.g. `SIMLESSLY_ACCESS_KEY (or rsp.accessKey)`. */
  readonly missing: readonly string[];
  /** Why set values cannot be used (a bad URL, plain http elsewhere), never quoting a secret. */
  readonly problem: string | null;
  /** Variables set but overridden by the profile chosen on the command line. */
  readonly ignoredVariables: readonly string[];
  readonly settings: Readonly<Record<string, ShownSetting>>;
}

/** Everything `config show` prints; safe to print in full. */
export interface SettingsReport {
  readonly configFile: { readonly path: string; readonly exists: boolean; readonly by: string };
  readonly profile: { readonly name: string; readonly found: boolean; readonly by: string };
  /** True when --profile or --config made the profile win over the environment. */
  readonly profileWins: boolean;
  readonly products: Readonly<Partial<Record<Product, ProductReport>>>;
}

const chosenConfigBy: Record<ChosenBy, string> = {
  flag: "--config",
  variable: "SIMLESSLY_CONFIG",
  default: "default",
};
const chosenProfileBy: Record<ChosenBy, string> = {
  flag: "--profile",
  variable: "SIMLESSLY_PROFILE",
  default: "default",
};

/**
 * Resolves the settings of `products` as a command would, without failing for what is missing
 * or unusable, and without sending anything. A config file or profile that cannot be read
 * still fails (exit 3): there is nothing to show then.
 */
export function settingsReport(sources: Sources, products: readonly Product[]): SettingsReport {
  const loaded = loadSources(sources);
  return {
    configFile: { ...loaded.configFile, by: chosenConfigBy[loaded.configFile.by] },
    profile: {
      name: loaded.profileName,
      found: loaded.profile !== undefined,
      by: chosenProfileBy[loaded.profileBy],
    },
    profileWins: loaded.profileWins,
    products: Object.fromEntries(products.map((product) => [product, report(loaded, product)])),
  };
}

function report(loaded: LoadedSources, product: Product): ProductReport {
  const values = productValues(loaded, product);
  const problem = values.missing.length > 0 ? null : problemOf(loaded, product);
  const settings: Record<string, ShownSetting> = {};
  for (const [name, setting] of Object.entries(values.settings)) {
    const secret = secretSettings.has(name) && typeof setting.value === "string";
    const shown = name === "baseUrl" ? withoutUserInfo(setting.value) : setting.value;
    settings[name] = {
      value: secret ? secretFingerprint(setting.value as string) : (shown ?? null),
      fingerprint: secret,
      from: describeSource(setting.source),
      source: setting.source ?? null,
    };
  }
  return {
    ready: values.missing.length === 0 && problem === null,
    missing: values.missing,
    problem,
    ignoredVariables: values.ignoredVariables,
    settings,
  };
}

/** What the product's settings check refuses, as its message (which never holds a value). */
function problemOf(loaded: LoadedSources, product: Product): string | null {
  const check = { rsp: rspSettingsFrom, eim: eimSettingsFrom, cmp: cmpSettingsFrom }[product];
  try {
    check(loaded);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

/** A base URL with any `user:password@` hidden: a password may hide in a URL too. */
function withoutUserInfo(value: string | boolean | undefined): string | boolean | undefined {
  if (typeof value !== "string" || !URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.username === "" && url.password === "") return value;
  url.username = "hidden";
  url.password = "";
  return url.href;
}
