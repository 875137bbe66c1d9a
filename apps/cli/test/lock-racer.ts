// A child process that takes and releases run locks on command, for the lock race test. Each
// line of stdin is a command, each answer a line of stdout:
//   take DIR [AT]   → `held` or `refused` (AT: wait until this Date.now() before trying,
//                     so two racers start within a millisecond of each other)
//   release DIR     → `released`
// Run with Node's type stripping: node lock-racer.ts
import { createInterface } from "node:readline";
import { acquireRunLock, type RunLock } from "../src/batch/run-lock.ts";
import { CliError } from "../src/core/cli-error.ts";

const held = new Map<string, RunLock>();

for await (const line of createInterface({ input: process.stdin })) {
  const [command, dir, at] = line.split(" ");
  if (dir === undefined) continue;
  if (command === "take") {
    const start = Number(at ?? 0);
    while (Date.now() < start) {
      // Spin: a timer would wake the two racers milliseconds apart.
    }
    try {
      held.set(dir, acquireRunLock(dir));
      process.stdout.write("held\n");
    } catch (error) {
      process.stdout.write(error instanceof CliError ? "refused\n" : `error ${String(error)}\n`);
    }
  } else if (command === "release") {
    held.get(dir)?.release();
    held.delete(dir);
    process.stdout.write("released\n");
  }
}
