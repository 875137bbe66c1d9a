import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { Clock } from "../src/batch/clock.ts";
import type { GenerateBatchIo } from "../src/batch/generate-batch-types.ts";
import type { TextSink } from "../src/cli/terminal.ts";
import { createStyle } from "../src/cli/terminal.ts";

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
