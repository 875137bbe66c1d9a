// `pnpm bench` (node --expose-gc): how many generateAcByBatch requests of 200 records per
// second the sandbox sustains over loopback, and how much memory a million stored profiles
// take. Prints a Markdown section; `--write` (`pnpm --filter @simlessly/mock bench -- --write`) puts it under "## Sandbox" in
// docs/benchmarks.md (replacing only that section).
//
// The sandbox runs in its own process (as `pnpm sandbox` does) so that the load generator
// does not share its event loop; on a 2-core machine the two still share the CPU.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { cpus, totalmem } from "node:os";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRequestSigner } from "@simlessly/signing";
import { demoCredentials } from "../src/sandbox/credentials/credentials.ts";
import { generateAcByBatch } from "../src/sandbox/engine/rsp-generate.ts";
import { createSandboxEngine } from "../src/sandbox/engine/sandbox-engine.ts";
import { settle } from "../src/sandbox/engine/settle.ts";

const { values } = parseArgs({
  // `pnpm <script> -- --flag` passes the `--` along; it separates nothing here.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "16" },
    profiles: { type: "string", default: "1000000" },
    write: { type: "boolean", default: false },
  },
});
const durationMs = Number(values.duration) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const connections = Number(values.connections);
const profileCount = Number(values.profiles);
const recordsPerBatch = 200;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc (pnpm bench does)");

// ---------------------------------------------------------------- throughput over HTTP

async function startSandboxProcess(): Promise<{
  url: string;
  pid: number;
  stop: () => Promise<void>;
}> {
  const cli = fileURLToPath(new URL("../src/sandbox/cli.ts", import.meta.url));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("SIMLESSLY_")),
  );
  const child = spawn(process.execPath, [cli, "--port", "0", "--seed", "1"], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /Simlessly sandbox on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined && output.includes("Press Ctrl+C")) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
  });
  child.stdout?.resume();
  return {
    url,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A batch body (200 records by default) of ICCIDs never used before (a counter makes them). */
let nextIccid = 0;
function freshBatchBody(count = recordsPerBatch): string {
  const records: string[] = [];
  for (let index = 0; index < count; index++) {
    const n = nextIccid++;
    records.push(
      `{"iccid":"8986${String(n).padStart(16, "0")}","imsi":"4600${String(n).padStart(11, "0")}","ki":"6BE2053E8580B135CD43443380DB7111","opc":"85304194B0D2A2F92847F1594529F6AA"}`,
    );
  }
  return `{"configName":"templateRegular01","metaDatas":[${records.join(",")}]}`;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+([0-9]+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function throughput() {
  const sandbox = await startSandboxProcess();
  const target = new URL(`${sandbox.url}/api/v1/ac/generateByBatch`);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const sign = createRequestSigner({
    scheme: "rsp",
    key: demoCredentials.rsp.accessKey,
    secret: demoCredentials.rsp.secretKey,
  });
  const send = async (): Promise<{ ok: boolean; ms: number }> => {
    const body = freshBatchBody();
    const headers = await sign(body);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const outgoing = request(
        target,
        {
          method: "POST",
          agent,
          headers: {
            ...headers,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({
              ok: response.statusCode === 200 && text.startsWith('{"success":true'),
              ms: performance.now() - started,
            });
          });
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };

  const run = async (ms: number) => {
    const latencies: number[] = [];
    let failures = 0;
    const deadline = performance.now() + ms;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const result = await send();
          latencies.push(result.ms);
          if (!result.ok) failures += 1;
        }
      }),
    );
    return { latencies, failures, elapsedMs: performance.now() - started };
  };

  await run(warmupMs);
  const measured = await run(durationMs);
  const state = (await (
    await fetch(`${sandbox.url}/__sandbox/state`, { headers: { "x-sandbox-admin": "1" } })
  ).json()) as {
    profiles: number;
  };
  const serverRss = rssOf(sandbox.pid);
  agent.destroy();
  await sandbox.stop();
  measured.latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    measured.latencies[
      Math.min(measured.latencies.length - 1, Math.floor(p * measured.latencies.length))
    ] ?? 0;
  return {
    requests: measured.latencies.length,
    failures: measured.failures,
    requestsPerSecond: measured.latencies.length / (measured.elapsedMs / 1000),
    p50: percentile(0.5),
    p99: percentile(0.99),
    profilesStored: state.profiles,
    serverRss,
  };
}

