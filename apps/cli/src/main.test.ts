import { describe, expect, it } from "vitest";
import { runCliForTest } from "../test/run-cli.ts";
import { commands } from "./cli/commands.ts";

describe("simlessly", () => {
  it("prints its version with --version and -V", async () => {
    for (const flag of ["--version", "-V"]) {
      const run = await runCliForTest([flag]);
      expect(run).toMatchObject({ code: 0, stdout: "0.1.0\n" });
    }
  });

  it("lists every command and the exit codes in --help", async () => {
    const run = await runCliForTest(["--help"]);
    expect(run.code).toBe(0);
    for (const command of commands) expect(run.stdout).toContain(command.path.join(" "));
    expect(run.stdout).toContain("4  the outcome of some records is unknown");
    expect(run.stdout).toContain("SIMLESSLY_SECRET_KEY");
  });

  it.each(commands.map((command) => [command.path.join(" ")]))(
    "has --help for %s",
    async (name) => {
      const run = await runCliForTest([...name.split(" "), "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: simlessly ${name}`));
      expect(run.stdout).toContain("--json");
    },
  );

  it("has --help for the ac group", async () => {
    const run = await runCliForTest(["ac", "-h"]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain("ac generate-batch");
  });

  it("accepts global options before the command words", async () => {
    const run = await runCliForTest(["--profile", "x", "ac", "generate-batch", "--help"]);
    expect(run.stdout).toMatch(/^Usage: simlessly ac generate-batch/);
  });

  const usageCases = [
    { args: [], want: /Usage: simlessly <command>/ },
    { args: ["nope"], want: /unknown command "nope"/ },
    { args: ["ac"], want: /needs a subcommand/ },
    {
      args: ["ac", "generate-batch", "--bogus"],
      want: /unknown option --bogus; see `simlessly ac generate-batch --help`/,
    },
    { args: ["ac", "generate-batch", "--out"], want: /--out needs a value \(DIR\)/ },
    { args: ["ac", "generate-batch", "--out", "--json"], want: /--out needs a value/ },
    { args: ["ac", "generate-batch", "--dry-run=yes"], want: /--dry-run takes no value/ },
    { args: ["ac", "generate-batch", "extra"], want: /takes no positional arguments/ },
    {
      args: ["ac", "generate-batch", "--concurrency", "0", "--input", "x"],
      want: /--concurrency must be a whole number from 1 to 64/,
    },
    {
      args: ["ac", "generate-batch", "--rate", "fast", "--input", "x"],
      want: /--rate must be a positive number/,
    },
    { args: ["ac", "generate-batch", "--qr", "gif"], want: /--qr must be "png", "svg" or "none"/ },
    { args: ["sign", "a", "b"], want: /takes at most 1 positional argument/ },
  ];
  it.each(usageCases)("exits 2 on $args", async ({ args, want }) => {
    const run = await runCliForTest(args);
    expect(run.code).toBe(2);
    // With --json the error is only in the document on stdout.
    expect(args.includes("--json") ? errorMessageOf(run.stdout) : run.stderr).toMatch(want);
  });

  it("never echoes the value of a flag that looks like a secret", async () => {
    const run = await runCliForTest([
      "ac",
      "generate-batch",
      "--secret-key=hunter2",
      "--password",
      "hunter3",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("secrets are never taken as flags");
    expect(run.stderr).not.toContain("hunter");
  });

  const ki = "6BE2053E8580B135CD43443380DB7111";
  const secretFieldFlags = [
    ["--ki", ki],
    [`--ki=${ki}`],
    ["--opc", ki],
    ["--OPC", ki],
    ["--pin1", "1234"],
    ["--puk2=12345678"],
    ["--adm1", "87654321"],
    ["--ac", `1$rsp.example$${ki}`],
    ["--activation-code", `1$rsp.example$${ki}`],
    ["--matching-id", ki],
    ["--TK", ki],
    ["--upp", ki],
    ["--client-secret", ki],
  ];
  it.each(secretFieldFlags)(
    "refuses %s as a secret given as a flag, without echoing its value",
    async (...flag) => {
      const run = await runCliForTest(["ac", "generate-batch", ...flag, "--json"]);
      expect(run.code).toBe(2);
      expect(errorMessageOf(run.stdout)).toContain("secrets are never taken as flags");
      for (const text of [run.stderr, run.stdout]) {
        expect(text).not.toContain(ki);
        expect(text).not.toMatch(/1234|5678/);
      }
    },
  );

  it("adds a JSON error document on stdout with --json", async () => {
    const run = await runCliForTest(["ac", "generate-batch", "--json", "--bogus"]);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      exitCode: 2,
      error: {
        message: expect.stringContaining("--bogus"),
        kind: "usage",
        operation: null,
        httpStatus: null,
        code: null,
        requestId: null,
        retryable: false,
      },
    });
    expect(run.stderr).toBe("");
  });

  it("colours errors on a terminal unless NO_COLOR is set", async () => {
    const coloured = await runCliForTest(["nope"], { tty: true, env: {} });
    expect(coloured.stderr).toContain("\u001b[31merror:");
    const plain = await runCliForTest(["nope"], { tty: true, env: { NO_COLOR: "1" } });
    expect(plain.stderr).toMatch(/^error: /);
  });
});

function errorMessageOf(stdout: string): string {
  return (JSON.parse(stdout) as { error: { message: string } }).error.message;
}
