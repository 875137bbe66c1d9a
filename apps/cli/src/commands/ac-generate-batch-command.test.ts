import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakePlatform, timeout } from "../../test/fake-platform.ts";
import { runCliForTest } from "../../test/run-cli.ts";
import { sampleRecords, toCsv } from "../../test/sample-records.ts";
import { tempDir } from "../../test/test-io.ts";
import { AuthenticationError } from "../batch/batch-api.ts";

const credentials = {
  HOME: "/nonexistent",
  SIMLESSLY_ACCESS_KEY: "ak",
  SIMLESSLY_SECRET_KEY: "sk-secret-value",
};
const base = [
  "ac",
  "generate-batch",
  "--config-name",
  "templateRegular01",
  "--input",
  "in.csv",
  "--out",
  "out",
  "--qr",
  "none",
];

function inputDir(records = sampleRecords(5)): string {
  const dir = tempDir();
  writeFileSync(join(dir, "in.csv"), toCsv(records));
  return dir;
}

describe("simlessly ac generate-batch", () => {
  it("exits 0 and prints a summary with the paths but no activation code", async () => {
    const dir = inputDir();
    const platform = new FakePlatform();
    const run = await runCliForTest(base, { cwd: dir, env: credentials, api: platform });
    expect(run.code).toBe(0);
    expect(run.settings).toMatchObject({
      baseUrl: "https://rsp.simlessly.com",
      accessKey: "ak",
      secretKey: "sk-secret-value",
      scheme: "rsp",
    });
    expect(run.stdout).toContain("succeeded  5");
    expect(run.stdout).toContain(join(dir, "out", "results.csv"));
    for (const code of Object.values(platform.state.profiles)) {
      expect(run.stdout + run.stderr).not.toContain(code);
    }
  });

  it("prints one JSON document with --json", async () => {
    const dir = inputDir();
    const run = await runCliForTest([...base, "--json"], {
      cwd: dir,
      env: credentials,
      api: new FakePlatform(),
    });
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      ok: true,
      exitCode: 0,
      outcome: "finished",
      succeeded: 5,
      chunks: 1,
    });
  });

  it("exits 1 when the platform fails some records", async () => {
    const records = sampleRecords(3);
    const dir = inputDir(records);
    const platform = new FakePlatform({ failingIccids: new Set([records[0]?.iccid as string]) });
    const run = await runCliForTest(base, { cwd: dir, env: credentials, api: platform });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("failed");
  });

  it("exits 2 on invalid records before asking for credentials", async () => {
    const records = sampleRecords(3);
    (records[1] as Record<string, string>).ki = "0123";
    const dir = inputDir(records);
    const run = await runCliForTest(base, { cwd: dir, env: { HOME: "/nonexistent" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("ki (line 3): must be 32 hexadecimal characters");
    expect(run.stdout).toContain("1 of 3 records is invalid; nothing was sent.");
  });

  it("exits 2 on a malformed input, naming the line", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), 'iccid,imsi,ki\n1,2,"3\n');
    const run = await runCliForTest(base, { cwd: dir, env: credentials });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("in.csv: a quote opened after line 1 is never closed");
  });

  it("exits 3 without credentials, and when the platform refuses them", async () => {
    const dir = inputDir();
    const missing = await runCliForTest(base, { cwd: dir, env: { HOME: "/nonexistent" } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("missing RSP credentials");
    const refusing = {
      submitBatch: async () => {
        throw new AuthenticationError("signature refused");
      },
      getBatchInfo: async () => ({ status: "COMPLETE" as const, results: [] }),
    };
    const refused = await runCliForTest(base, { cwd: inputDir(), env: credentials, api: refusing });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("the platform refused the credentials (signature refused)");
    expect(refused.stderr).not.toContain("sk-secret-value");
  });

  it("exits 4 when an outcome is unknown, and 0 after --resume --resubmit-unknown", async () => {
    const dir = inputDir(sampleRecords(300));
    const platform = new FakePlatform({ beforeSubmit: (n) => (n === 1 ? timeout() : undefined) });
    const first = await runCliForTest([...base, "--concurrency", "1"], {
      cwd: dir,
      env: credentials,
      api: platform,
    });
    expect(first.code).toBe(4);
    expect(first.stdout).toMatch(
      /unknown\s+200 outcome unknown in chunk 0; run again with --resume --resubmit-unknown/,
    );
    const again = await runCliForTest(
      ["ac", "generate-batch", "--out", "out", "--resume", "--qr", "none"],
      {
        cwd: dir,
        env: credentials,
        api: platform,
      },
    );
    expect(again.code).toBe(4);
    const settled = await runCliForTest(
      ["ac", "generate-batch", "--out", "out", "--resume", "--resubmit-unknown", "--qr", "none"],
      { cwd: dir, env: credentials, api: platform },
    );
    expect(settled.code).toBe(0);
    expect(settled.stdout).toContain("Resumed run finished");
  });

  it("exits 4 for codes lost to an unanswered batch, says how to recover them, and 0 once recovered", async () => {
    const dir = inputDir(sampleRecords(300));
    // The platform takes the first batch, but its answer is lost.
    const platform = new FakePlatform({ afterSubmit: (n) => (n === 1 ? timeout() : undefined) });
    expect(
      (
        await runCliForTest([...base, "--concurrency", "1"], {
          cwd: dir,
          env: credentials,
          api: platform,
        })
      ).code,
    ).toBe(4);
    const resume = ["ac", "generate-batch", "--out", "out", "--resume", "--qr", "none"];
    const resent = await runCliForTest([...resume, "--resubmit-unknown"], {
      cwd: dir,
      env: credentials,
      api: platform,
    });
    expect(resent.code).toBe(4);
    expect(resent.stdout).toMatch(
      /lost\s+200 codes lost to an unanswered attempt \(the profiles were made, their codes never reached us\); run again with --resume --recover-lost-codes/,
    );
    expect(resent.stdout).toMatch(/Continue with: simlessly ac generate-batch --out \S+ --resume/);
    const recovered = await runCliForTest([...resume, "--recover-lost-codes"], {
      cwd: dir,
      env: credentials,
      api: platform,
    });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/succeeded\s+300/);
  });

  it("checks an input with --dry-run without credentials or files", async () => {
    const dir = inputDir(sampleRecords(450));
    const run = await runCliForTest(["ac", "generate-batch", "--input", "in.csv", "--dry-run"], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Would send 3 batches");
    expect(readdirSync(dir)).toEqual(["in.csv"]);
  });

  it("never writes a secret of the input anywhere but what the platform receives", async () => {
    const records = sampleRecords(4).map((record, index) => ({
      ...record,
      pin1: "1357",
      pin2: "8642",
      puk1: `2468${index}135`,
      adm1: "97531864",
      cc: "4826",
    }));
    const badKi = "C0FFEE";
    (records[2] as Record<string, string>).ki = badKi;
    (records[3] as Record<string, string>).pin2 = "12a4";
    const dir = inputDir(records);
    const platform = new FakePlatform();
    const run = await runCliForTest(
      [...base.slice(0, -2), "--skip-invalid", "--qr", "svg", "--json"],
      {
        cwd: dir,
        env: credentials,
        api: platform,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const secrets = records.flatMap((record) => [
      record.ki,
      record.opc,
      record.pin1,
      record.puk1,
      record.adm1,
      record.cc,
    ]);
    secrets.push(badKi, "12a4", credentials.SIMLESSLY_SECRET_KEY);
    const outputs = [run.stdout, run.stderr];
    for (const file of ["journal.jsonl", "rejected.csv", "results.csv"])
      outputs.push(readFileSync(join(dir, "out", file), "utf8"));
    for (const image of readdirSync(join(dir, "out", "qr")))
      outputs.push(readFileSync(join(dir, "out", "qr", image), "utf8"));
    for (const text of outputs) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    const codes = Object.values(platform.state.profiles);
    for (const text of [
      run.stdout,
      run.stderr,
      readFileSync(join(dir, "out", "journal.jsonl"), "utf8"),
    ]) {
      for (const code of codes) expect(text).not.toContain(code);
    }
    expect(readFileSync(join(dir, "out", "rejected.csv"), "utf8")).toContain(
      "pin2,must be 4 digits",
    );
  });
});
