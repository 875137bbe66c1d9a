import { parseArgs } from "node:util";
import { UsageError } from "../core/cli-error.ts";
import type { CommandGroup, GlobalOptions, Invocation, OptionSpec } from "../core/command-spec.ts";
import { globalOptionAliases, globalOptions, globalValueOptions } from "../core/global-options.ts";
import { type CliLogLevel, parseLogLevel } from "../core/log-level.ts";
import { commandGroups, commands, type RegisteredCommand } from "./commands.ts";

/** What the command line asks for. */
export type ParsedCommandLine =
  | { readonly kind: "help"; readonly target: RegisteredCommand | CommandGroup | null }
  | { readonly kind: "version" }
  | { readonly kind: "run"; readonly command: RegisteredCommand; readonly invocation: Invocation };

/**
 * Finds the command named by the leading words of `args` and parses its options.
 * Errors name options, never their values: a mistyped flag may carry a secret.
 */
export async function parseCommandLine(args: readonly string[]): Promise<ParsedCommandLine> {
  const { path, rest } = splitCommandWords(args);
  const command = commands.find((candidate) => samePath(candidate.path, path));
  const group = commandGroups.find((candidate) => samePath(candidate.path, path));
  const options: Record<string, OptionSpec> = { ...globalOptions, ...(command?.options ?? {}) };
  const aliases = Object.fromEntries(
    Object.entries(globalOptionAliases).map(([alias, name]) => [alias, globalOptions[name]]),
  );
  const { tokens } = parseArgs({
    args: [...rest],
    options: toParseArgsOptions({ ...aliases, ...options }),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    // An alias is stored under the option it names, so giving both is "more than once".
    const name = globalOptionAliases[token.name] ?? token.name;
    const spec = options[name];
    if (spec === undefined) throw await unknownOption(token.rawName, command);
    if (spec.type === "boolean") {
      if (token.value !== undefined) {
        throw new UsageError(`${token.rawName} takes no value`);
      }
      values[name] = true;
      continue;
    }
    // A value that looks like another option is almost always a forgotten value; `-` is stdin.
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith("-") && value !== "-")) {
      throw new UsageError(`${token.rawName} needs a value (${spec.valueName ?? "VALUE"})`);
    }
    if (values[name] !== undefined) {
      throw new UsageError(`${token.rawName} is given more than once`);
    }
    values[name] = value;
  }
  if (values.help === true) return { kind: "help", target: command ?? group ?? null };
  if (values.version === true) return { kind: "version" };
  if (command === undefined) {
    if (group !== undefined) {
      throw new UsageError(`\`simlessly ${path.join(" ")}\` needs a subcommand; see --help`);
    }
    if (path.length === 0 && positionals.length === 0) return { kind: "help", target: null };
    const word = [...path, ...positionals][0];
    throw new UsageError(`unknown command "${word}"; run \`simlessly --help\` for the list`);
  }
  if (positionals.length > command.maxPositionals) {
    throw new UsageError(
      `\`simlessly ${command.path.join(" ")}\` takes ${
        command.maxPositionals === 0 ? "no" : `at most ${command.maxPositionals}`
      } positional argument${command.maxPositionals === 1 ? "" : "s"}; see --help`,
    );
  }
  const global: GlobalOptions = {
    json: values.json === true,
    quiet: values.quiet === true,
    profile: typeof values.profile === "string" ? values.profile : undefined,
    config: typeof values.config === "string" ? values.config : undefined,
    logLevel: logLevelOf(values),
  };
  return { kind: "run", command, invocation: { values, positionals, global } };
}

function logLevelOf(values: Record<string, string | boolean | undefined>): CliLogLevel | undefined {
  const given = values["log-level"];
  if (typeof given === "string") {
    if (values.verbose === true) throw new UsageError("give either --verbose or --log-level");
    return parseLogLevel(given, "--log-level");
  }
  return values.verbose === true ? "debug" : undefined;
}

/** Separates the command words (e.g. `ac generate-batch`) from the options around them. */
function splitCommandWords(args: readonly string[]): { path: string[]; rest: string[] } {
  const path: string[] = [];
  const rest: string[] = [];
  let afterCommand = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === "--") {
      rest.push(...args.slice(index));
      break;
    }
    if (arg.startsWith("-") && arg !== "-") {
      rest.push(arg);
      if (globalValueOptions.has(arg) && index + 1 < args.length) {
        rest.push(args[index + 1] as string);
        index += 1;
      }
      continue;
    }
    const candidate = [...path, arg];
    const known = [...commands, ...commandGroups].some((entry) =>
      startsWith(entry.path, candidate),
    );
    if (!afterCommand && known) {
      path.push(arg);
      // A command may also lead to longer ones (`sandbox`, `sandbox trigger`): the next word
      // may still name one, and is a positional only if it does not.
      const longer = commands.some(
        (entry) => entry.path.length > path.length && startsWith(entry.path, path),
      );
      if (!longer && commands.some((entry) => samePath(entry.path, path))) afterCommand = true;
      continue;
    }
    afterCommand = true;
    rest.push(arg);
  }
  return { path, rest };
}

function toParseArgsOptions(options: Record<string, OptionSpec>) {
  const result: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const [name, spec] of Object.entries(options)) {
    result[name] =
      spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  return result;
}

async function unknownOption(
  rawName: string,
  command: RegisteredCommand | undefined,
): Promise<UsageError> {
  const where = command === undefined ? "simlessly" : `simlessly ${command.path.join(" ")}`;
  const { secretOptionKind } = await import("./secret-option-names.ts");
  const kind = secretOptionKind(rawName);
  if (kind !== undefined) {
    const source =
      kind === "credential"
        ? "set them in the environment or a config profile"
        : "SIM data is read from --input";
    return new UsageError(
      `unknown option ${rawName}: secrets are never taken as flags; ${source} (see \`${where} --help\`)`,
    );
  }
  return new UsageError(`unknown option ${rawName}; see \`${where} --help\``);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index]);
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((word, index) => word === path[index]);
}
