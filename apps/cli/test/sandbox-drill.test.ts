import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createSandbox, type Sandbox } from "@simlessly/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRecord, writeSampleCsv } from "./sample-records.ts";
import { acceptsAsCurrent, allProfiles } from "./sandbox-profiles.ts";
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

/** How many batch codes the journal holds: the submissions whose answers reached it. */
function journaledAnswers(out: string): number {
  const path = join(out, "journal.jsonl");
  if (!existsSync(path)) return 0;
  return readFileSync(path, "utf8").split('"event":"submitted"').length - 1;
}

/**
 * One CLI run at debug verbosity; killed with SIGKILL once `killWhen` holds (checked every
 * millisecond). The sandbox runs in this process, so a check right after it took a batch sees
 * the batch before the CLI has its answer.
 */
function runCli(
  dir: string,
  flags: readonly string[],
  killWhen?: (out: string) => boolean,
): Promise<Exit> {
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
      killWhen === undefined
        ? undefined
        : setInterval(() => {
            if (killWhen(out)) child.kill("SIGKILL");
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
  it("resumes a 20,000-record run killed at several points, one between sending a batch and journaling its answer: with --recover-lost-codes every ICCID has one row, with the code the sandbox holds; no secret in any output", async () => {
    sandbox.admin.reset();
    const dir = tempDir();
    writeSampleCsv(join(dir, "in.csv"), records);
    const out = join(dir, "out");
    const outputs: string[] = [];
    // First, a kill right after the sandbox took a batch whose answer the journal lacks.
    const taken = () => sandbox.admin.summary().rspBatches;
    const cut = await runCli(dir, [], (at) => taken() >= 5 && taken() > journaledAnswers(at));
    outputs.push(cut.output);
    expect(cut.signal).toBe("SIGKILL");
    // Then kills at moments picked by the journal's length: start, then about three lines
    // per chunk of 200.
    const kills: number[] = [];
    for (const killAt of [40, 110, 190, 260]) {
      const exit = await runCli(dir, ["--resume"], (at) => journalLines(at) >= killAt);
      outputs.push(exit.output);
      if (exit.signal !== "SIGKILL") break;
      kills.push(killAt);
    }
    expect(kills.length).toBeGreaterThanOrEqual(3);
    // Plain --resume never sends a record again, whatever the kills cut.
    expect(allProfiles(sandbox).filter((profile) => profile.submissions > 1)).toEqual([]);
    const last = await runCli(dir, ["--resume", "--recover-lost-codes", "--json"]);
    outputs.push(last.output);
    expect(last.code, last.output.slice(-2000)).toBe(0);

    // Every ICCID exactly once in results.csv, with a code.
    const rows = readFileSync(join(out, "results.csv"), "utf8").trimEnd().split("\n").slice(1);
    const byIccid = new Map(rows.map((row) => [row.slice(0, row.indexOf(",")), row.split(",")]));
    expect(rows).toHaveLength(records);
    expect(byIccid.size).toBe(records);
    for (let n = 1; n <= records; n += 1) {
      expect(byIccid.get(sampleRecord(n).iccid)?.[1]).toBe("success");
    }

    // The sandbox's counts. An ICCID reached it more than once only when a kill cut its
    // chunk between sending and journaling the answer: the resent record came back "already
    // exists", and recovery deleted the profile nobody had the code of and made it again.
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
    const remade: string[] = [];
    const untouched: string[] = [];
    for (const profile of profiles) {
      if (profile.submissions === 1) {
        expect(profile.generation).toBe(1);
        untouched.push(profile.iccid);
        continue;
      }
      // The batch, the resent batch, and the single generation after the deletion.
      expect(profile.submissions).toBe(3);
      expect(profile.generation).toBe(2);
      expect(attemptsOfChunk.get(chunkOfIccid.get(profile.iccid) ?? -1)).toBe(2);
      remade.push(profile.iccid);
    }
    expect(remade.length).toBeGreaterThanOrEqual(1);
    // The codes in results.csv are the ones the sandbox takes as current: every remade one
    // (up to 200) and some of the others.
    for (const iccid of [...remade.slice(0, 200), ...untouched.slice(0, 20)]) {
      const code = byIccid.get(iccid)?.[2] as string;
      expect(await acceptsAsCurrent(sandbox, iccid, code), iccid).toBe(true);
    }

    // At debug verbosity no Ki or OPc of the input reached stdout, stderr, the journal or
    // the results: every 32-hex token written anywhere is checked against all of them.
    expect(outputs.join("")).toContain("debug: simlessly request");
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
