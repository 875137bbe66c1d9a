import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../src/commands/command-module.ts";
import { runCli } from "../src/main.ts";
import { createRspBatchApi } from "../src/wiring/create-rsp-batch-api.ts";
import { type EchoingPlatform, startEchoingPlatform } from "./echoing-platform.ts";
import { sampleRecords, toCsv } from "./sample-records.ts";
import { filesUnder, leakedSecrets } from "./secret-detector.ts";
import { instantClock, MemorySink, tempDir } from "./test-io.ts";

// The platform's per-record reasons are free text. A platform that echoes a record's Ki or OPc
// in its reason, in any case or grouping, must not put it in the debug log or results.csv.

let platform: EchoingPlatform;
beforeAll(async () => {
  platform = await startEchoingPlatform();
});
afterAll(() => platform.close());

async function run(args: readonly string[], env: Record<string, string>, cwd: string) {
  const stdout = new MemorySink();
  const stderr = new MemorySink();
  const context: CliContext = {
    stdin: Readable.from([]),
    stdout,
    stderr,
    env: { HOME: "/nonexistent-home", ...env },
    cwd,
    clock: instantClock(),
    createBatchApi: createRspBatchApi,
  };
  const code = await runCli(args, context);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("reasons that echo secrets", () => {
  it("keeps Ki and OPc echoed by the platform out of the debug log, results.csv and batch info", async () => {
    const dir = tempDir();
    const records = sampleRecords(12, 300);
    writeFileSync(join(dir, "in.csv"), toCsv(records));
    const out = join(dir, "out");
    const result = await run(
      [
        ...["ac", "generate-batch", "--config-name", "templateRegular01", "-v"],
        ...["--input", "in.csv", "--out", out, "--qr", "none"],
      ],
      { SIMLESSLY_BASE_URL: platform.url, SIMLESSLY_ACCESS_KEY: "ak", SIMLESSLY_SECRET_KEY: "sk" },
      dir,
    );
    expect(result.code, result.stderr).toBe(1);
    // The answers were logged at debug level, and their reasons reached results.csv.
    expect(result.stderr).toContain("simlessly answer");
    const results = readFileSync(join(out, "results.csv"), "utf8");
    expect(results).toContain("[hidden]");
    expect(results).toContain("invalid key [hidden] for OPc [hidden]");
    const secrets = records.flatMap((record) => [record.ki, record.opc]);
    const written = [result.stdout, result.stderr, ...filesUnder(out).values()];
    expect(written.flatMap((text) => leakedSecrets(text, secrets))).toEqual([]);

    // batch info never held the secrets: it hides whatever is shaped like a key.
    const env = {
      SIMLESSLY_BASE_URL: platform.url,
      SIMLESSLY_ACCESS_KEY: "ak",
      SIMLESSLY_SECRET_KEY: "sk",
    };
    const batchCode = /"batchCode":"(B[0-9]+)"/.exec(
      readFileSync(join(out, "journal.jsonl"), "utf8"),
    )?.[1];
    expect(batchCode).toBeDefined();
    const shown = await run(["batch", "info", batchCode as string, "-v"], env, dir);
    const json = await run(
      ["batch", "info", batchCode as string, "--json", "--out", "info.csv"],
      env,
      dir,
    );
    expect(shown.code, shown.stderr).toBe(1);
    expect(shown.stdout).toContain("failed  invalid key [hidden] for OPc [hidden]");
    expect(shown.stderr).toContain("simlessly answer");
    const texts = [
      shown.stdout,
      shown.stderr,
      json.stdout,
      json.stderr,
      readFileSync(join(dir, "info.csv"), "utf8"),
    ];
    expect(texts.flatMap((text) => leakedSecrets(text, secrets))).toEqual([]);
  });
});

describe("credentials that cannot sign", () => {
  it("exits 3 naming SIMLESSLY_ACCESS_KEY, never its value", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "in.csv"), toCsv(sampleRecords(2)));
    const result = await run(
      [
        ...["ac", "generate-batch", "--config-name", "templateRegular01", "--json"],
        ...["--input", "in.csv", "--out", "out", "--qr", "none"],
      ],
      {
        SIMLESSLY_BASE_URL: platform.url,
        SIMLESSLY_ACCESS_KEY: "bad key-k7Qz",
        SIMLESSLY_SECRET_KEY: "sk",
      },
      dir,
    );
    expect(result.code).toBe(3);
    expect(result.stderr + result.stdout).not.toContain("k7Qz");
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      exitCode: 3,
      error: {
        kind: "config",
        message: expect.stringMatching(/^SIMLESSLY_ACCESS_KEY must be .*sign requests/),
      },
    });
  });
});
