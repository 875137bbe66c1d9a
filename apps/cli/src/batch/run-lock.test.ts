import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/test-io.ts";
import { acquireRunLock } from "./run-lock.ts";

const racerScript = join(import.meta.dirname, "../../test/lock-racer.ts");

/** A racer child process and a way to send it one command and read its answer. */
function startRacer() {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [racerScript]);
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    async send(command: string): Promise<string> {
      child.stdin.write(`${command}\n`);
      const next = await answers.next();
      return next.done === true ? "exited" : next.value;
    },
  };
}

const racers: ReturnType<typeof startRacer>[] = [];
afterEach(() => {
  for (const racer of racers.splice(0)) racer.child.kill("SIGKILL");
});

describe("acquireRunLock", () => {
  it("refuses a folder another live run holds and takes it once released", () => {
    const dir = tempDir();
    const first = acquireRunLock(dir, process.pid);
    expect(() => acquireRunLock(dir, process.pid)).toThrow(/another simlessly run .* wait/);
    first.release();
    const second = acquireRunLock(dir, process.pid);
    expect(second.tookOverStale).toBe(false);
    second.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("takes over the lock of a dead run and leaves only its own", () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".lock.3"), "2147483646\n");
    writeFileSync(join(dir, ".lock.1"), "garbage");
    const lock = acquireRunLock(dir, process.pid);
    expect(lock.tookOverStale).toBe(true);
    expect(readdirSync(dir)).toEqual([".lock.4"]);
    lock.release();
  });

  it("lets exactly one of two processes take over a dead run's lock, in every one of 30 races", async () => {
    const root = tempDir();
    const dirs = Array.from({ length: 30 }, (_, index) => join(root, String(index)));
    // A run that holds every folder, then dies with kill -9, leaving its locks behind.
    const victim = startRacer();
    for (const dir of dirs) {
      mkdirSync(dir);
      expect(await victim.send(`take ${dir}`)).toBe("held");
    }
    victim.child.kill("SIGKILL");
    await once(victim.child, "exit");

    const pair = [startRacer(), startRacer()];
    racers.push(...pair);
    const winners: number[] = [];
    for (const dir of dirs) {
      const at = Date.now() + 40;
      const answers = await Promise.all(pair.map((racer) => racer.send(`take ${dir} ${at}`)));
      expect(answers.every((answer) => answer === "held" || answer === "refused")).toBe(true);
      winners.push(answers.filter((answer) => answer === "held").length);
      const holder = pair[answers.indexOf("held")];
      if (holder !== undefined) expect(await holder.send(`release ${dir}`)).toBe("released");
    }
    expect(winners).toEqual(Array(30).fill(1));
  });
});
