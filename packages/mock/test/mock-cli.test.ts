// `pnpm mock` (src/cli.ts) as a user stops it: Ctrl+C, which under `pnpm run` reaches the
// process twice (from the terminal and forwarded by pnpm), must end in exit 0 with Prism's
// processes gone, or pnpm reports the script as failed.
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("pnpm mock", () => {
  it("stops its Prism servers and exits 0 on a repeated SIGINT", async () => {
    // A port range of its own, away from the default 4010-4012 a developer may be using.
    const child = spawn(process.execPath, [cli, "--", "--port", "4710"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not up:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("Press Ctrl+C")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const answer = await fetch("http://127.0.0.1:4712/", { signal: AbortSignal.timeout(5000) });
    expect(answer.status).toBeGreaterThan(0);
    const prismPids = childPids(child.pid ?? 0);
    expect(prismPids).toHaveLength(3);

    const exit = new Promise((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    child.kill("SIGINT");
    // The forwarded copy comes a moment later, while Prism is being stopped.
    await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    expect(await exit).toEqual({ code: 0, signal: null });
    for (const pid of prismPids) expect(isRunning(pid), `Prism process ${pid}`).toBe(false);
  }, 90_000);
});

/** The direct children of `pid` (procps `ps`, as on Linux). */
function childPids(pid: number): number[] {
  const listing = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  return listing
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}
