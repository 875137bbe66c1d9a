// A typed generateAcByBatch call of 200 records against raw `fetch` with a hand-made
// signature over the same body, to the same local server (a worker thread answering a fixed
// success envelope). Goal: typed ≤ 1.10× raw. Run with `pnpm bench`; it runs the sources
// on Node's type stripping, as the signing benchmark does. Rounds alternate the order of the
// cases so drift on a busy machine hits all of them alike.
import { createHmac, randomUUID } from "node:crypto";
import { availableParallelism, cpus } from "node:os";
import { Worker } from "node:worker_threads";
import { createRspClient } from "../src/index.ts";
import { rspValidator } from "../src/validation.ts";

const rounds = 30;
const perRound = 50;
const warmup = 300;
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

const client = createRspClient({ baseUrl, accessKey, secretKey, validator: rspValidator });

async function typedCall(): Promise<unknown> {
  return client.generateAcByBatch(request);
}

async function rawCall(): Promise<unknown> {
  return rawCallWith(undefined);
}

// The raw call with what every attempt of the typed client has: a time limit, which on Node's
// fetch means an AbortSignal (the typed call's per-attempt timeout works the same way).
async function rawCallWithTimeout(): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    return await rawCallWith(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function rawCallWith(signal: AbortSignal | undefined): Promise<unknown> {
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

// The same two calls with a fetch answered in-process: what each side costs apart from the
// network, which on a shared 2-core machine varies more than the difference being measured.
const answerText = JSON.stringify({
  success: true,
  code: "00000",
  msg: "",
  obj: { batchCode: "B202303071234223" },
});
const inProcessFetch = async (_url: string | URL | Request, init?: RequestInit) => {
  if (init?.body === undefined) throw new Error("no body");
  return new Response(answerText, { status: 200, headers: { "content-type": "application/json" } });
};
const inProcessClient = createRspClient({
  baseUrl,
  accessKey,
  secretKey,
  validator: rspValidator,
  fetch: inProcessFetch,
});

async function rawInProcess(): Promise<unknown> {
  const body = JSON.stringify(request);
  const timestamp = String(Date.now());
  const requestId = randomUUID();
  const signature = createHmac("sha256", secretKey)
    .update(timestamp + requestId + accessKey)
    .update(body)
    .digest("hex")
    .toUpperCase();
  const response = await inProcessFetch(`${baseUrl}/api/v1/ac/generateByBatch`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      AccessKey: accessKey,
      Timestamp: timestamp,
      RequestID: requestId,
      Signature: signature,
    },
    body,
  });
  return ((await response.json()) as { obj: unknown }).obj;
}

const cases = [
  { name: "raw fetch + createHmac (baseline)", run: rawCall },
  { name: "typed client (validation lenient)", run: typedCall },
  { name: "raw fetch + createHmac + a timeout (AbortSignal)", run: rawCallWithTimeout },
  { name: "in-process: raw (baseline)", run: rawInProcess },
  { name: "in-process: typed client", run: () => inProcessClient.generateAcByBatch(request) },
];

// Wall time per call, and CPU time per call (both threads: the server's share is the same
// for both cases), which a busy machine disturbs less.
async function timeBatch(
  run: () => Promise<unknown>,
  count: number,
): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let index = 0; index < count; index++) await run();
  const wall = (performance.now() - start) / count;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 / count };
}

const [typedResult, rawResult] = [await typedCall(), await rawCall()];
if (JSON.stringify(typedResult) !== JSON.stringify(rawResult))
  throw new Error("the cases disagree");

for (const { run } of cases) await timeBatch(run, warmup);
const samples = new Map<string, { wall: number; cpu: number }[]>(
  cases.map(({ name }) => [name, []]),
);
for (let round = 0; round < rounds; round++) {
  // Alternate the order, so neither case always runs right after the other's garbage.
  const ordered = round % 2 === 0 ? cases : [...cases].reverse();
  for (const { name, run } of ordered) samples.get(name)?.push(await timeBatch(run, perRound));
}
await worker.terminate();

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const medians = new Map(
  [...samples].map(([name, values]) => [
    name,
    {
      wall: median(values.map((value) => value.wall)),
      cpu: median(values.map((value) => value.cpu)),
      best: Math.min(...values.map((value) => value.wall)),
    },
  ]),
);
const baseline = medians.get(cases[0]?.name ?? "") ?? {
  wall: Number.NaN,
  cpu: Number.NaN,
  best: Number.NaN,
};
console.log(
  `${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} CPUs · ${cpus()[0]?.model ?? "unknown CPU"}`,
);
console.log(
  `generateAcByBatch, 200 records (${bodyBytes} bytes) · ${rounds} rounds × ${perRound} sequential calls · median (and best) of round means\n`,
);
console.log(
  "| case | calls/s | wall µs/call | ratio | best wall µs/call | best ratio | CPU µs/call | CPU ratio |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
const inProcessBaseline = medians.get(cases[3]?.name ?? "") ?? baseline;
for (const { name } of cases) {
  const base = name.startsWith("in-process") ? inProcessBaseline : baseline;
  const { wall, cpu, best } = medians.get(name) ?? baseline;
  const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;
  const micros = (ms: number) => (ms * 1000).toFixed(0);
  console.log(
    `| ${name} | ${Math.round(1000 / wall)} | ${micros(wall)} | ${ratio(wall, base.wall)} | ${micros(best)} | ${ratio(best, base.best)} | ${micros(cpu)} | ${ratio(cpu, base.cpu)} |`,
  );
}
