import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeout?: number;
}

/**
 * Runs a command to its end and returns what it printed. A failure carries the end of both
 * outputs, which execFile's own error leaves out; nothing here ever holds a token, so the
 * output is safe to show.
 */
export async function run(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const {
      stdout = "",
      stderr = "",
      killed,
      signal,
    } = error as {
      stdout?: string;
      stderr?: string;
      killed?: boolean;
      signal?: string;
    };
    throw new Error(
      `${command} ${args.join(" ")} failed${killed ? ` (killed, ${signal})` : ""}:\n${String(stderr).slice(-3000)}\n${String(stdout).slice(-1500)}`,
    );
  }
}
