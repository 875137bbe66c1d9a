import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/test-io.ts";
import { csvRow } from "./csv-cell.ts";
import { type ResultRow, ResultsWriter, resultsHeader } from "./results-writer.ts";

describe("ResultsWriter", () => {
  it("creates results.csv with mode 0600 even under a permissive umask", () => {
    const path = join(tempDir(), "results.csv");
    const previous = process.umask(0);
    try {
      ResultsWriter.create(path).close();
    } finally {
      process.umask(previous);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).toBe(resultsHeader);
  });

  it("returns the length after each append and cuts rows beyond a length on reopen", () => {
    const path = join(tempDir(), "results.csv");
    const writer = ResultsWriter.create(path);
    const first = writer.append([{ iccid: "1", status: "success", activationCode: "1$a$b" }]);
    writer.append([{ iccid: "2", status: "failed", errorReason: "-bad, really", line: 7 }]);
    writer.close();
    expect(readFileSync(path, "utf8")).toBe(
      `${resultsHeader}1,success,1$a$b,,,\n2,failed,,,"'-bad, really",7\n`,
    );
    const reopened = ResultsWriter.reopen(path, first);
    reopened.append([{ iccid: "3", status: "unknown", line: 12 }]);
    reopened.close();
    expect(readFileSync(path, "utf8")).toBe(
      `${resultsHeader}1,success,1$a$b,,,\n3,unknown,,,,12\n`,
    );
  });

  it("writes each row as csvRow writes its cells", () => {
    const tricky = ["", "89860468152080349618", "1$a$b", "=1+1", "+x", "-x", "@x", "\tx", "\rx"];
    tricky.push('say "hi"', "a,b", "a\nb", "a\rb", " x", "x ", "é", "https://q.example/a?b=c");
    const rows: ResultRow[] = tricky.map((value, index) => ({
      iccid: value,
      status: "failed",
      activationCode: value,
      acLink: value,
      errorReason: value,
      line: index - 1,
    }));
    const path = join(tempDir(), "results.csv");
    const writer = ResultsWriter.create(path);
    writer.append(rows);
    writer.close();
    const expected = rows.map((row) =>
      csvRow([
        row.iccid,
        row.status,
        row.activationCode ?? "",
        row.acLink ?? "",
        row.errorReason ?? "",
        String(row.line),
      ]),
    );
    expect(readFileSync(path, "utf8")).toBe(resultsHeader + expected.join(""));
  });

  it("keeps only the header when no chunk was settled", () => {
    const path = join(tempDir(), "results.csv");
    const writer = ResultsWriter.create(path);
    writer.append([{ iccid: "1", status: "success" }]);
    writer.close();
    ResultsWriter.reopen(path, undefined).close();
    expect(readFileSync(path, "utf8")).toBe(resultsHeader);
  });
});
