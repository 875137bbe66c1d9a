// A release rehearsed end to end, the way a team meets it: the workspace is copied to a
// temporary git repository (versions, CHANGELOGs, the commit and the tags happen there, never
// in this tree), released with the same code as `pnpm release` to a throwaway Verdaccio, then
// installed with plain npm into projects outside the workspace, one on the machine's Node (20
// on a fresh machine) and one on the pinned Node 24. A consumer of the typed clients and
// errors must type-check; on each Node, `npx simlessly sandbox` and `npx simlessly ac
// generate-batch` must work against each other, and so must the consumer's typed call.
// dist/ comes from this tree's build (turbo builds every package before this test), so the
// copy is released without building again; the CLI reads its version at run time.
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertNoWorkspaceRanges } from "../src/published-manifests.ts";
import { type LocalRegistry, startRegistry } from "../src/registry.ts";
import { type Published, release } from "../src/release.ts";
import { run } from "../src/run.ts";
import { copyWorkspace } from "../src/workspace-copy.ts";
import {
  createScratchProject,
  npmInstall,
  outsideEnv,
  type RunningSandbox,
  startSandbox,
} from "./scratch-project.ts";

const workspace = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** What a team installs; @types/node is the consumer's own, for its use of `process`. */
const installed = ["@simlessly/client", "@simlessly/cli", "@simlessly/mock"] as const;
const typesNode = "@types/node@24.19.2";

/** The pinned Node 24's real binary, found by asking it: the workspace's bin is a link. */
const pinnedNode = execFileSync(join(workspace, "node_modules/.bin/node"), [
  "-p",
  "process.execPath",
])
  .toString()
  .trim();

/** One Node the released packages are installed and run on. */
interface Runtime {
  readonly label: string;
  /** The folder put first on PATH, or null for the machine's own `node`. */
  readonly nodeDir: string | null;
  /** Whether the project refuses Scarf's install script (the install SECURITY.md advises). */
  readonly denyScarf: boolean;
}
const runtimes: readonly Runtime[] = [
  { label: "the machine's Node", nodeDir: null, denyScarf: false },
  { label: "the pinned Node 24", nodeDir: dirname(pinnedNode), denyScarf: true },
];

/** What one install left behind for the checks. */
interface Install {
  readonly folder: string;
  readonly env: NodeJS.ProcessEnv;
  readonly nodeVersion: string;
  readonly warnings: string[];
}

let registry: LocalRegistry | undefined;
let copy: string | undefined;
let scratch: string | undefined;
let published: Published[] = [];
let versionBefore: string;
let typeCheck: string | null = "not run";
const installs = new Map<string, Install>();
const timings: string[] = [];

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function install(runtime: Runtime, under: string, url: string, version: string) {
  const folder = join(under, runtime.nodeDir === null ? "machine-node" : "pinned-node");
  const env = outsideEnv(runtime.nodeDir);
  await createScratchProject(folder, url, runtime.denyScarf);
  const nodeVersion = (await run("node", ["--version"], { env })).stdout.trim();
  const specs = [...installed.map((name) => `${name}@${version}`), typesNode];
  const warnings = await timed(`npm install on ${nodeVersion}`, () =>
    npmInstall(folder, env, specs),
  );
  return { folder, env, nodeVersion, warnings };
}

/** tsc over the consumer: null when it compiled cleanly, else what tsc said. */
async function compileConsumer(folder: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const tsc = join(workspace, "node_modules/typescript/bin/tsc");
  try {
    await run(process.execPath, [tsc, "-p", "tsconfig.json"], {
      cwd: folder,
      env,
      timeout: 120_000,
    });
    return null;
  } catch (error) {
    return String(error);
  }
}

beforeAll(async () => {
  const client = join(workspace, "packages/client/package.json");
  versionBefore = (JSON.parse(await readFile(client, "utf8")) as { version: string }).version;
  const under = await mkdtemp(join(tmpdir(), "simlessly-consumer-"));
  scratch = under;
  // Both kept as soon as they exist, so that afterAll cleans up whichever one failed.
  const [started, copied] = await timed("registry and workspace copy", () =>
    Promise.all([
      startRegistry().then((running) => (registry = running)),
      copyWorkspace(workspace).then((folder) => (copy = folder)),
    ]),
  );
  published = await timed("changeset version and publish", () =>
    release({ root: copied, registry: started.url, npmrc: started.npmrc, build: false }),
  );
  const version = published.find(({ name }) => name === "@simlessly/client")?.version;
  if (version === undefined) throw new Error("@simlessly/client was not published");
  // In sequence: the first install fills npm's cache, the second takes every tarball from it.
  for (const runtime of runtimes)
    installs.set(runtime.label, await install(runtime, under, started.url, version));
  // Types do not depend on the Node that runs them: type-check once (tsc on the pinned Node),
  // and let both projects run the JavaScript it wrote.
  const [first, ...others] = [...installs.values()];
  if (first === undefined) throw new Error("nothing was installed");
  typeCheck = await timed("tsc over the consumer", () => compileConsumer(first.folder, first.env));
  for (const other of others)
    await cp(join(first.folder, "dist"), join(other.folder, "dist"), { recursive: true });
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  if (copy !== undefined) await rm(copy, { recursive: true, force: true });
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  console.log(`release rehearsal timings:\n  ${timings.join("\n  ")}`);
});

