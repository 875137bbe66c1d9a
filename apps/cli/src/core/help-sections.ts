import type { HelpSection } from "./command-spec.ts";

// Help sections that several commands show, and the top-level help too.

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

/** Help section of examples. */
export function examples(body: string): HelpSection {
  return { title: "Examples", body };
}