// ---------------------------------------------------------------- memory through the engine

async function memory() {
  const { ctx } = createSandboxEngine({ settings: { batchDelayMs: 0 }, seed: 1 });
  gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  // Each batch body goes through JSON.parse, as over HTTP, so the stored strings are the
  // flat strings a real request leaves behind (the same ICCID counter as the load above).
  nextIccid = 0;
  for (let stored = 0; stored < profileCount; stored += recordsPerBatch) {
    const body = JSON.parse(freshBatchBody(Math.min(recordsPerBatch, profileCount - stored))) as {
      configName: string;
      metaDatas: { iccid: string; imsi: string; ki: string }[];
    };
    generateAcByBatch(ctx, { ...body, encryptionMode: 1, needAcLink: false });
    settle(ctx);
  }
  const fillMs = performance.now() - started;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc?.();
  const after = process.memoryUsage();
  if (ctx.state.profiles.size !== profileCount) throw new Error("not every profile was stored");
  return {
    profiles: ctx.state.profiles.size,
    batches: ctx.state.rspBatches.size,
    fillMs,
    heapUsed: after.heapUsed,
    heapDelta: after.heapUsed - before.heapUsed,
    rss: after.rss,
    rssDelta: after.rss - before.rss,
  };
}

// ---------------------------------------------------------------- report

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const load = await throughput();
const stored = await memory();
const cpu = cpus()[0]?.model.trim() ?? "unknown";
const report = `## Sandbox

\`pnpm --filter @simlessly/mock bench\` (packages/mock/bench/sandbox.bench.ts), ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpus().length} CPUs (${cpu}), ${mib(totalmem())} RAM, Node ${process.version}. The sandbox
runs in its own process (\`pnpm sandbox\`, default settings: 1 s batch delay, no faults) and the load
generator in another, sharing the same CPUs.

**generateAcByBatch throughput.** ${connections} keep-alive connections for ${durationMs / 1000} s after a
${warmupMs / 1000} s warm-up; every request is freshly signed (RSP scheme) and carries ${recordsPerBatch} new ICCIDs
(with Ki and OPc), so each one is authenticated, parsed, validated against the strict zod
schema, counted per ICCID and later completed into ${recordsPerBatch} profiles. The store grows during the
run (to the "profiles stored" below), so later requests insert into a larger map and give the
garbage collector more to do. The rate depends on whatever else runs on the machine: on a
2-core machine shared with other builds, runs of this benchmark varied by a factor of two.

| requests | failed | requests/s | records/s | p50 | p99 | profiles stored | sandbox RSS after |
| --- | --- | --- | --- | --- | --- | --- | --- |
| ${load.requests} | ${load.failures} | ${load.requestsPerSecond.toFixed(0)} | ${(load.requestsPerSecond * recordsPerBatch).toFixed(0)} | ${load.p50.toFixed(1)} ms | ${load.p99.toFixed(1)} ms | ${load.profilesStored} | ${mib(load.serverRss)} |

**Memory of ${stored.profiles.toLocaleString("en-US")} stored profiles.** Filled through the engine (no HTTP) as
${stored.batches.toLocaleString("en-US")} completed batches of ${recordsPerBatch}, batch results kept; measured after \`gc()\`.

| profiles | fill time | heap used | heap growth | per profile | RSS | RSS growth |
| --- | --- | --- | --- | --- | --- | --- |
| ${stored.profiles} | ${(stored.fillMs / 1000).toFixed(1)} s | ${mib(stored.heapUsed)} | ${mib(stored.heapDelta)} | ${(stored.heapDelta / stored.profiles).toFixed(0)} B | ${mib(stored.rss)} | ${mib(stored.rssDelta)} |

A profile is one small record keyed by ICCID (status, submission count, generation,
configuration, creation time, IMSI, EID); SIM keys are never stored and activation codes are
derived on demand, so they cost nothing per profile.
`;

console.log(report);

if (values.write) {
  const file = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));
  let text = "";
  try {
    text = await readFile(file, "utf8");
  } catch {
    text = "# Benchmarks\n";
  }
  // Replace only this section (up to the next level-2 heading); leave every other one alone.
  const section = /^## Sandbox\n[\s\S]*?(?=^## |(?![\s\S]))/m;
  const updated = section.test(text)
    ? text.replace(section, `${report}\n`)
    : `${text.trimEnd()}\n\n${report}`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, updated);
  console.log(`written to ${file}`);
}
