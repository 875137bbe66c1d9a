import type { HelpSection, OptionSpec } from "../../core/command-spec.ts";

// Help pieces shared by the commands that run one platform operation each.

/** Help section: exit codes of a single operation. */
export const operationExitCodes: HelpSection = {
  title: "Exit codes",
  body: `0  done
1  the platform refused the call or some of its items (its code and message are shown)
2  invalid input or usage; nothing was sent
3  authentication or configuration: missing or refused credentials
4  outcome unknown: no answer (check before repeating) or a batch still processing`,
};

/** Help section: exit codes of a single operation that asks before it is carried out. */
export const confirmedOperationExitCodes: HelpSection = {
  title: "Exit codes",
  body: `0  done
1  the platform refused the call (its code and message are shown)
2  invalid input or usage, or not confirmed (see Confirmation); nothing was sent
3  authentication or configuration: missing or refused credentials
4  outcome unknown: no answer (check before repeating)`,
};

/** `--yes` of the commands that destroy or irreversibly change something on the platform. */
export const yesOption: OptionSpec = {
  type: "boolean",
  short: "y",
  description: "Go ahead without asking (needed when there is no terminal to ask on)",
};

/** Help section of the commands with {@link yesOption}: when they ask, and what a no does. */
export const confirmationSection: HelpSection = {
  title: "Confirmation",
  body: `Without --yes the command names the action, its object and the platform's address on
stderr and asks; anything but y or yes sends nothing and exits 2. Without a terminal to
ask on (stdin or stderr is not one, or stdin holds --input -) it sends nothing and exits 2
at once: scripts pass --yes.`,
};

/** `--input FILE|-`: the request body as JSON; the only way secrets get in. */
export function inputOption(what: string): OptionSpec {
  return { type: "string", valueName: "FILE|-", description: `${what} (JSON; \`-\` for stdin)` };
}

/** `--out FILE` for an answer that holds a secret. */
export const secretOutOption: OptionSpec = {
  type: "string",
  valueName: "FILE",
  description: "New file (created 0600, never overwritten) for the answer with its secrets",
};

/** `--eid EID` (not secret). */
export const eidOption: OptionSpec = {
  type: "string",
  valueName: "EID",
  description: "EID (32 digits)",
};

/** `--wait` and `--timeout` of the batch queries. */
export const waitOptions: Readonly<Record<string, OptionSpec>> = {
  wait: { type: "boolean", description: "Poll (1 s doubling to 30 s) until the batch is finished" },
  timeout: {
    type: "string",
    valueName: "SECONDS",
    description: "With --wait: give up after this long, exit 4 (default 3600)",
  },
};

/** `--page` and `--page-size` of the paged lists. */
export const pageOptions: Readonly<Record<string, OptionSpec>> = {
  page: { type: "string", valueName: "N", description: "Only this page (default: every page)" },
  "page-size": {
    type: "string",
    valueName: "N",
    description: "Items per page, 1-1000 (default 100)",
  },
};
