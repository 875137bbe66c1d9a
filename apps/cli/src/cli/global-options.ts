import type { HelpSection, OptionSpec } from "./command-spec.ts";

/** Options accepted by every command, before or after the command words. */
export const globalOptions = {
  profile: {
    type: "string",
    valueName: "NAME",
    description: "Profile of the config file to use (default: $SIMLESSLY_PROFILE or `default`)",
  },
  config: {
    type: "string",
    valueName: "FILE",
    description:
      "Config file (default: $SIMLESSLY_CONFIG, else $XDG_CONFIG_HOME/simlessly/config.json,\nelse ~/.config/simlessly/config.json)",
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
  help: { type: "boolean", short: "h", description: "Show help for the command" },
  version: { type: "boolean", short: "V", description: "Print the version of simlessly" },
} as const satisfies Record<string, OptionSpec>;

/** The names of the global options that take a value (the command finder skips their value). */
export const globalValueOptions: ReadonlySet<string> = new Set([
  "--profile",
  "--config",
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
  body: `Secrets are never taken as command-line flags. They come from the environment, which
wins over the config file:
  RSP   SIMLESSLY_BASE_URL, SIMLESSLY_ACCESS_KEY, SIMLESSLY_SECRET_KEY,
        SIMLESSLY_SIGNING_SCHEME (rsp, the default, or appendix)
  eIM   SIMLESSLY_EIM_BASE_URL, SIMLESSLY_EIM_ACCESS_KEY, SIMLESSLY_EIM_SECRET_KEY,
        SIMLESSLY_EIM_TOKEN
  CMP   SIMLESSLY_CMP_BASE_URL, SIMLESSLY_CMP_CLIENT_ID, SIMLESSLY_CMP_CLIENT_SECRET
or from a profile of the config file:
  { "profiles": { "default": { "rsp": { "baseUrl": "…", "accessKey": "…",
    "secretKey": "…", "scheme": "rsp" }, "eim": { … }, "cmp": { … } } } }
A config file that holds a secret must be readable by its owner only (chmod 600).
Plain http goes to this machine only (localhost, 127.0.0.0/8, [::1]) unless
SIMLESSLY_ALLOW_INSECURE_HTTP=1 (or allowInsecureHttp in the profile) says otherwise.
NO_COLOR (any value) turns colours off.`,
};
