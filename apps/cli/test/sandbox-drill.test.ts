import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createSandbox, type Sandbox } from "@simlessly/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRecord, writeSampleCsv } from "./sample-records.ts";
import { allProfiles } from "./sandbox-profiles.ts";
import { tempDir } from "./test-io.ts";

// The drill of the real thing: the `simlessly` executable in a child process, against the
// stateful sandbox over loopback HTTP, killed with SIGKILL at several points of a
// 20,000-record run and resumed until done. The sandbox counts every submission of every
// ICCID, so "none submitted twice" is checked where it happens, not where the CLI says so.
// The child runs src/bin.ts on Node's type stripping, as the project's pinned Node does.

const records = 20_000;
const bin = join(import.meta.dirname, "..", "src", "bin.ts");

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ env: {}, seed: 5, batchDelayMs: 100 });
});
afterAll(() => sandbox.stop());

function journalLines(out: string): number {
  const path = join(out, "journal.jsonl");
  return existsSync(path) ? readFileSync(path, "utf8").split("\n").length - 1 : 0;
}

/** One CLI run at debug verbosity; killed with SIGKILL once the journal has `killAt` lines. */
function runCli(dir: string, flags: readonly string[], killAt?: number): Promise<Exit> {
  const out = join(dir, "out");
  const { accessKey, secretKey } = sandbox.credentials.rsp;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        bin,
        ...["ac", "generate-batch", "--config-name", "templateRegular01", "--verbose"],
        ...["--input", join(dir, "in.csv"), "--out", out, "--qr", "none"],
        ...["--poll-interval", "0.05", ...flags],
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          SIMLESSLY_BASE_URL: sandbox.url,
          SIMLESSLY_ACCESS_KEY: accessKey,
          SIMLESSLY_SECRET_KEY: secretKey,
        },
      },
    );
    let output = "";
    const keep = (part: Buffer) => {
      output += part.toString("utf8");
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const watcher =
      killAt === undefined
        ? undefined
        : setInterval(() => {
            if (journalLines(out) >= killAt) child.kill("SIGKILL");
          }, 1);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearInterval(watcher);
      resolve({ code, signal, output });
    });
  });
}

interface JournalEvent {
  readonly event: string;
  readonly chunk?: number;
  readonly iccids?: readonly string[];
}

function journal(out: string): JournalEvent[] {
  return readFileSync(join(out, "journal.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as JournalEvent);
}

describe("kill -9 drill against the sandbox", () => {
  it("resumes a 20,000-record run killed at several points: every ICCID once in results.csv, none generated twice, no secret in any output", async () => {
    sandbox.admin.reset();
    const dir = tempDir();
    writeSampleCsv(join(dir, "in.csv"), records);
    const out = join(dir, "out");
    const outputs: string[] = [];
    // A journal line per planned event: start, then about three per chunk of 200.
    const kills: number[] = [];
    for (const killAt of [3, 40, 110, 190, 260]) {
      const exit = await runCli(dir, journalLines(out) === 0 ? [] : ["--resume"], killAt);
      outputs.push(exit.output);
      if (exit.signal !== "SIGKILL") break;
      kills.push(killAt);
    }
    expect(kills.length).toBeGreaterThanOrEqual(4);
    // Plain --resume never sends a record again, whatever the kills cut.
    expect(allProfiles(sandbox).filter((profile) => profile.submissions > 1)).toEqual([]);
    const last = await runCli(dir, ["--resume", "--resubmit-unknown", "--json"]);
    outputs.push(last.output);
    expect([0, 1], last.output.slice(-2000)).toContain(last.code);

    // Every ICCID exactly once in results.csv.
    const rows = readFileSync(join(out, "results.csv"), "utf8").trimEnd().split("\n").slice(1);
    const byIccid = new Map(rows.map((row) => [row.slice(0, row.indexOf(",")), row]));
    expect(rows).toHaveLength(records);
    expect(byIccid.size).toBe(records);
    for (let n = 1; n <= records; n += 1) {
      expect(byIccid.has(sampleRecord(n).iccid)).toBe(true);
    }

    // The sandbox's counts: one profile per ICCID. An ICCID reached it twice only when a
    // kill cut its chunk between sending and journaling the answer, and the resent record
    // was refused ("already exists"), never generated again.
    const events = journal(out);
    const attemptsOfChunk = new Map<number, number>();
    const chunkOfIccid = new Map<string, number>();
    for (const event of events) {
      if (event.event !== "submitting" || event.chunk === undefined) continue;
      attemptsOfChunk.set(event.chunk, (attemptsOfChunk.get(event.chunk) ?? 0) + 1);
      for (const iccid of event.iccids ?? []) chunkOfIccid.set(iccid, event.chunk);
    }
    const profiles = allProfiles(sandbox);
    expect(profiles).toHaveLength(records);
    let twice = 0;
    for (const profile of profiles) {
      expect(profile.generation).toBe(1);
      expect(profile.submissions).toBeLessThanOrEqual(2);
      if (profile.submissions === 1) continue;
      twice += 1;
      const chunk = chunkOfIccid.get(profile.iccid) ?? -1;
      expect(attemptsOfChunk.get(chunk)).toBe(2);
      expect(byIccid.get(profile.iccid)).toMatch(/,failed,.*already exists/i);
    }
    const resent = [...attemptsOfChunk.values()].filter((attempts) => attempts > 1).length;
    expect(twice).toBeLessThanOrEqual(resent * 200);
    console.log("DBG kills", kills, "resent chunks", resent, "twice", twice, "exit", last.code);

    // At debug verbosity no Ki or OPc of the input reached stdout, stderr, the journal or
    // the results: every 32-hex token written anywhere is checked against all of them.
    expect(outputs.join("")).toContain("simlessly debug:");
    const inputSecrets = new Set<string>();
    for (let n = 1; n <= records; n += 1) {
      const record = sampleRecord(n);
      inputSecrets.add(record.ki).add(record.opc);
    }
    const written = [
      ...outputs,
      readFileSync(join(out, "journal.jsonl"), "utf8"),
      rows.join("\n"),
    ].join("\n");
    const secretsIn = (text: string) =>
      (text.toUpperCase().match(/[0-9A-F]{32}/g) ?? []).filter((token) => inputSecrets.has(token));
    // The detector finds them where they are (the input) and nowhere else.
    expect(secretsIn(readFileSync(join(dir, "in.csv"), "utf8"))).toHaveLength(2 * records);
    expect(secretsIn(written)).toHaveLength(0);
    expect(written).not.toContain(sandbox.credentials.rsp.secretKey);
  }, 240_000);
});
