// Starts the stateful sandbox of @simlessly/mock in its own process, as `pnpm sandbox` does, so
// that the program measured does not share its event loop (on a 2-core machine the two still
// share the CPUs). Every run gets a fresh one: an empty store, the same seed and batch delay.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The sandbox's published demo RSP credentials (packages/mock/README.md, "Credentials"). */
export const demoRspCredentials = {
  accessKey: "sandboxaccesskey0000000000000001",
  secretKey: "sandboxsecretkey0000000000000001",
};

export interface SandboxProcess {
  readonly url: string;
  readonly pid: number;
  /** The sandbox's current resident set size, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

const cli = fileURLToPath(new URL("../../../packages/mock/src/sandbox/cli.ts", import.meta.url));

export async function startSandbox(batchDelayMs: number): Promise<SandboxProcess> {
  // Without SIMLESSLY_* variables the sandbox accepts its demo credentials.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SIMLESSLY_")),
  );
  const child = spawn(
    process.execPath,
    [cli, "--port", "0", "--seed", "1", "--batch-delay", String(batchDelayMs)],
    { env, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /Simlessly sandbox on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined && output.includes("Press Ctrl+C")) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
  });
  child.stdout.resume();
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rss: () => {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      return Number(/VmRSS:\s+([0-9]+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
