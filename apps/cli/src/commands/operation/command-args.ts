import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Clock, systemClock } from "../../batch/clock.ts";
import { InputError, UsageError } from "../../core/cli-error.ts";
import type { Invocation } from "../../core/command-spec.ts";
import { readTextInput } from "../../core/read-text-input.ts";
import type { CliContext } from "../command-module.ts";

/** The parsed command line of one operation command, with readers that name the flag at fault. */
export interface CommandArgs {
  readonly invocation: Invocation;
  readonly context: CliContext;
  readonly clock: Clock;
  /** The value of a string option, if given. */
  text(name: string): string | undefined;
  /** Whether a boolean option is given. */
  flag(name: string): boolean;
  /** An integer option within [min, max], if given. */
  integer(name: string, min: number, max: number): number | undefined;
  /** A string option that must be one of `choices`, if given. */
  choice<T extends string>(name: string, choices: readonly T[]): T | undefined;
  /** The positional argument at `index`, which must be there; `label` names it in the error. */
  positional(index: number, label: string): string;
  /** The whole text of the file (or stdin for `-`) named by a string option, if given. */
  readOptionFile(name: string): Promise<string | undefined>;
  /** The JSON document of `--input FILE|-`, if given. Parse errors never quote the text. */
  readJsonInput(): Promise<unknown>;
}

/** Readers over one invocation. */
export function commandArgs(invocation: Invocation, context: CliContext): CommandArgs {
  const text = (name: string) => {
    const value = invocation.values[name];
    return typeof value === "string" ? value : undefined;
  };
  const readOptionFile = async (name: string) => {
    const file = text(name);
    if (file === undefined) return undefined;
    if (file === "-") return readTextInput("-", context.stdin, context.cwd);
    try {
      return await readFile(resolve(context.cwd, file), "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      throw new InputError(`--${name} ${file} cannot be read: ${code}`);
    }
  };
  return {
    invocation,
    context,
    clock: context.clock ?? systemClock,
    text,
    flag: (name) => invocation.values[name] === true,
    integer(name, min, max) {
      const value = text(name);
      if (value === undefined) return undefined;
      const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(number) || number < min || number > max) {
        throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
      }
      return number;
    },
    choice(name, choices) {
      const value = text(name);
      if (value === undefined) return undefined;
      const found = choices.find((choice) => choice === value);
      if (found === undefined) {
        throw new UsageError(`--${name} must be one of ${choices.join(", ")}`);
      }
      return found;
    },
    positional(index, label) {
      const value = invocation.positionals[index];
      if (value === undefined || value === "") throw new UsageError(`missing ${label}; see --help`);
      return value;
    },
    readOptionFile,
    async readJsonInput() {
      const source = await readOptionFile("input");
      if (source === undefined) return undefined;
      try {
        return JSON.parse(source.replace(/^\uFEFF/, ""));
      } catch {
        // JSON.parse quotes the text around the error, and that text may be a Ki.
        throw new InputError("--input is not valid JSON; expected one JSON document");
      }
    },
  };
}
