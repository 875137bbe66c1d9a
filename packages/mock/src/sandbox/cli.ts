// The `pnpm sandbox` entry point; `simlessly sandbox` runs the same command.
import { runSandboxCommand } from "./command.ts";

await runSandboxCommand(process.argv.slice(2));
