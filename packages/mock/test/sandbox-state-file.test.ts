// The `--data` state file holds the key every activation code is derived from: it is written
// owner-only, through a temporary file nobody can predict or plant (a symlink at FILE.tmp is
// not followed), and a file others can read is narrowed when it is loaded.
import {
  chmod,
  lstat,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSandbox, type Sandbox, type SandboxOptions } from "../src/index.ts";
import { createTestClients } from "./sandbox-clients.ts";
import { iccid, simRecord } from "./sandbox-fixtures.ts";

const S = 22;
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "sandbox-state-file-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});
const running: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
  vi.restoreAllMocks();
});

/** A folder of its own for one test. */
function folder(): Promise<string> {
  return mkdtemp(join(directory, "case-"));
}

async function start(options: SandboxOptions) {
  const sandbox = await createSandbox({ env: {}, batchDelayMs: 0, seed: 4, ...options });
  running.push(sandbox);
  return sandbox;
}

/** Runs a sandbox on `dataFile` that generates one profile, then stops it (which saves). */
async function saveOneProfile(dataFile: string, index: number): Promise<void> {
  const sandbox = await start({ dataFile });
  const clients = createTestClients({
    rspUrl: sandbox.url,
    eimUrl: sandbox.url,
    cmpUrl: sandbox.url,
    credentials: sandbox.credentials,
  });
  const generated = await clients.rsp.call("generateAc", {
    configName: "templateRegular01",
    ...simRecord(S, index),
  });
  expect(generated.body).toMatchObject({ success: true });
  await sandbox.stop();
}

const permissions = async (path: string) => (await stat(path)).mode & 0o777;

describe.skipIf(process.platform === "win32")("the state file", () => {
  it("is written readable and writable by its owner only", async () => {
    const dataFile = join(await folder(), "state.jsonl");
    await saveOneProfile(dataFile, 1);
    expect(await permissions(dataFile)).toBe(0o600);
  });

  it("is not written through a symlink planted at FILE.tmp, and leaves no temporary file", async () => {
    const where = await folder();
    const dataFile = join(where, "state.jsonl");
    const victim = join(where, "victim.txt");
    await writeFile(victim, "left alone\n", { mode: 0o644 });
    await symlink(victim, `${dataFile}.tmp`);

    await saveOneProfile(dataFile, 2);

    expect(await readFile(victim, "utf8")).toBe("left alone\n");
    expect((await lstat(`${dataFile}.tmp`)).isSymbolicLink()).toBe(true);
    expect((await lstat(dataFile)).isFile()).toBe(true);
    expect(await permissions(dataFile)).toBe(0o600);
    expect((await readdir(where)).sort()).toEqual(["state.jsonl", "state.jsonl.tmp", "victim.txt"]);
    const again = await start({ dataFile });
    expect(again.admin.profiles({ iccid: iccid(S, 2) }).total).toBe(1);
  });

  it("is narrowed to owner-only when it is loaded while others can read it, without showing its key", async () => {
    const dataFile = join(await folder(), "state.jsonl");
    await saveOneProfile(dataFile, 3);
    await chmod(dataFile, 0o644);
    const codeKey = (
      JSON.parse((await readFile(dataFile, "utf8")).split("\n")[0] ?? "{}") as {
        codeKey: string;
      }
    ).codeKey;
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});

    const sandbox = await start({ dataFile });

    expect(await permissions(dataFile)).toBe(0o600);
    expect(sandbox.admin.profiles({ iccid: iccid(S, 3) }).total).toBe(1);
    const notices = printed.mock.calls.map((call) => call.join(" ")).join("\n");
    expect(notices).toContain("owner-only");
    expect(notices).not.toContain(codeKey);
  });
});
