import type { Invocation } from "../core/command-spec.ts";

// Options the journal keeps (input, configuration, layout, links, skipping) or that only start
// a run: --resume takes them from the journal, so the command leaves them out.
const fromTheJournal = new Set([
  "input",
  "format",
  "columns",
  "ignore-columns",
  "rename-columns",
  "config-name",
  "need-ac-link",
  "skip-invalid",
  "dry-run",
  "resume",
  "resubmit-unknown",
  "recover-lost-codes",
  "out",
  "json",
  "help",
  "version",
]);

/** The command that continues a run in `outDir`, with the options the journal does not keep. */
export function resumeCommand(invocation: Invocation, outDir: string): string {
  const words = ["simlessly", "ac", "generate-batch", "--out", shellQuote(outDir), "--resume"];
  for (const [name, value] of Object.entries(invocation.values)) {
    if (value === undefined || value === false || fromTheJournal.has(name)) continue;
    words.push(value === true ? `--${name}` : `--${name} ${shellQuote(value)}`);
  }
  return words.join(" ");
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
