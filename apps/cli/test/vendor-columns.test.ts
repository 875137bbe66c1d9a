import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { SubmitBatchInput } from "../src/batch/batch-api.ts";
import type { CliContext } from "../src/commands/command-module.ts";
import { runCli } from "../src/main.ts";
import { FakePlatform } from "./fake-platform.ts";
import { sampleRecord, sampleRecords } from "./sample-records.ts";
import { filesUnder, leakedSecrets } from "./secret-detector.ts";
import { instantClock, MemorySink, tempDir } from "./test-io.ts";

// Vendor files with an extra column (ACC, whose values read like Kis) and a field under
// another name (KI_ENC for ki), through `simlessly ac generate-batch` as a user types it:
// --ignore-columns drops ACC, --rename-columns reads KI_ENC as ki, --resume reads the input
// as the first run did, and no ACC value reaches any output, file or request.

// 450 records: three batches of 200, so that a run can stop between two of them.
const records = sampleRecords(450);
const accValues = records.map((_, index) => sampleRecord(10_000 + index).ki);

const vendorCsv = () =>
  `${[
    "ICCID,IMSI,KI_ENC,OPC,ACC",
    ...records.map((r, index) => [r.iccid, r.imsi, r.ki, r.opc, accValues[index]].join(",")),
  ].join("\n")}\n`;

const vendorJsonl = () =>
  records
    .map((r, index) =>
      JSON.stringify({
        ICCID: r.iccid,
        imsi: r.imsi,
        KI_ENC: r.ki,
        opc: r.opc,
        ACC: accValues[index],
      }),
    )
    .map((line) => `${line}\n`)
    .join("");

const formats = [
  { format: "csv", file: "in.csv", text: vendorCsv },
  { format: "jsonl", file: "in.jsonl", text: vendorJsonl },
] as const;

const columnFlags = ["--ignore-columns", "ACC", "--rename-columns", "KI_ENC=ki"];

/** A platform that keeps what each request carried, and may stop the run before a batch. */
class RecordingPlatform extends FakePlatform {
  readonly bodies: string[] = [];

  override async submitBatch(input: SubmitBatchInput) {
    this.bodies.push(JSON.stringify(input));
    return super.submitBatch(input);
  }
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in `dir` against `platform`; `stopBefore` interrupts before that submission. */
async function run(
  dir: string,
  args: readonly string[],
  platform: FakePlatform = new RecordingPlatform({ pollsUntilComplete: 0 }),
): Promise<Run> {
  const stdout = new MemorySink();
  const stderr = new MemorySink();
  const context: CliContext = {
    stdin: Readable.from([Buffer.from("")]),
    stdout,
    stderr,
    env: {
      HOME: "/nonexistent-home",
      SIMLESSLY_BASE_URL: "http://127.0.0.1:9",
      SIMLESSLY_ACCESS_KEY: "k",
      SIMLESSLY_SECRET_KEY: "s",
    },
    cwd: dir,
    clock: instantClock(),
    createBatchApi: async () => platform,
    onInterrupt: (handler) => {
      interrupts.push(handler);
      return () => interrupts.splice(interrupts.indexOf(handler), 1);
    },
  };
  const code = await runCli(["ac", "generate-batch", "-v", ...args], context);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const interrupts: (() => void)[] = [];

const generate = (file: string) => [
  ...["--config-name", "templateRegular01", "--input", file, "--out", "out", "--qr", "none"],
];

function leaksIn(dir: string, runs: readonly Run[], platform: RecordingPlatform): string[] {
  const written = [
    ...runs.flatMap((done) => [done.stdout, done.stderr]),
    ...filesUnder(join(dir, "out")).values(),
    ...platform.bodies,
  ];
  return written.flatMap((text) => leakedSecrets(text, accValues));
}

describe.each(formats)("a vendor's $format file with extra and renamed columns", (input) => {
  it("is refused without the options, naming the column and the options", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, input.file), input.text());
    const done = await run(dir, ["--input", input.file, "--dry-run"]);
    expect(done.code).toBe(2);
    expect(done.stderr).toMatch(
      input.format === "csv" ? /unknown column "ACC"/ : /ACC \(line 1\): is not a known field/,
    );
    expect(done.stderr).toMatch(/--ignore-columns/);
    expect(done.stderr).toMatch(/--rename-columns/);
    expect(leakedSecrets(done.stderr + done.stdout, accValues)).toEqual([]);
  });

