import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { Clock } from "../src/batch/clock.ts";
import type { GenerateBatchIo } from "../src/batch/generate-batch-types.ts";
import type { TextSink } from "../src/core/terminal.ts";
import { createStyle } from "../src/core/terminal.ts";

/** A text sink that keeps what is written. */
export class MemorySink implements TextSink {
  text = "";
  readonly isTTY: boolean;

  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }

  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

/** A clock whose sleeps return at once while time moves on by the slept amount. */
export function instantClock(start = 1_700_000_000_000): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      slept.push(ms);
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
  };
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "simlessly-cli-test-"));
}

/** Pipeline effects for tests: captured stderr, no colours, an instant clock. */
export function testIo(cwd: string, stdin = ""): GenerateBatchIo & { stderr: MemorySink } {
  return {
    stdin: Readable.from([Buffer.from(stdin)]),
    stderr: new MemorySink(),
    style: createStyle(false),
    clock: instantClock(),
    cwd,
    tool: "simlessly test",
  };
}

/**
 * A clock whose time moves only from one sleeper's wake-up to the next: every pending sleep
 * is a timer, and a little real time after the last one was set (so that file and network
 * I/O in between can finish) the earliest timer fires and time jumps to it. Concurrent waits
 * overlap as they would in real time, so a run's simulated length can be measured.
 */
export function virtualClock(start = 1_700_000_000_000): Clock {
  let now = start;
  const timers: { at: number; resolve: () => void }[] = [];
  let pumping: NodeJS.Timeout | undefined;
  const pump = () => {
    pumping = undefined;
    timers.sort((a, b) => a.at - b.at);
    const next = timers.shift();
    if (next === undefined) return;
    now = Math.max(now, next.at);
    next.resolve();
    if (timers.length > 0) pumping = setTimeout(pump, 2);
  };
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const timer = {
          at: now + ms,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const index = timers.indexOf(timer);
          if (index !== -1) timers.splice(index, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        timers.push(timer);
        if (pumping === undefined) pumping = setTimeout(pump, 2);
      }),
    random: () => 0.5,
  };
}