describe("a rehearsed release", () => {
  it("publishes every public package with a new version, a CHANGELOG and a tag", async () => {
    if (copy === undefined) throw new Error("no copy");
    expect(published.map(({ name }) => name).sort()).toEqual([
      "@simlessly/cli",
      "@simlessly/client",
      "@simlessly/contract",
      "@simlessly/mock",
      "@simlessly/signing",
      "@simlessly/spec",
    ]);
    const tags = (await run("git", ["tag", "--list"], { cwd: copy })).stdout.split("\n");
    for (const { name, version } of published) {
      expect(version).not.toBe(versionBefore);
      expect(tags).toContain(`${name}@${version}`);
    }
    expect(await readFile(join(copy, "packages/client/CHANGELOG.md"), "utf8")).toMatch(
      /^# @simlessly\/client\n/,
    );
    // The copy's changesets were used up; this tree still has its own.
    const left = (await readdir(join(copy, ".changeset"))).filter((file) => file.endsWith(".md"));
    expect(left).toEqual(["README.md"]);
    expect((await readdir(join(workspace, ".changeset"))).length).toBeGreaterThan(2);
  });

  it("serves manifests with real versions in place of workspace: and catalog: ranges", async () => {
    if (registry === undefined) throw new Error("no registry");
    await assertNoWorkspaceRanges(registry.url, published);
  });

  it("type-checks a consumer of the typed clients and errors against the installed packages", () => {
    expect(typeCheck).toBeNull();
  });
});

describe.each(runtimes)("installed with npm on $label", (runtime) => {
  const current = () => {
    const found = installs.get(runtime.label);
    if (found === undefined) throw new Error(`no install on ${runtime.label}`);
    return found;
  };

  it("installs the released tarballs, with no workspace: or catalog: range inside", async () => {
    const { folder, nodeVersion, warnings } = current();
    // Recorded on every run: what npm tells a team that installs the release.
    console.log(`npm warnings on ${nodeVersion}:\n  ${warnings.join("\n  ") || "(none)"}`);
    let found = 0;
    for (const { name, version } of published) {
      const manifest = join(folder, "node_modules", name, "package.json");
      const text = await readFile(manifest, "utf8").catch(() => null);
      // Only the packages that the three installed ones need are there.
      if (text === null) continue;
      found++;
      expect(text).not.toMatch(/"(workspace|catalog):/);
      expect((JSON.parse(text) as { version: string }).version).toBe(version);
    }
    expect(found).toBeGreaterThanOrEqual(installed.length);
    expect(warnings.filter((line) => /EBADENGINE/.test(line) && /@simlessly\//.test(line))).toEqual(
      [],
    );
    if (runtime.denyScarf)
      expect(warnings.filter((line) => /install-scripts/.test(line))).toEqual([]);
  });

  it("runs npx simlessly sandbox and ac generate-batch against it, and a typed call", async () => {
    const { folder, env } = current();
    let sandbox: RunningSandbox | undefined;
    try {
      sandbox = await startSandbox(folder, env);
      expect(Object.keys(sandbox.settings)).toContain("SIMLESSLY_BASE_URL");
      const settings = { ...env, ...sandbox.settings };
      const records = [
        "iccid,imsi,ki",
        "89860468152080349626,460048867619626,6BE2053E8580B135CD43443380DB7112",
        "89860468152080349634,460048867619634,6BE2053E8580B135CD43443380DB7113",
      ];
      await writeFile(join(folder, "sims.csv"), `${records.join("\n")}\n`);
      const generate = ["ac", "generate-batch", "--config-name", "templateRegular01"];
      await run(
        "npx",
        ["--no-install", "simlessly", ...generate, "--input", "sims.csv", "--out", "out"],
        {
          cwd: folder,
          env: settings,
          timeout: 120_000,
        },
      );
      const results = await readFile(join(folder, "out", "results.csv"), "utf8");
      expect(results.trim().split("\n")).toHaveLength(records.length);

      const { stdout } = await run("node", ["dist/consumer.js"], {
        cwd: folder,
        env: settings,
        timeout: 60_000,
      });
      const answer = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as {
        batchCode: string;
        status: string;
        refusal: { name: string; httpStatus: number; credentials: boolean } | null;
      };
      expect(answer.batchCode).toMatch(/\S/);
      expect(["PROCESSING", "COMPLETE"]).toContain(answer.status);
      expect(answer.refusal).toMatchObject({ name: "SimlesslyApiError", credentials: true });
    } finally {
      await sandbox?.stop();
    }
  });

  it("answers a malformed JSON body through the installed Prism with 400, quickly", async () => {
    const { folder, env } = current();
    const { stdout } = await run("node", ["prism-malformed-json.mjs"], {
      cwd: folder,
      env,
      timeout: 90_000,
    });
    const answer = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as {
      status: number | null;
      ms?: number;
    };
    expect(answer).toMatchObject({ status: 400 });
    expect(answer.ms).toBeLessThan(2_000);
  });
});
