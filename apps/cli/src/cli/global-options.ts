import type { HelpSection, OptionSpec } from "./command-spec.ts";

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

/** The levels `--log-level` takes (the client's, listed here so `--help` loads no client). */
export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;

/** One of {@link logLevels}. */
export type CliLogLevel = (typeof logLevels)[number];

/** Help section: the documented exit codes. */
export const exitCodesSection: HelpSection = {
  title: "Exit codes",
  body: `0  all done
1  some records failed on the platform (see results.csv)
2  invalid input or usage; nothing was sent because of it
3  authentication or configuration (missing, unsafe or refused credentials)
4  the outcome of some records is unknown; run again with --resume`,
};

/** Help section: where credentials come from. Secrets are never taken as flags. */
export const environmentSection: HelpSection = {
  title: "Credentials and environment",
  body: `Secrets are never taken as command-line flags. They come from the environment:
  RSP   SIMLESSLY_BASE_URL, SIMLESSLY_ACCESS_KEY, SIMLESSLY_SECRET_KEY,
        SIMLESSLY_SIGNING_SCHEME (rsp, the default, or appendix)
  eIM   SIMLESSLY_EIM_BASE_URL, SIMLESSLY_EIM_ACCESS_KEY, SIMLESSLY_EIM_SECRET_KEY,
        SIMLESSLY_EIM_TOKEN
  CMP   SIMLESSLY_CMP_BASE_URL, SIMLESSLY_CMP_CLIENT_ID, SIMLESSLY_CMP_CLIENT_SECRET
or from a profile of the config file:
  { "profiles": { "default": { "baseUrl": "…", "rsp": { "baseUrl": "…",
    "accessKey": "…", "secretKey": "…", "scheme": "rsp" }, "eim": { … }, "cmp": { … } } } }
The environment wins over the profile, unless --profile or --config is given on the
command line: then the profile's values win and the environment fills in what it lacks
(SIMLESSLY_PROFILE and SIMLESSLY_CONFIG do not count as given).
Base URLs default to production. SIMLESSLY_BASE_URL (or a profile's baseUrl) also
serves eIM and CMP when their own base URL is not set, so one setting points all three
at a sandbox; a production host there is left to RSP.
\`simlessly config show\` prints what each product would use and where it came from.
A config file that holds a secret must be readable by its owner only (chmod 600).
Plain http goes to this machine only (localhost, 127.0.0.0/8, [::1]) unless
SIMLESSLY_ALLOW_INSECURE_HTTP=1 (or allowInsecureHttp in the profile) says otherwise.
NO_COLOR (any value) turns colours off.`,
};
