import type { InputFormat } from "./raw-record.ts";

/** The format a file name implies, or undefined when it implies none. */
export function formatFromName(name: string): InputFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
    return "jsonl";
  }
  return undefined;
}

/** Guesses the format from the first bytes: JSON lines start with `{`, anything else is CSV. */
export function sniffFormat(head: Uint8Array): InputFormat {
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, "");
  return text.trimStart().startsWith("{") ? "jsonl" : "csv";
}
