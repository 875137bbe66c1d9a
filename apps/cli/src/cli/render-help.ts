import type { CommandGroup, HelpSection, OptionSpec } from "../core/command-spec.ts";
import { globalOptions } from "../core/global-options.ts";
import { environmentSection, exitCodesSection } from "../core/help-sections.ts";
import { commands, type RegisteredCommand } from "./commands.ts";

/** The help text of the whole program, a group, or one command. */
export function renderHelp(
  target: RegisteredCommand | CommandGroup | null,
  version: string,
): string {
  if (target === null) return renderTopHelp(version);
  if ("load" in target) return renderCommandHelp(target);
  return renderGroupHelp(target);
}

function renderTopHelp(version: string): string {
  return joinBlocks([
    `simlessly ${version}: the Simlessly eSIM platform from the command line`,
    "Usage: simlessly <command> [options]",
    block("Commands", commandList(commands)),
    block("Global options", optionList(globalOptions)),
    sectionBlock(exitCodesSection),
    sectionBlock(environmentSection),
    "Run `simlessly <command> --help` for a command's options.",
  ]);
}

function renderGroupHelp(group: CommandGroup): string {
  const members = commands.filter((command) =>
    group.path.every((word, index) => command.path[index] === word),
  );
  return joinBlocks([
    `Usage: simlessly ${group.path.join(" ")} <command> [options]`,
    group.summary,
    block("Commands", commandList(members)),
    block("Global options", optionList(globalOptions)),
  ]);
}

function renderCommandHelp(command: RegisteredCommand): string {
  const { version: _version, ...global } = globalOptions;
  const own =
    Object.keys(command.options).length > 0 ? [block("Options", optionList(command.options))] : [];
  return joinBlocks([
    `Usage: simlessly ${command.path.join(" ")} ${command.usage}`.trimEnd(),
    command.description,
    ...own,
    block("Global options", optionList(global)),
    ...(command.sections ?? []).map(sectionBlock),
  ]);
}

function commandList(list: readonly RegisteredCommand[]): string {
  const names = list.map((command) => command.path.join(" "));
  const width = Math.max(...names.map((name) => name.length));
  return list
    .map((command, index) => `${(names[index] as string).padEnd(width)}  ${command.summary}`)
    .join("\n");
}

function optionList(options: Readonly<Record<string, OptionSpec>>): string {
  const entries = Object.entries(options).map(([name, spec]) => {
    const long = spec.valueName === undefined ? `--${name}` : `--${name} ${spec.valueName}`;
    return { label: spec.short === undefined ? `    ${long}` : `-${spec.short}, ${long}`, spec };
  });
  const width = Math.max(...entries.map((entry) => entry.label.length));
  return entries
    .map(({ label, spec }) => {
      const [first, ...more] = spec.description.split("\n");
      const continuation = more.map((line) => `\n${" ".repeat(width + 2)}${line}`).join("");
      return `${label.padEnd(width)}  ${first}${continuation}`;
    })
    .join("\n");
}

function sectionBlock(section: HelpSection): string {
  return block(section.title, section.body);
}

function block(title: string, body: string): string {
  const indented = body
    .split("\n")
    .map((line) => (line === "" ? "" : `  ${line}`))
    .join("\n");
  return `${title}:\n${indented}`;
}

function joinBlocks(blocks: readonly string[]): string {
  return `${blocks.join("\n\n")}\n`;
}