  it("passes a dry run with the options", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, input.file), input.text());
    const done = await run(dir, ["--input", input.file, "--dry-run", "--json", ...columnFlags]);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ outcome: "dry-run", records: 450, valid: 450 });
    expect(leakedSecrets(done.stderr + done.stdout, accValues)).toEqual([]);
  });

  it("sends renamed fields, drops ignored ones, and resumes reading as the first run did", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, input.file), input.text());
    const platform = new RecordingPlatform({
      pollsUntilComplete: 0,
      // Ctrl+C before the second batch leaves the run to --resume.
      beforeSubmit: (submission) => {
        if (submission === 2) for (const interrupt of [...interrupts]) interrupt();
      },
    });
    const first = await run(
      dir,
      [...generate(input.file), "--concurrency", "1", ...columnFlags],
      platform,
    );
    // The journal keeps the column options: the resume command printed leaves them out.
    expect(first.stdout).toMatch(/--resume/);
    expect(first.stdout).not.toMatch(/--ignore-columns|--rename-columns/);
    const sentFirst = platform.bodies.length;
    expect(sentFirst).toBeLessThan(3);
    const journal = readFileSync(join(dir, "out", "journal.jsonl"), "utf8");
    const start = JSON.parse(journal.split("\n")[0] as string);
    expect(start.input).toMatchObject({
      ignoreColumns: ["ACC"],
      renameColumns: [{ column: "KI_ENC", field: "ki" }],
    });
    // Other options than the journal's would read other records: refused before reading.
    const differing = await run(
      dir,
      ["--out", "out", "--resume", "--ignore-columns", "ACC"],
      platform,
    );
    expect(differing.code).toBe(2);
    expect(differing.stderr).toMatch(
      /--ignore-columns and --rename-columns differ from the run being resumed/,
    );
    // The same options spelled otherwise, or none at all: the journal's are used.
    const same = ["--ignore-columns", "acc", "--rename-columns", "ki_enc=KI"];
    const resumed = await run(dir, ["--out", "out", "--resume", ...same], platform);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(platform.bodies.length).toBe(3);
    const again = await run(dir, ["--out", "out", "--resume"], platform);
    expect(again.code, again.stderr).toBe(0);

    const sent = platform.bodies.flatMap((body) => (JSON.parse(body) as SubmitBatchInput).records);
    expect(sent.map((record) => record.iccid).sort()).toEqual(records.map((r) => r.iccid).sort());
    expect(sent[0]).toEqual({
      iccid: records[0]?.iccid,
      imsi: records[0]?.imsi,
      ki: records[0]?.ki,
      opc: records[0]?.opc,
    });
    const rows = readFileSync(join(dir, "out", "results.csv"), "utf8")
      .trim()
      .split("\n");
    expect(rows).toHaveLength(1 + 450);
    expect(leaksIn(dir, [first, differing, resumed, again], platform)).toEqual([]);
  });
});

describe("column options that cannot work", () => {
  const cases = [
    {
      flags: ["--rename-columns", "KI_ENC=key"],
      says: /--rename-columns: "KI_ENC" is mapped to "key", not a field/,
    },
    {
      flags: ["--rename-columns", "KI_ENC=ki,OTHER=KI"],
      says: /"OTHER" is mapped to ki, as another column is/,
    },
    {
      flags: ["--ignore-columns", "ACC,iccid"],
      says: /--ignore-columns "iccid": iccid is required/,
    },
    {
      flags: ["--ignore-columns", "ACC,IMPU", "--rename-columns", "KI_ENC=ki"],
      says: /--ignore-columns "IMPU" matches no (column|key of any record)/,
    },
    {
      flags: ["--ignore-columns", "ACC", "--rename-columns", "KEY=ki"],
      says: /--rename-columns "KEY" matches no (column|key of any record)/,
    },
    {
      flags: ["--ignore-columns", "ACC", "--rename-columns", "ACC=opc"],
      says: /"ACC" is given to both/,
    },
  ];

  it.each(cases)("exit 2 for $flags", async ({ flags, says }) => {
    for (const input of formats) {
      const dir = tempDir();
      writeFileSync(join(dir, input.file), input.text());
      const done = await run(dir, ["--input", input.file, "--dry-run", ...flags]);
      expect(done.code, done.stderr).toBe(2);
      expect(done.stderr).toMatch(says);
      expect(leakedSecrets(done.stderr + done.stdout, accValues)).toEqual([]);
    }
  });

  it("refuses --rename-columns with --columns", async () => {
    const dir = tempDir();
    const done = await run(dir, [
      "--input",
      "x.csv",
      "--dry-run",
      "--columns",
      "iccid,imsi,ki",
      "--rename-columns",
      "A=opc",
    ]);
    expect(done.code).toBe(2);
    expect(done.stderr).toMatch(/--rename-columns applies to a header row or JSON keys/);
  });
});
