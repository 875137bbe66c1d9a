import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleRecords, toCsv } from "../../test/sample-records.ts";
import { tempDir } from "../../test/test-io.ts";
import { boundedHeapFlags, reexecArguments } from "./heap-tuning.ts";

describe("reexecArguments", () => {
  const run = ["ac", "generate-batch", "--input", "in.csv", "--out", "out"];
  const cases = [
    {
      name: "a generate-batch run",
      args: run,
      execArgv: [],
      env: {},
      want: [...boundedHeapFlags],
    },
    {
      name: "a run with other node flags",
      args: run,
      execArgv: ["--enable-source-maps"],
      env: {},
      want: ["--enable-source-maps", ...boundedHeapFlags],
    },
    { name: "the help", args: [...run, "--help"], execArgv: [], env: {}, want: undefined },
    { name: "a dry run", args: [...run, "--dry-run"], execArgv: [], env: {}, want: undefined },
    { name: "another command", args: ["sign"], execArgv: [], env: {}, want: undefined },
    {
      name: "a run that has the flag",
      args: run,
      execArgv: ["--max-semi-space-size=16"],
      env: {},
      want: undefined,
    },
    {
      name: "a run with the flag in NODE_OPTIONS",
      args: run,
      execArgv: [],
      env: { NODE_OPTIONS: "--max-semi-space-size=8" },
      want: undefined,
    },
    {
      name: "a run with SIMLESSLY_NO_REEXEC",
      args: run,
      execArgv: [],
      env: { SIMLESSLY_NO_REEXEC: "1" },
      want: undefined,
    },
  ];
  it.each(cases)("gives $want for $name", ({ args, execArgv, env, want }) => {
    expect(reexecArguments(args, execArgv, env)).toEqual(want);
  });
});

describe("the simlessly executable", () => {
  it("re-executes generate-batch with the flag and keeps its pid, stdio and exit code", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(2)));
    const bin = join(import.meta.dirname, "..", "bin.ts");
    // No credentials: the run gets past validation and stops with exit 3 in the new image.
    const result = spawnSync(
      process.execPath,
      [bin, "ac", "generate-batch", "--config-name", "c", "--input", "in.csv", "--out", "out"],
      { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH, HOME: dir } },
    );
    expect(result.stderr).toContain("missing RSP credentials");
    expect(result.status).toBe(3);
  });
});
