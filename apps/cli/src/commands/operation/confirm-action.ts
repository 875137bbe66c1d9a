import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { CliError } from "../../core/cli-error.ts";
import type { Invocation } from "../../core/command-spec.ts";
import { ExitCode } from "../../core/exit-code.ts";
import type { CliContext } from "../command-module.ts";

/** What a command that destroys or irreversibly changes platform state asks about. */
export interface Confirmation {
  /** The action and its object, as the question starts: `Delete profile 8986…`. */
  readonly action: string;
  /** What follows the question mark (default: `This cannot be undone.`). */
  readonly warning?: string;
}

/**
 * Asks before `confirmation` is carried out on `baseUrl`, unless `--yes` was given; returns
 * when it may go ahead. It asks only a person: stdin and stderr must both be terminals, and
 * stdin must not be the source of `--input -`. Otherwise, and for any answer but y or yes
 * (EOF included), it throws exit 2 (nothing was sent). Without `confirmation` (a command that
 * asks only for some of its forms) it returns at once.
 */
export async function confirmAction(
  confirmation: Confirmation | undefined,
  baseUrl: string,
  invocation: Invocation,
  context: Pick<CliContext, "stdin" | "stderr">,
): Promise<void> {
  if (confirmation === undefined || invocation.values.yes === true) return;
  const target = `${confirmation.action} on ${shownAddress(baseUrl)}`;
  const readsStdin = Object.values(invocation.values).includes("-");
  if (!isTerminal(context.stdin) || context.stderr.isTTY !== true || readsStdin) {
    // A script must say so explicitly: a missing answer must never count as consent.
    const why = readsStdin ? "stdin holds the input" : "no terminal to ask on";
    throw new CliError(
      `${target} needs confirmation and there is ${why}: pass --yes (-y) to go ahead; nothing was sent`,
      ExitCode.invalidInput,
    );
  }
  const warning = confirmation.warning ?? "This cannot be undone.";
  context.stderr.write(`${target}? ${warning} [y/N] `);
  const answer = await readOneLine(context.stdin);
  // After Ctrl+D the cursor still stands after the question; the error goes on its own line.
  if (answer === undefined) context.stderr.write("\n");
  if (answer !== undefined && /^\s*(y|yes)\s*$/i.test(answer)) return;
  throw new CliError(
    `not confirmed: ${target} was not done; nothing was sent`,
    ExitCode.invalidInput,
  );
}

/** True when the stream is a terminal: process.stdin is a tty.ReadStream with `isTTY` then. */
function isTerminal(stream: Readable): boolean {
  return (stream as Readable & { readonly isTTY?: boolean }).isTTY === true;
}

/**
 * The base URL as the question shows it. User info, query and fragment are left out: they
 * could hold a credential, and the host and path are what tell one platform from another.
 */
function shownAddress(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/$/, "");
  } catch {
    return "the configured platform";
  }
}

/** The first line of `stdin`, or undefined at its end (Ctrl+D) or on a read error. */
function readOneLine(stdin: Readable): Promise<string | undefined> {
  return new Promise((resolve) => {
    // terminal: false leaves echo and line editing to the terminal's own line discipline.
    const lines = createInterface({ input: stdin, terminal: false, crlfDelay: Infinity });
    let answered = false;
    const finish = (line: string | undefined) => {
      if (answered) return;
      answered = true;
      stdin.off("error", onError);
      lines.close();
      resolve(line);
    };
    const onError = () => finish(undefined);
    stdin.once("error", onError);
    lines.once("line", (line) => finish(line));
    lines.once("close", () => finish(undefined));
  });
}
