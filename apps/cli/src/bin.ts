#!/usr/bin/env node
// The `simlessly` executable: wires the process to runCli and sets the exit code. The rest is
// imported after the heap check, so a re-executed process loads it only once.
import { reexecWithBoundedHeap } from "./cli/heap-tuning.ts";

const args = process.argv.slice(2);
reexecWithBoundedHeap(args);
const { defaultContext } = await import("./default-context.ts");
const { runCli } = await import("./main.ts");
process.exitCode = await runCli(args, defaultContext());
