import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRspClient } from "@simlessly/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SampleRecord, sampleRecords, toCsv, writeSampleCsv } from "./sample-records.ts";
import {
  credentialSecrets,
  type SandboxCli,
  type SandboxRun,
  startSandboxCli,
} from "./sandbox-cli.ts";
import { acceptsAsCurrent, allProfiles } from "./sandbox-profiles.ts";
import { tempDir } from "./test-io.ts";

// `simlessly ac generate-batch` through the typed RSP client against the stateful sandbox over
// loopback HTTP: signatures checked, one profile per ICCID, batches that take time, and faults
// on purpose. The sandbox's admin view says how often each ICCID reached it.

let cli: SandboxCli;

beforeAll(async () => {
  cli = await startSandboxCli({ batchDelayMs: 1000 });
});
afterAll(() => cli.stop());

function resultRows(out: string): string[][] {
  return readFileSync(join(out, "results.csv"), "utf8")
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
}

/** Every file the run left in `out`, read as text. */
function filesIn(out: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(path, "latin1"));
    }
  };
  walk(out);
  return files;
}

/** How often the sandbox saw each of `iccids` submitted (absent: never). */
function submissions(iccids: readonly string[]): Map<string, number> {
  const wanted = new Set(iccids);
  return new Map(
    allProfiles(cli.sandbox)
      .filter((entry) => wanted.has(entry.iccid))
      .map((entry) => [entry.iccid, entry.submissions]),
  );
}

/** How many profiles each ICCID has had (more than one once deleted and made again). */
function generations(iccids: readonly string[]): Map<string, number> {
  const wanted = new Set(iccids);
  return new Map(
    allProfiles(cli.sandbox)
      .filter((entry) => wanted.has(entry.iccid))
      .map((entry) => [entry.iccid, entry.generation]),
  );
}

