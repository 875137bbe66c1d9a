import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SampleRecord, sampleRecord } from "./sample-records.ts";
import { credentialSecrets, type SandboxCli, startSandboxCli } from "./sandbox-cli.ts";
import { filesUnder, grouped, leakedSecrets } from "./secret-detector.ts";
import { tempDir } from "./test-io.ts";

// The mistakes people make with SIM vendors' files, run through `simlessly ac generate-batch`
// at debug level against the sandbox over loopback HTTP, with and without --skip-invalid and
// --json. Every byte written to stdout, stderr and the output folder is searched for every Ki
// and OPc of the input, in any case and grouping.

let cli: SandboxCli;
beforeAll(async () => {
  cli = await startSandboxCli({ batchDelayMs: 200 });
});
afterAll(() => cli.stop());

const records = Array.from({ length: 6 }, (_, index) => sampleRecord(900 + index)) as [
  SampleRecord,
  SampleRecord,
  SampleRecord,
  SampleRecord,
  SampleRecord,
  SampleRecord,
];
const [a, b, c, d, e, f] = records;
const secrets = records.flatMap((record) => [record.ki, record.opc]);
const row = (record: SampleRecord, separator = ",") =>
  [record.iccid, record.imsi, record.ki, record.opc].join(separator);
const lines = (...items: string[]) => `${items.join("\n")}\n`;

interface Case {
  readonly kind: string;
  readonly file: string;
  readonly text: string;
  /** What the report says without --skip-invalid (exit 2). */
  readonly says: RegExp;
}

const corpus: Case[] = [
  {
    kind: "a CSV without a header row",
    file: "sims.csv",
    text: lines(row(a), row(b), row(c)),
    says: /line 1: expected a header row, but this row holds values/,
  },
  {
    kind: "a header whose columns are in another order than the data",
    file: "sims.csv",
    text: lines("iccid,ki,imsi,opc", row(a), row(b)),
    says: /imsi \(line 2\): must be 15 digits$/m,
  },
  {
    kind: "a Ki in the iccid column",
    file: "sims.csv",
    text: lines("iccid,imsi,ki,opc", row(a), [b.ki, b.imsi, b.ki, b.opc].join(",")),
    says: /iccid \(line 3\): must be 19 or 20 digits$/m,
  },
  {
    kind: "a Ki in the imsi column, lower case and grouped",
    file: "sims.csv",
    text: lines(
      "iccid,imsi,ki,opc",
      row(a),
      [b.iccid, b.ki.toLowerCase(), b.ki, b.opc].join(","),
      [c.iccid, grouped(c.ki, 4, " "), c.ki, c.opc].join(","),
    ),
    says: /imsi \(line 4\): must be 15 digits$/m,
  },
  {
    kind: "semicolons, with an OPc in the iccid column",
    file: "sims.csv",
    text: lines("iccid;imsi;ki;opc", row(a, ";"), [d.opc, d.imsi, d.ki, d.opc].join(";")),
    says: /iccid \(line 3\): must be 19 or 20 digits$/m,
  },
  {
    kind: "tabs, with a Ki in the imsi column",
    file: "sims.tsv",
    text: lines("iccid\timsi\tki\topc", row(a, "\t"), [e.iccid, e.ki, e.ki, e.opc].join("\t")),
    says: /imsi \(line 3\): must be 15 digits$/m,
  },
  {
    kind: "a headerless file with semicolons",
    file: "sims.csv",
    text: lines(row(e, ";"), row(f, ";")),
    says: /line 1: expected a header row/,
  },
  {
    kind: "JSON lines with a Ki as a key",
    file: "sims.jsonl",
    text: lines(JSON.stringify(a), JSON.stringify({ ...b, [b.ki]: "x", [b.opc.toLowerCase()]: 1 })),
    says: /\(key not shown\) \(line 2\): is not a known field/,
  },
  {
    kind: "JSON lines with a Ki and an OPc in the wrong fields",
    file: "sims.jsonl",
    text: lines(
      JSON.stringify(a),
      JSON.stringify({ iccid: c.ki, imsi: c.imsi, ki: c.imsi, opc: c.opc }),
      JSON.stringify({ ...d, msidn: d.opc, expireTime: d.ki }),
      JSON.stringify({ ...f, imsi: f.opc.toLowerCase() }),
    ),
    says: /iccid \(line 2\): must be 19 or 20 digits$/m,
  },
];

const flagSets: { name: string; flags: string[] }[] = [
  { name: "plain", flags: [] },
  { name: "--skip-invalid", flags: ["--skip-invalid"] },
  { name: "--json", flags: ["--json"] },
  { name: "--skip-invalid --json", flags: ["--skip-invalid", "--json"] },
];

describe("the leak hunt: malformed input at debug level", () => {
  it("has a detector that finds the input's secrets in every form", () => {
    const forms = [
      a.ki,
      a.ki.toLowerCase(),
      grouped(a.ki, 4, " "),
      grouped(a.ki.toLowerCase(), 2, "-"),
      JSON.stringify(grouped(a.ki, 8, ",")),
    ];
    for (const form of forms) expect(leakedSecrets(`x ${form} y`, secrets)).toEqual([a.ki]);
    for (const { text } of corpus) expect(leakedSecrets(text, secrets).length).toBeGreaterThan(0);
  });

  for (const { kind, file, text, says } of corpus) {
    it.each(flagSets)(`keeps every secret of ${kind} out of output ($name)`, async ({ flags }) => {
      cli.sandbox.admin.reset();
      const dir = tempDir();
      const input = join(dir, file);
      writeFileSync(input, text);
      const out = join(dir, "out");
      const run = await cli.run([
        ...["ac", "generate-batch", "--config-name", "templateRegular01", "-v"],
        ...["--input", input, "--out", out, "--format", file.endsWith(".jsonl") ? "jsonl" : "csv"],
        ...flags,
      ]);
      const written = [
        run.stdout,
        run.stderr,
        ...(existsSync(out) ? filesUnder(out).values() : []),
      ];
      const leaks = written.flatMap((output) =>
        leakedSecrets(output, [...secrets, ...credentialSecrets(cli.env)]),
      );
      expect(leaks, "secrets found in the output").toEqual([]);
      if (flags.includes("--skip-invalid") && run.code !== 2) {
        expect([0, 1], run.stderr).toContain(run.code);
        expect(existsSync(join(out, "rejected.csv"))).toBe(true);
      } else {
        expect(run.code, run.stderr).toBe(2);
        // With --json a failure is told once, in the document on stdout; the invalid records
        // of a run that sent nothing are listed on stderr either way.
        const failure = flags.includes("--json") ? JSON.parse(run.stdout).error : undefined;
        const told = failure?.message ?? run.stderr;
        expect(told).toMatch(says);
        expect(cli.sandbox.admin.profiles().total).toBe(0);
      }
      if (flags.includes("--json")) expect(() => JSON.parse(run.stdout)).not.toThrow();
    });
  }
});
