import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { batchOptions } from "../../test/batch-options.ts";
import { FakePlatform, fakeActivationCode, timeout } from "../../test/fake-platform.ts";
import { sampleRecords, toCsv, toJsonl } from "../../test/sample-records.ts";
import { tempDir, testIo } from "../../test/test-io.ts";
import { ConfigError } from "../core/cli-error.ts";
import {
  AuthenticationError,
  type BatchApi,
  BatchRejectedError,
  NotSentError,
} from "./batch-api.ts";
import type { GenerateBatchOptions } from "./generate-batch-types.ts";
import { runGenerateBatch } from "./run-generate-batch.ts";
import { summaryExitCode } from "./summary-exit-code.ts";

function options(overrides: Partial<GenerateBatchOptions> = {}): GenerateBatchOptions {
  return batchOptions({ ...overrides });
}

function resultsOf(dir: string): string[][] {
  return readFileSync(join(dir, "out", "results.csv"), "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => line.split(","));
}

function journalOf(dir: string): Record<string, unknown>[] {
  return readFileSync(join(dir, "out", "journal.jsonl"), "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("runGenerateBatch", () => {
  it("sends valid records in chunks, polls them and writes every ICCID once to results.csv", async () => {
    const dir = tempDir();
    const records = sampleRecords(10);
    writeFileSync(join(dir, "in.csv"), toCsv(records));
    const platform = new FakePlatform({ pollsUntilComplete: 2 });
    const summary = await runGenerateBatch(options(), async () => platform, testIo(dir));
    expect(summary).toMatchObject({
      outcome: "finished",
      records: 10,
      valid: 10,
      chunks: 3,
      succeeded: 10,
      failed: 0,
    });
    expect(platform.state.sent).toEqual(records.map((record) => record.iccid));
    const rows = resultsOf(dir);
    expect(rows[0]).toEqual(["iccid", "status", "activationCode", "acLink", "errorReason", "line"]);
    expect(
      rows
        .slice(1)
        .map((row) => row[0])
        .sort(),
    ).toEqual(records.map((record) => record.iccid));
    expect(rows[1]?.[2]).toBe(fakeActivationCode(rows[1]?.[0] as string));
    const events = journalOf(dir).map((event) => event.event);
    expect(events.filter((event) => event === "submitting")).toHaveLength(3);
    expect(events.filter((event) => event === "completed")).toHaveLength(3);
    expect(events.at(-1)).toBe("finished");
  });

  it("creates results.csv and QR images readable by their owner only", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(3)));
    const summary = await runGenerateBatch(
      options({ qr: "svg" }),
      async () => new FakePlatform(),
      testIo(dir),
    );
    expect(statSync(join(dir, "out", "results.csv")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "out", "journal.jsonl")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "out", "qr")).mode & 0o777).toBe(0o700);
    const images = readdirSync(join(dir, "out", "qr"));
    expect(images.sort()).toEqual(sampleRecords(3).map((record) => `${record.iccid}.svg`));
    for (const image of images)
      expect(statSync(join(dir, "out", "qr", image)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "out", "qr", images[0] as string), "utf8")).toContain("<svg");
    expect(summary.qrImages).toBe(3);
  });

  it("writes PNG images of LPA:-prefixed activation codes", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(1)));
    await runGenerateBatch(options({ qr: "png" }), async () => new FakePlatform(), testIo(dir));
    const png = readFileSync(join(dir, "out", "qr", `${sampleRecords(1)[0]?.iccid}.png`));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });

  it("sends nothing and reports every invalid record when any is invalid", async () => {
    const dir = tempDir();
    const records = sampleRecords(5);
    const secretKi = "FEEDFACE";
    (records[1] as Record<string, string>).ki = secretKi;
    (records[3] as Record<string, string>).iccid = records[0]?.iccid as string;
    writeFileSync(join(dir, "in.csv"), toCsv(records));
    let connected = false;
    const io = testIo(dir);
    const summary = await runGenerateBatch(
      options(),
      async () => {
        connected = true;
        return new FakePlatform();
      },
      io,
    );
    expect(connected).toBe(false);
    expect(summary).toMatchObject({ outcome: "invalid-input", valid: 2, invalid: 3 });
    expect(io.stderr.text).toContain(
      "invalid: iccid (line 2): 89860468000000000001 occurs 2 times in the input (also on line 5)",
    );
    expect(io.stderr.text).toContain("invalid: ki (line 3): must be 32 hexadecimal characters");
    expect(io.stderr.text).not.toContain(secretKi);
    expect(JSON.stringify(summary)).not.toContain(secretKi);
    expect(existsSync(join(dir, "out", "journal.jsonl"))).toBe(false);
  });

  it("with --skip-invalid sends the valid records and lists the others in rejected.csv", async () => {
    const dir = tempDir();
    const records = sampleRecords(5);
    (records[2] as Record<string, string>).ki = "FEEDFACE";
    writeFileSync(join(dir, "in.csv"), toCsv(records));
    const platform = new FakePlatform();
    const summary = await runGenerateBatch(
      options({ skipInvalid: true }),
      async () => platform,
      testIo(dir),
    );
    expect(summary).toMatchObject({ outcome: "finished", valid: 4, invalid: 1, succeeded: 4 });
    expect(platform.state.sent).not.toContain(records[2]?.iccid);
    const rejected = readFileSync(join(dir, "out", "rejected.csv"), "utf8");
    expect(rejected).toBe(
      `line,iccid,field,reason\n4,${records[2]?.iccid},ki,must be 32 hexadecimal characters\n`,
    );
    expect(statSync(join(dir, "out", "rejected.csv")).mode & 0o777).toBe(0o600);
  });

  it("reads JSON lines from stdin", async () => {
    const dir = tempDir();
    const records = sampleRecords(3);
    const platform = new FakePlatform();
    const summary = await runGenerateBatch(
      options({ input: "-" }),
      async () => platform,
      testIo(dir, toJsonl(records)),
    );
    expect(summary).toMatchObject({ input: { name: "stdin", format: "jsonl" }, succeeded: 3 });
    expect(journalOf(dir)[0]).toMatchObject({ input: { path: "(stdin)", format: "jsonl" } });
  });

  it("plans a dry run without writing, saying the configuration is not checked without credentials", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(9)));
    const io = testIo(dir);
    const summary = await runGenerateBatch(
      options({ dryRun: true, outDir: undefined }),
      async () => {
        throw new ConfigError("missing RSP credentials");
      },
      io,
    );
    expect(summary).toMatchObject({ outcome: "dry-run", valid: 9, chunks: 3 });
    expect(io.stderr.text).toContain("no credentials: --config-name is not checked");
    expect(readdirSync(dir)).toEqual(["in.csv"]);
  });

  it("refuses a configuration the account does not have before sending, in a dry run too", async () => {
    for (const dryRun of [true, false]) {
      const dir = tempDir();
      writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(3)));
      const platform = new FakePlatform();
      const asked: string[] = [];
      const api: BatchApi = {
        submitBatch: (input) => platform.submitBatch(input),
        getBatchInfo: (input) => platform.getBatchInfo(input),
        hasConfig: async (name) => {
          asked.push(name);
          return name === "templateRegular01";
        },
      };
      const run = (configName: string) =>
        runGenerateBatch(
          options({ dryRun, configName, outDir: `out-${configName}` }),
          async () => api,
          testIo(dir),
        );
      await expect(run("templateTypo")).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringContaining(
          "--config-name templateTypo: the account has no profile configuration",
        ),
      });
      expect(platform.state.submissions).toBe(0);
      await expect(run("templateRegular01")).resolves.toMatchObject({
        outcome: dryRun ? "dry-run" : "finished",
      });
      expect(asked).toEqual(["templateTypo", "templateRegular01"]);
    }
  });

  it("records a submission with an unknown outcome and goes on with the others", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(12)));
    const platform = new FakePlatform({ beforeSubmit: (n) => (n === 2 ? timeout() : undefined) });
    const summary = await runGenerateBatch(
      options({ concurrency: 1 }),
      async () => platform,
      testIo(dir),
    );
    expect(summary).toMatchObject({ succeeded: 8, unknown: 4, unknownChunks: [1] });
    expect(journalOf(dir).find((event) => event.event === "unknown")).toMatchObject({ chunk: 1 });
    expect(resultsOf(dir)).toHaveLength(9);
  });

  it("holds back lost codes, then recovers them: remakes the untouched profiles, reports the others", async () => {
    const dir = tempDir();
    const records = sampleRecords(12);
    writeFileSync(join(dir, "in.csv"), toCsv(records));
    // The platform takes chunk 1 (records 5-8), but its answer is lost.
    const platform = new FakePlatform({ afterSubmit: (n) => (n === 2 ? timeout() : undefined) });
    const first = await runGenerateBatch(
      options({ concurrency: 1 }),
      async () => platform,
      testIo(dir),
    );
    expect(first).toMatchObject({ succeeded: 8, unknown: 4, lost: 0 });

    // Sent again, they come back "already exists": lost, no row, exit 4.
    const resent = await runGenerateBatch(
      options({ concurrency: 1, resume: true, resubmitUnknown: true }),
      async () => platform,
      testIo(dir),
    );
    expect(resent).toMatchObject({ succeeded: 8, failed: 0, unknown: 0, lost: 4, pending: 0 });
    expect(summaryExitCode(resent)).toBe(4);
    expect(resultsOf(dir)).toHaveLength(9);
    expect(
      journalOf(dir).find((event) => event.event === "completed" && event.chunk === 1),
    ).toMatchObject({
      lost: records.slice(4, 8).map((record) => record.iccid),
    });

    // Someone ordered one of them meanwhile: it is left alone and reported.
    const ordered = records[5]?.iccid as string;
    platform.state.statuses = { [ordered]: "Released" };
    const io = testIo(dir);
    const recovered = await runGenerateBatch(
      options({ concurrency: 1, resume: true, recoverLostCodes: true }),
      async () => platform,
      io,
    );
    expect(io.stderr.text).toContain("resuming: 8 of 12 records settled, 4 lost codes");
    expect(recovered).toMatchObject({ succeeded: 11, failed: 1, lost: 0, pending: 0 });
    expect(summaryExitCode(recovered)).toBe(1);
    expect(platform.state.deleted?.sort()).toEqual(
      [records[4], records[6], records[7]].map((record) => record?.iccid).sort(),
    );
    const rows = new Map(resultsOf(dir).map((row) => [row[0], row]));
    expect(rows.size).toBe(13);
    for (const record of records) {
      const row = rows.get(record.iccid);
      if (record.iccid === ordered) {
        expect(row?.slice(0, 3)).toEqual([ordered, "failed", ""]);
        expect(row?.join(",")).toContain("it is Released");
      } else {
        expect(row?.[2]).toBe(platform.state.profiles[record.iccid]);
      }
    }
    // The remade ones carry new codes, not the lost ones.
    expect(rows.get(records[4]?.iccid as string)?.[2]).not.toBe(
      fakeActivationCode(records[4]?.iccid as string),
    );
    // A finished run has nothing left to recover.
    const again = await runGenerateBatch(
      options({ concurrency: 1, resume: true, recoverLostCodes: true }),
      async () => platform,
      testIo(dir),
    );
    expect(again).toMatchObject({ succeeded: 11, failed: 1, lost: 0 });
    expect(resultsOf(dir)).toHaveLength(13);
  });

  it("refuses --recover-lost-codes without --resume", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(2)));
    await expect(
      runGenerateBatch(
        options({ recoverLostCodes: true }),
        async () => new FakePlatform(),
        testIo(dir),
      ),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: "--recover-lost-codes only applies with --resume",
    });
  });

  it("stops at a refusal of the first batch, releasing it, and sends nothing more", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(12)));
    const platform = new FakePlatform({
      beforeSubmit: (n) => {
        if (n === 1) throw new BatchRejectedError("config not found", { code: "10001" });
      },
    });
    await expect(
      runGenerateBatch(options({ concurrency: 1 }), async () => platform, testIo(dir)),
    ).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringContaining("the platform refused the first batch (config not found)"),
    });
    expect(platform.state.submissions).toBe(1);
    expect(journalOf(dir).map((event) => event.event)).toEqual(["start", "submitting", "released"]);
  });

  it("writes a refused batch's records as rejected and goes on", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(8)));
    const platform = new FakePlatform({
      beforeSubmit: (n) => {
        if (n === 2) throw new BatchRejectedError("=config not found", { code: "10001" });
      },
    });
    const summary = await runGenerateBatch(
      options({ concurrency: 1 }),
      async () => platform,
      testIo(dir),
    );
    expect(summary).toMatchObject({ succeeded: 4, rejected: 4 });
    const rejectedRows = resultsOf(dir).filter((row) => row[1] === "rejected");
    expect(rejectedRows).toHaveLength(4);
    expect(rejectedRows[0]?.[4]).toBe("'=config not found");
  });

  it("stops at refused credentials, releasing the chunk so --resume sends it", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(12)));
    const refusing: BatchApi = {
      submitBatch: async () => {
        throw new AuthenticationError("signature refused");
      },
      getBatchInfo: async () => ({ status: "COMPLETE", results: [] }),
    };
    await expect(
      runGenerateBatch(options({ concurrency: 1 }), async () => refusing, testIo(dir)),
    ).rejects.toMatchObject({
      exitCode: 3,
    });
    expect(journalOf(dir).map((event) => event.event)).toEqual(["start", "submitting", "released"]);
    const platform = new FakePlatform();
    const summary = await runGenerateBatch(
      options({ resume: true }),
      async () => platform,
      testIo(dir),
    );
    expect(summary).toMatchObject({ succeeded: 12, unknown: 0 });
    expect(platform.state.sent).toHaveLength(12);
  });

  it("stops when the platform cannot be reached, releasing the chunk, and exits 4", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(12)));
    const platform = new FakePlatform({
      beforeSubmit: (n) => {
        if (n === 2) throw new NotSentError("connection refused");
      },
    });
    await expect(
      runGenerateBatch(options({ concurrency: 1 }), async () => platform, testIo(dir)),
    ).rejects.toMatchObject({
      exitCode: 4,
      message: expect.stringContaining("connection refused"),
    });
    // Chunk 0 was taken and stays submitted (its polling stopped too); chunk 1 is released.
    expect(journalOf(dir).map((event) => [event.event, event.chunk])).toEqual([
      ["start", undefined],
      ["submitting", 0],
      ["submitted", 0],
      ["submitting", 1],
      ["released", 1],
    ]);
    const later = new FakePlatform();
    Object.assign(later.state, platform.state, { sent: [] });
    const summary = await runGenerateBatch(
      options({ resume: true }),
      async () => later,
      testIo(dir),
    );
    expect(summary).toMatchObject({ succeeded: 12, unknown: 0 });
    expect(later.state.sent).toHaveLength(8);
  });

  it("reports records missing from a complete batch as unknown", async () => {
    const dir = tempDir();
    const records = sampleRecords(4);
    writeFileSync(join(dir, "in.csv"), toCsv(records));
    const platform = new FakePlatform({ missingIccids: new Set([records[1]?.iccid as string]) });
    const summary = await runGenerateBatch(options(), async () => platform, testIo(dir));
    expect(summary).toMatchObject({ succeeded: 3, unknown: 1 });
    expect(resultsOf(dir).find((row) => row[0] === records[1]?.iccid)?.[1]).toBe("unknown");
  });

  it("escapes failed records' reasons and keeps them in results.csv", async () => {
    const dir = tempDir();
    const records = sampleRecords(2);
    writeFileSync(join(dir, "in.csv"), toCsv(records));
    const platform = new FakePlatform({ failingIccids: new Set([records[0]?.iccid as string]) });
    const summary = await runGenerateBatch(options(), async () => platform, testIo(dir));
    expect(summary).toMatchObject({ succeeded: 1, failed: 1 });
    const text = readFileSync(join(dir, "out", "results.csv"), "utf8");
    expect(text).toContain(
      `${records[0]?.iccid},failed,,,"'=HYPERLINK(""x"") refused by the fake"`,
    );
  });

  it("gives up polling at the timeout and leaves the batch to --resume", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(4)));
    const platform = new FakePlatform({ pollsUntilComplete: 1000 });
    const summary = await runGenerateBatch(
      options({ pollTimeoutMs: 120_000 }),
      async () => platform,
      testIo(dir),
    );
    expect(summary).toMatchObject({ succeeded: 0, pending: 4 });
    const later = new FakePlatform({ pollsUntilComplete: 0 });
    Object.assign(later.state, platform.state);
    const resumed = await runGenerateBatch(
      options({ resume: true }),
      async () => later,
      testIo(dir),
    );
    expect(resumed).toMatchObject({ succeeded: 4, pending: 0 });
    expect(later.state.sent).toHaveLength(4);
  });

  it("keeps within the concurrency and rate limits", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(40)));
    let active = 0;
    let peak = 0;
    const io = testIo(dir);
    const requests: number[] = [];
    const request = async () => {
      active += 1;
      peak = Math.max(peak, active);
      requests.push(io.clock.now());
      await new Promise((resolve) => setTimeout(resolve, 2));
      active -= 1;
    };
    const platform = new FakePlatform({ beforeSubmit: request, beforeInfo: request });
    await runGenerateBatch(
      options({ concurrency: 2, ratePerSecond: 4, pollTimeoutMs: 3_600_000 }),
      async () => platform,
      io,
    );
    expect(peak).toBe(2);
    expect(platform.state.sent).toHaveLength(40);
    // 10 submissions and at least 20 polls, at most 4 at once and then one per 250 ms.
    expect(requests.length).toBeGreaterThanOrEqual(30);
    const first = requests[0] as number;
    requests.forEach((time, index) => {
      expect(time - first).toBeGreaterThanOrEqual(Math.max(0, index - 3) * 250);
    });
  });

  it("refuses to start over an existing run", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(2)));
    await runGenerateBatch(options(), async () => new FakePlatform(), testIo(dir));
    await expect(
      runGenerateBatch(options(), async () => new FakePlatform(), testIo(dir)),
    ).rejects.toThrow(/already holds a run.*--resume/);
  });

  it("refuses to resume with another input", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(2)));
    await runGenerateBatch(options(), async () => new FakePlatform(), testIo(dir));
    writeFileSync(join(dir, "other.csv"), toCsv(sampleRecords(2, 5)));
    await expect(
      runGenerateBatch(
        options({ input: "other.csv", resume: true }),
        async () => new FakePlatform(),
        testIo(dir),
      ),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/not the input of the run being resumed/),
    });
  });

  it("refuses to resume from stdin", async () => {
    const dir = tempDir();
    await expect(
      runGenerateBatch(
        options({ input: "-", resume: true }),
        async () => new FakePlatform(),
        testIo(dir),
      ),
    ).rejects.toThrow(/stdin cannot be resumed/);
  });

  it("describes the whole run when a finished run is resumed: nothing to do, every image there", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(10)));
    const platform = new FakePlatform();
    await runGenerateBatch(options({ qr: "svg" }), async () => platform, testIo(dir));
    const io = testIo(dir);
    const again = await runGenerateBatch(
      options({ qr: "svg", resume: true }),
      async () => platform,
      io,
    );
    expect(again).toMatchObject({
      outcome: "finished",
      succeeded: 10,
      pending: 0,
      qrImages: 0,
      qrImagesInFolder: 10,
    });
    expect(io.stderr.text).toContain(
      "resuming: all 10 records were settled by earlier runs; nothing to send or poll",
    );
    expect(io.stderr.text).not.toMatch(/progress: \d+\/10 done \((?!100%)/);
    expect(platform.state.submissions).toBe(3);
  });
});
