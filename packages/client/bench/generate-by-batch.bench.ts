// A typed generateAcByBatch call of 200 records against raw `fetch` with a hand-made
// signature over the same body, to the same local server (a worker thread answering a fixed
// success envelope). Goal: typed ≤ 1.10× raw. Run with `pnpm bench`; it runs the sources
// on Node's type stripping, as the signing benchmark does.
//
// The cases take turns in short blocks (10 calls), in a shuffled order each round, so that
// whatever the machine does meanwhile (another build, a CPU that sped up) lands on all of
// them alike; long runs of one case measured the machine's drift as much as the client.
import { createHmac, randomUUID } from "node:crypto";
import { availableParallelism, cpus } from "node:os";
import { Worker } from "node:worker_threads";
import { createRspClient } from "../src/index.ts";
import { rspValidator } from "../src/validation.ts";

const rounds = 300;
const blockSize = 10;
const warmupCalls = 500;
const accessKey = "c934e1de7e2153366539c1c03b2bce09";
const secretKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

const serverCode = `
const { createServer } = require("node:http");
const { parentPort } = require("node:worker_threads");
const answer = JSON.stringify({ success: true, code: "00000", msg: "", obj: { batchCode: "B202303071234223" } });
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) });
    response.end(answer);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
`;
const worker = new Worker(serverCode, { eval: true });
const port = await new Promise<number>((resolve) => worker.once("message", resolve));
const baseUrl = `http://127.0.0.1:${port}`;

const hex = (index: number, width: number) => index.toString(16).toUpperCase().padStart(width, "0");
const request = {
  configName: "templateRegular01",
  needAcLink: true,
  metaDatas: Array.from({ length: 200 }, (_, index) => ({
    iccid: `8986046815208${String(index).padStart(7, "0")}`,
    imsi: `46004886${String(index).padStart(7, "0")}`,
    ki: `6BE2053E8580B135CD434433${hex(index, 8)}`,
    opc: `85304194B0D2A2F92847F159${hex(index, 8)}`,
    msidn: `86139${String(index).padStart(8, "0")}`,
  })),
};
const bodyBytes = Buffer.byteLength(JSON.stringify(request));

const typed = createRspClient({ baseUrl, accessKey, secretKey, validator: rspValidator });
const typedWithoutZod = createRspClient({ baseUrl, accessKey, secretKey });
// Hooks that do nothing but take what they are given: the body copy is what they cost.
const typedWithHooks = createRspClient({
  baseUrl,
  accessKey,
  secretKey,
  validator: rspValidator,
  hooks: {
    beforeAttempt: (attempt) => void attempt.body,
    afterAttempt: (answer) => void answer.status,
  },
});

async function rawCall(signal?: AbortSignal): Promise<unknown> {
  const body = JSON.stringify(request);
  const timestamp = String(Date.now());
  const requestId = randomUUID();
  const signature = createHmac("sha256", secretKey)
    .update(timestamp + requestId + accessKey)
    .update(body)
    .digest("hex")
    .toUpperCase();
  const response = await fetch(`${baseUrl}/api/v1/ac/generateByBatch`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      AccessKey: accessKey,
      Timestamp: timestamp,
      RequestID: requestId,
      Signature: signature,
    },
    body,
    ...(signal === undefined ? {} : { signal }),
  });
  const envelope = (await response.json()) as { success: boolean; obj: unknown };
  if (!envelope.success) throw new Error("refused");
  return envelope.obj;
}

// The raw call with what every attempt of the typed client has: a time limit, which on
// Node's fetch means an AbortSignal.
async function rawCallWithTimeout(): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    return await rawCall(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

const cases = [
  { name: "raw fetch + createHmac (baseline)", run: () => rawCall() },
  { name: "typed client, lenient validation (zod)", run: () => typed.generateAcByBatch(request) },
  { name: "typed client, no validator", run: () => typedWithoutZod.generateAcByBatch(request) },
  {
    name: "typed client, attempt hooks registered",
    run: () => typedWithHooks.generateAcByBatch(request),
  },
  { name: "raw fetch + createHmac + a timeout", run: rawCallWithTimeout },
];

const results = await Promise.all(cases.map(({ run }) => run()));
if (new Set(results.map((result) => JSON.stringify(result))).size !== 1) {
  throw new Error("the cases disagree");
}

// A fixed-seed shuffle, so a run can be repeated order for order.
let seed = 0x2545f491;
const nextRandom = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(nextRandom() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

interface BlockSample {
  readonly wall: number;
  /** This thread's CPU: the client's work, without the server's. */
  readonly cpu: number;
}

async function timeBlock(run: () => Promise<unknown>): Promise<BlockSample> {
  const cpuStart = process.threadCpuUsage();
  const start = performance.now();
  for (let call = 0; call < blockSize; call++) await run();
  const wall = (performance.now() - start) / blockSize;
  const cpu = process.threadCpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 / blockSize };
}

for (let call = 0; call < warmupCalls; call++) {
  for (const { run } of cases) await run();
}
const samples = new Map<string, BlockSample[]>(cases.map(({ name }) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const { name, run } of shuffled(cases)) samples.get(name)?.push(await timeBlock(run));
}
await worker.terminate();

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const summary = (name: string) => {
  const blocks = samples.get(name) ?? [];
  return {
    wall: median(blocks.map((block) => block.wall)),
    cpu: median(blocks.map((block) => block.cpu)),
  };
};
const baseline = summary(cases[0]?.name ?? "");
console.log(
  `${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} CPUs · ${cpus()[0]?.model ?? "unknown CPU"}`,
);
console.log(
  `generateAcByBatch, 200 records (${bodyBytes} bytes) · ${rounds} rounds × ${cases.length} cases × ${blockSize} sequential calls, shuffled · medians of block means\n`,
);
console.log("| case | calls/s | wall µs/call | ratio | main-thread CPU µs/call | CPU ratio |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const { name } of cases) {
  const { wall, cpu } = summary(name);
  const micros = (ms: number) => (ms * 1000).toFixed(0);
  console.log(
    `| ${name} | ${Math.round(1000 / wall)} | ${micros(wall)} | ${(wall / baseline.wall).toFixed(3)}× | ${micros(cpu)} | ${(cpu / baseline.cpu).toFixed(3)}× |`,
  );
}
