import type { OptionSpec } from "./command-spec.ts";

/** Options accepted by every command, before or after the command words. */
export const globalOptions = {
  profile: {
    type: "string",
    valueName: "NAME",
    description:
      "Settings profile of the config file (default: $SIMLESSLY_PROFILE or `default`);\ngiven here, its values win over the environment. Not an eSIM profile.\nAlso --settings-profile",
  },
  config: {
    type: "string",
    valueName: "FILE",
    description:
      "Settings file of this CLI, not a platform configuration (that is --config-name).\nDefault: $SIMLESSLY_CONFIG, else $XDG_CONFIG_HOME/simlessly/config.json, else\n~/.config/simlessly/config.json; given here, its profile wins over the environment.\nAlso --config-file",
  },
  "log-level": {
    type: "string",
    valueName: "LEVEL",
    description:
      "Log the client's calls to stderr: debug, info, warn (default), error or silent.\ndebug shows every request and answer with secrets hidden ($SIMLESSLY_LOG_LEVEL)",
  },
  verbose: { type: "boolean", short: "v", description: "The same as --log-level debug" },
  json: {
    type: "boolean",
    description: "Print the result as one JSON document on stdout (progress stays on stderr)",
  },
  quiet: {
    type: "boolean",
    short: "q",
    description: "Do not print which platform the command talks to (errors are still printed)",
  },
  help: { type: "boolean", short: "h", description: "Show help for the command" },
  version: { type: "boolean", short: "V", description: "Print the version of simlessly" },
} as const satisfies Record<string, OptionSpec>;

/**
 * Other names of global options, read as the option they name. `--config` and `--profile`
 * look like `--config-name` and the `profile` commands; these say which settings they mean.
 */
export const globalOptionAliases: Readonly<Record<string, keyof typeof globalOptions>> = {
  "config-file": "config",
  "settings-profile": "profile",
};

/** The names of the global options that take a value (the command finder skips their value). */
export const globalValueOptions: ReadonlySet<string> = new Set([
  "--profile",
  "--settings-profile",
  "--config",
  "--config-file",
  "--log-level",
]);
