import { isAbsolute, resolve } from "node:path";
import { ConfigError } from "../core/cli-error.ts";
import type { GlobalOptions } from "../core/command-spec.ts";
import { type ConfigProfile, defaultConfigPath, readConfigFile } from "./config-file.ts";
import { configNameHint, readsLikeConfigName } from "./config-name-hint.ts";

/** The environment, as the CLI was given it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What settings are resolved from: the environment, the folder and the global options. */
export interface Sources {
  readonly env: Env;
  readonly cwd: string;
  readonly global: GlobalOptions;
}

/** Who chose the config file or the profile: a flag, its variable, or nobody. */
export type ChosenBy = "flag" | "variable" | "default";

/** The environment and the selected profile, read once for every product. */
export interface LoadedSources {
  readonly env: Env;
  /** The config file looked at (absolute), whether it was there, and who named it. */
  readonly configFile: { readonly path: string; readonly exists: boolean; readonly by: ChosenBy };
  /** The profile name used, and who named it. */
  readonly profileName: string;
  readonly profileBy: ChosenBy;
  /** The profile's contents; undefined when there is no file or it lacks this profile. */
  readonly profile: ConfigProfile | undefined;
  /**
   * True when `--profile` or `--config` was given on the command line: the profile's values
   * then win over the environment, as an explicit choice beats an ambient one.
   * SIMLESSLY_PROFILE and SIMLESSLY_CONFIG are part of that environment, not a choice here.
   */
  readonly profileWins: boolean;
  /** Where values were looked for, for messages: "in the environment or profile …". */
  readonly describe: string;
}

/**
 * Reads the config file and picks the profile: `--config`, else $SIMLESSLY_CONFIG, else the
 * default path; `--profile`, else $SIMLESSLY_PROFILE, else `default`. Exit 3 when a file named
 * explicitly cannot be read or a profile asked for is not in it.
 */
export function loadSources(sources: Sources): LoadedSources {
  const { env, global, cwd } = sources;
  const fromVariable = nonEmpty(env.SIMLESSLY_CONFIG);
  const configBy: ChosenBy =
    global.config !== undefined ? "flag" : fromVariable !== undefined ? "variable" : "default";
  const named = global.config ?? fromVariable;
  const path = named ?? defaultConfigPath(env);
  const fullPath = isAbsolute(path) ? path : resolve(cwd, path);
  const requested = global.profile ?? nonEmpty(env.SIMLESSLY_PROFILE);
  const profileBy: ChosenBy =
    global.profile !== undefined ? "flag" : requested !== undefined ? "variable" : "default";
  const profileName = requested ?? "default";
  const profileWins = global.profile !== undefined || global.config !== undefined;
  if (global.config !== undefined && readsLikeConfigName(global.config, cwd)) {
    throw new ConfigError(`no config file ${fullPath}; ${configNameHint(global.config)}`);
  }
  const file = readConfigFile(path, named !== undefined, cwd);
  const base = { env, profileName, profileBy, profileWins };
  if (file === null) {
    if (requested !== undefined) {
      throw new ConfigError(
        `profile "${profileName}" was asked for, but there is no config file at ${fullPath}`,
      );
    }
    return {
      ...base,
      configFile: { path: fullPath, exists: false, by: configBy },
      profile: undefined,
      describe: `in the environment (no config file at ${fullPath})`,
    };
  }
  const profile = file.profiles[profileName];
  // A file named on the command line is a choice of its values; without its default profile
  // every value would silently come from the environment instead.
  if (profile === undefined && (requested !== undefined || global.config !== undefined)) {
    const known = Object.keys(file.profiles).join(", ") || "none";
    const choose = requested === undefined ? "; choose one with --profile" : "";
    throw new ConfigError(
      `config file ${fullPath} has no profile "${profileName}" (profiles: ${known})${choose}`,
    );
  }
  return {
    ...base,
    configFile: { path: fullPath, exists: true, by: configBy },
    profile,
    describe: profileWins
      ? `in profile "${profileName}" of ${fullPath} or the environment`
      : `in the environment or profile "${profileName}" of ${fullPath}`,
  };
}

/** The value, or undefined for an unset or empty variable (`VAR=` unsets in effect). */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
