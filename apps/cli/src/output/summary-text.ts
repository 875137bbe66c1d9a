import type { GenerateBatchSummary } from "../batch/generate-batch-types.ts";
import type { Style } from "../core/terminal.ts";

/**
 * The closing report of a generate-batch run: counts and where the files are. It never holds
 * an activation code (those are only in results.csv and the QR images).
 */
export function summaryText(summary: GenerateBatchSummary, style: Style): string {
  const lines: string[] = [];
  const { valid, invalid, records } = summary;
  const from = `${plural(records, "record")} from ${summary.input.name} (${summary.input.format})`;
  if (summary.outcome === "invalid-input") {
    lines.push(
      style.red(
        `${invalid} of ${plural(records, "record")} ${invalid === 1 ? "is" : "are"} invalid; nothing was sent.`,
      ),
      `Fix them, or pass --skip-invalid to send the ${valid} valid ones and list the others in rejected.csv.`,
    );
    return `${lines.join("\n")}\n`;
  }
  if (summary.outcome === "dry-run") {
    lines.push(
      `Dry run: ${from}: ${valid} valid, ${invalid} invalid.`,
      `Would send ${summary.chunks} batch${summary.chunks === 1 ? "" : "es"}; nothing was sent or written.`,
    );
    return `${lines.join("\n")}\n`;
  }
  const rows: [string, string][] = [
    ["records", `${from}: ${valid} valid${invalid > 0 ? `, ${invalid} invalid skipped` : ""}`],
    ["batches", String(summary.chunks)],
    ["succeeded", style.green(String(summary.succeeded))],
  ];
  if (summary.failed > 0)
    rows.push(["failed", `${style.red(String(summary.failed))} (reasons in results.csv)`]);
  if (summary.rejected > 0) {
    rows.push([
      "rejected",
      `${style.red(String(summary.rejected))} (batches refused by the platform; see results.csv)`,
    ]);
  }
  if (summary.unknown > 0) {
    const chunks =
      summary.unknownChunks.length > 0
        ? ` in chunk${summary.unknownChunks.length === 1 ? "" : "s"} ${listChunks(summary.unknownChunks)}`
        : "";
    rows.push([
      "unknown",
      `${style.yellow(String(summary.unknown))} outcome unknown${chunks}; run again with --resume --resubmit-unknown`,
    ]);
  }
  if (summary.lost > 0) {
    rows.push([
      "lost",
      `${style.yellow(String(summary.lost))} codes lost to an unanswered attempt (the profiles were made, their codes never reached us); run again with --resume --recover-lost-codes`,
    ]);
  }
  if (summary.pending > 0) {
    rows.push([
      "pending",
      `${style.yellow(String(summary.pending))} not finished (still processing, or not sent yet); run again with --resume`,
    ]);
  }
  const { files } = summary;
  if (files.results !== undefined) rows.push(["results", files.results]);
  if (files.qr !== undefined) {
    const inAll =
      summary.qrImagesInFolder === undefined ? "" : `, ${summary.qrImagesInFolder} in the folder`;
    rows.push(["QR codes", `${files.qr} (${summary.qrImages} written${inAll})`]);
  }
  if (files.rejected !== undefined) rows.push(["rejected", files.rejected]);
  if (files.journal !== undefined) rows.push(["journal", files.journal]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const title =
    summary.outcome === "interrupted"
      ? "Run interrupted"
      : summary.resumed
        ? "Resumed run finished"
        : "Run finished";
  lines.push(style.bold(title));
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(width)}  ${value}`);
  if (
    summary.resumeCommand !== undefined &&
    (summary.pending > 0 || summary.unknown > 0 || summary.lost > 0)
  ) {
    lines.push(`Continue with: ${summary.resumeCommand}`);
  }
  return `${lines.join("\n")}\n`;
}

function listChunks(chunks: readonly number[]): string {
  const shown = chunks.slice(0, 10).join(", ");
  return chunks.length > 10 ? `${shown} and ${chunks.length - 10} more` : shown;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
