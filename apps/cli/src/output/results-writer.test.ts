import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/test-io.ts";
import { ResultsWriter, resultsHeader } from "./results-writer.ts";

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

  it("keeps only the header when no chunk was settled", () => {
    const path = join(tempDir(), "results.csv");
    const writer = ResultsWriter.create(path);
    writer.append([{ iccid: "1", status: "success" }]);
    writer.close();
    ResultsWriter.reopen(path, undefined).close();
    expect(readFileSync(path, "utf8")).toBe(resultsHeader);
  });
});