describe("ac generate-batch against the sandbox", () => {
  it("turns 1,000 records into activation codes and QR images, each ICCID sent once, no secret logged at debug", async () => {
    cli.sandbox.admin.reset();
    const dir = tempDir();
    const input = join(dir, "sims.csv");
    writeSampleCsv(input, 1000);
    const out = join(dir, "out");
    const run = await cli.run([
      ...["ac", "generate-batch", "--config-name", "templateRegular01"],
      ...["--input", input, "--out", out, "--qr", "svg", "--need-ac-link", "-v"],
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("1000");
    // Debug shows the calls, redacted.
    expect(run.stderr).toContain("debug: simlessly request");
    expect(run.stderr).toContain("generateAcByBatch");

    const rows = resultRows(out);
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((row) => row[0])).size).toBe(1000);
    for (const [, status, code, link] of rows) {
      expect(status).toBe("success");
      expect(code).toMatch(/^1\$rsp\.sandbox\.simlessly\.test\$[0-9A-F]{32}$/);
      expect(link).toMatch(/^https?:\/\//);
    }
    expect(readdirSync(join(out, "qr"))).toHaveLength(1000);
    expect(statSync(join(out, "results.csv")).mode & 0o777).toBe(0o600);
    const counts = submissions(rows.map((row) => row[0] as string));
    expect([...counts.values()]).toEqual(Array(1000).fill(1));

    // No Ki, OPc or credential anywhere: stdout, stderr at debug, journal, results, images.
    const secrets = [
      ...sampleRecords(1000).flatMap((record) => [record.ki, record.opc]),
      ...credentialSecrets(cli.env),
    ];
    const texts = [run.stdout, run.stderr, ...filesIn(out).values()];
    for (const text of texts) {
      for (const secret of secrets) {
        if (text.includes(secret)) throw new Error("a secret from the input reached an output");
      }
    }
    // Activation codes stay in results.csv and the images: not on stdout, stderr or the journal.
    const journal = readFileSync(join(out, "journal.jsonl"), "utf8");
    for (const [, , code] of rows.slice(0, 50)) {
      for (const text of [run.stdout, run.stderr, journal]) {
        expect(text.includes(code as string)).toBe(false);
      }
    }
  });

  /**
   * Runs generate-batch, then resumes with --recover-lost-codes until nothing is unknown;
   * `beforeResuming` runs once, between the first run and the resumed ones.
   */
  async function runToTheEnd(
    input: string,
    out: string,
    beforeResuming: () => void = () => {},
  ): Promise<{ codes: number[]; last: SandboxRun }> {
    const args = [
      ...["ac", "generate-batch", "--config-name", "templateRegular01"],
      ...["--input", input, "--out", out, "--qr", "none", "--json"],
    ];
    const codes: number[] = [];
    let last = await cli.run(args);
    codes.push(last.code);
    beforeResuming();
    for (let round = 0; round < 20 && last.code === 4; round += 1) {
      last = await cli.run([...args, "--resume", "--recover-lost-codes"]);
      codes.push(last.code);
    }
    return { codes, last };
  }

  /** How many times the journal says each ICCID was submitted (its chunk's last attempt). */
  function journaledAttempts(out: string): Map<string, number> {
    const attempts = new Map<string, number>();
    for (const line of readFileSync(join(out, "journal.jsonl"), "utf8").trimEnd().split("\n")) {
      const event = JSON.parse(line) as { event: string; attempt?: number; iccids?: string[] };
      if (event.event !== "submitting") continue;
      for (const iccid of event.iccids ?? []) {
        attempts.set(iccid, Math.max(attempts.get(iccid) ?? 0, event.attempt ?? 1));
      }
    }
    return attempts;
  }

  /**
   * Checks that every record is in results.csv once, a success, and what the sandbox saw of
   * it: an ICCID submitted once has its first profile; one submitted again was taken by an
   * attempt left without an answer, so its profile was deleted and made again, and the code
   * in results.csv is the one the sandbox takes as current. Returns how many were made again.
   */
  async function expectEveryRecordAccounted(
    out: string,
    records: number,
    last: SandboxRun,
  ): Promise<number> {
    const summary = JSON.parse(last.stdout) as { unknown: number; pending: number };
    expect(summary).toMatchObject({ unknown: 0, lost: 0, pending: 0 });
    const rows = resultRows(out);
    expect(rows).toHaveLength(records);
    expect(new Set(rows.map((row) => row[0])).size).toBe(records);
    const iccids = rows.map((row) => row[0] as string);
    const counts = submissions(iccids);
    const made = generations(iccids);
    expect(counts.size).toBe(records);
    const attempts = journaledAttempts(out);
    let remade = 0;
    const checked: [string, string][] = [];
    for (const [iccid, status, code] of rows as [string, string, string][]) {
      expect(status).toBe("success");
      expect(code).toMatch(/^1\$/);
      const sent = counts.get(iccid) ?? 0;
      if (sent === 1) {
        expect(made.get(iccid)).toBe(1);
        if (checked.length < 20) checked.push([iccid, code]);
        continue;
      }
      // The batch's attempts, then single generations after deleting what they made.
      expect(attempts.get(iccid) ?? 1).toBeGreaterThanOrEqual(2);
      expect(made.get(iccid)).toBeGreaterThanOrEqual(2);
      if (remade < 100) checked.push([iccid, code]);
      remade += 1;
    }
    for (const [iccid, code] of checked) {
      expect(await acceptsAsCurrent(cli.sandbox, iccid, code), iccid).toBe(true);
    }
    return remade;
  }

  it("accounts for every record under 5xx, resets, 429 and latency, resubmitting only what is unknown", async () => {
    cli.sandbox.admin.reset();
    // High rates, so that unknown outcomes are all but certain (about 40 % of submissions);
    // then half as high while resuming, so that resubmissions and every step of recovering
    // the lost codes meet faults too, and still end in a few rounds.
    const faults = {
      latencyMs: [0, 15] as [number, number],
      errorRate5xx: 0.15,
      rate429: 0.1,
      retryAfterSeconds: 0,
      resetBeforeRate: 0.1,
      resetAfterRate: 0.15,
    };
    cli.sandbox.admin.setFaults(faults, 11);
    try {
      const dir = tempDir();
      const input = join(dir, "sims.csv");
      writeSampleCsv(input, 3000);
      const out = join(dir, "out");
      const { codes, last } = await runToTheEnd(input, out, () => {
        cli.sandbox.admin.setFaults({
          ...faults,
          errorRate5xx: 0.075,
          rate429: 0.05,
          resetBeforeRate: 0.05,
          resetAfterRate: 0.075,
        });
      });
      cli.sandbox.admin.setFaults({});
      expect(codes[0], last.stderr).toBe(4);
      expect(last.code, last.stderr).toBe(0);
      const remade = await expectEveryRecordAccounted(out, 3000, last);
      expect(remade).toBeLessThan(3000 / 2);
    } finally {
      cli.sandbox.admin.setFaults({});
    }
    // A dozen runs of the CLI, each a process of its own: about 20 s on an idle machine.
  }, 120_000);

  it("recovers the codes of exactly the records the platform took without answering", async () => {
    cli.sandbox.admin.reset();
    // Every request is processed and then its connection reset: every chunk ends unknown.
    cli.sandbox.admin.setFaults({ resetAfterRate: 1 }, 3);
    const dir = tempDir();
    const input = join(dir, "sims.csv");
    writeSampleCsv(input, 400);
    const out = join(dir, "out");
    const args = [
      ...["ac", "generate-batch", "--config-name", "templateRegular01"],
      ...["--input", input, "--out", out, "--qr", "none", "--json"],
    ];
    const lost = await cli.run(args);
    cli.sandbox.admin.setFaults({});
    expect(lost.code, lost.stderr).toBe(4);
    expect(JSON.parse(lost.stdout)).toMatchObject({ unknown: 400 });
    // Plain --resume reports them again and sends nothing.
    const reported = await cli.run([...args, "--resume"]);
    expect(reported.code).toBe(4);
    const once = submissions(sampleRecords(400).map((record) => record.iccid));
    expect([...once.values()]).toEqual(Array(400).fill(1));
    // Resent, they come back "already exists": lost codes, no rows yet (exit 4).
    const resent = await cli.run([...args, "--resume", "--resubmit-unknown"]);
    expect(resent.code, resent.stderr).toBe(4);
    expect(JSON.parse(resent.stdout)).toMatchObject({ unknown: 0, lost: 400, failed: 0 });
    expect(resultRows(out)).toHaveLength(0);
    const recovered = await cli.run([...args, "--resume", "--recover-lost-codes"]);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(await expectEveryRecordAccounted(out, 400, recovered)).toBe(400);
  });

  it("reports, and leaves alone, a lost code whose profile was ordered meanwhile", async () => {
    cli.sandbox.admin.reset();
    cli.sandbox.admin.setFaults({ resetAfterRate: 1 }, 3);
    const dir = tempDir();
    const input = join(dir, "sims.csv");
    writeSampleCsv(input, 3);
    const out = join(dir, "out");
    const args = [
      ...["ac", "generate-batch", "--config-name", "templateRegular01"],
      ...["--input", input, "--out", out, "--qr", "none", "--json"],
    ];
    expect((await cli.run(args)).code).toBe(4);
    cli.sandbox.admin.setFaults({});
    const [ordered] = sampleRecords(1) as [SampleRecord];
    // Someone orders the profile the unanswered batch made, before the codes are recovered.
    const { accessKey, secretKey } = cli.sandbox.credentials.rsp;
    const client = createRspClient({ baseUrl: cli.sandbox.url, accessKey, secretKey });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await client.downloadOrder({ iccid: ordered.iccid });
    const recovered = await cli.run([...args, "--resume", "--recover-lost-codes"]);
    expect(recovered.code, recovered.stderr).toBe(1);
    expect(JSON.parse(recovered.stdout)).toMatchObject({ succeeded: 2, failed: 1, lost: 0 });
    const rows = new Map(resultRows(out).map((row) => [row[0], row]));
    expect(rows.get(ordered.iccid)?.join(",")).toMatch(
      /,failed,,,"the profile was made by an earlier attempt whose answer was lost.*it is Allocated, so it was not deleted/,
    );
    expect(generations([ordered.iccid]).get(ordered.iccid)).toBe(1);
  });

  const [one, two, three] = sampleRecords(3) as [SampleRecord, SampleRecord, SampleRecord];
  const csvLine = (record: SampleRecord) =>
    `${record.iccid},${record.imsi},${record.ki},${record.opc}`;
  const malformed = [
    {
      kind: "an unclosed quote",
      file: "sims.csv",
      text: `iccid,imsi,ki,opc\n${csvLine(one)}\n"${csvLine(two)}\n`,
      says: /quote opened after line 2 is never closed/,
    },
    {
      kind: "an unknown column",
      file: "sims.csv",
      text: `iccid,imsi,ki,opc,colour\n${csvLine(one)},red\n`,
      says: /unknown column "colour"/,
    },
    {
      kind: "a missing column",
      file: "sims.csv",
      text: `iccid,imsi,opc\n${one.iccid},${one.imsi},${one.opc}\n`,
      says: /ki/,
    },
    { kind: "an empty file", file: "sims.csv", text: "", says: /empty/ },
    {
      kind: "a header without records",
      file: "sims.csv",
      text: "iccid,imsi,ki,opc\n",
      says: /no record/i,
    },
    {
      kind: "malformed JSON on a line",
      file: "sims.jsonl",
      text: `${JSON.stringify(one)}\n{"iccid": "${two.iccid}",\n`,
      says: /line 2/,
    },
    {
      kind: "a Ki that is not 32 hex digits",
      file: "sims.csv",
      text: `iccid,imsi,ki,opc\n${csvLine(one)}\n${two.iccid},${two.imsi},XYZ${two.ki.slice(3)},${two.opc}\n`,
      says: /ki \(line 3\): must be 32 hexadecimal characters/,
    },
    {
      kind: "a repeated ICCID",
      file: "sims.csv",
      text: `iccid,imsi,ki,opc\n${csvLine(one)}\n${csvLine(three)}\n${one.iccid},${three.imsi},${three.ki},${three.opc}\n`,
      says: /line 4/,
    },
  ];

  it.each(malformed)(
    "refuses $kind with exit 2, naming where, and sends nothing",
    async ({ file, text, says }) => {
      cli.sandbox.admin.reset();
      const dir = tempDir();
      const input = join(dir, file);
      writeFileSync(input, text);
      const run = await cli.run([
        ...["ac", "generate-batch", "--config-name", "templateRegular01"],
        ...["--input", input, "--out", join(dir, "out"), "--qr", "none"],
      ]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(says);
      expect(cli.sandbox.admin.profiles().total).toBe(0);
      for (const record of [one, two, three]) {
        expect(run.stderr).not.toContain(record.ki.slice(3));
        expect(run.stderr).not.toContain(record.opc);
      }
    },
  );

  it("stops with exit 3 when the platform refuses the credentials, sending no record", async () => {
    cli.sandbox.admin.reset();
    const dir = tempDir();
    const input = join(dir, "sims.csv");
    writeFileSync(input, toCsv(sampleRecords(3)));
    const run = await cli.run(
      [
        ...["ac", "generate-batch", "--config-name", "templateRegular01"],
        ...["--input", input, "--out", join(dir, "out"), "--qr", "none"],
      ],
      { env: { SIMLESSLY_SECRET_KEY: "a-wrong-secret-key-of-enough-length" } },
    );
    expect(run.code, run.stderr).toBe(3);
    expect(cli.sandbox.admin.profiles().total).toBe(0);
    expect(run.stderr).not.toContain("a-wrong-secret-key-of-enough-length");
  });

  it("settles a batch that ends with a status the docs do not list as unknown, naming it", async () => {
    cli.sandbox.admin.reset();
    cli.sandbox.admin.setBatchEndStatus("FAILED");
    try {
      const dir = tempDir();
      const input = join(dir, "sims.csv");
      writeFileSync(input, toCsv(sampleRecords(5)));
      const out = join(dir, "out");
      const run = await cli.run([
        ...["ac", "generate-batch", "--config-name", "templateRegular01"],
        ...["--input", input, "--out", out, "--qr", "none"],
      ]);
      expect(run.code, run.stderr).toBe(4);
      const rows = resultRows(out);
      expect(rows).toHaveLength(5);
      for (const row of rows) {
        expect(row[1]).toBe("unknown");
        expect(row.join(",")).toContain("the batch ended with status FAILED without a result");
      }
    } finally {
      cli.sandbox.admin.setBatchEndStatus(null);
    }
  });
});
