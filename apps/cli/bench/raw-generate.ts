// The baseline of e2e.bench.ts: what a short hand-written script does to turn a CSV of SIM
// records into activation codes, and nothing more. No validation, no journal, no retries, no
// QR images; a failed call stops the script.
//
//   SIMLESSLY_BASE_URL=… SIMLESSLY_ACCESS_KEY=… SIMLESSLY_SECRET_KEY=… \
//     node bench/raw-generate.ts INPUT.csv RESULTS.csv [CONCURRENCY] [POLL_MS]
//
// CONCURRENCY workers each take the next 200 records, submit them (generateByBatch), poll
// batch/info every POLL_MS until COMPLETE and append the results, so at most CONCURRENCY
// requests are in flight, as with the CLI's --concurrency.
import { createHmac, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";

const [input, output, concurrencyText = "4", pollText = "200"] = process.argv.slice(2);
const baseUrl = process.env.SIMLESSLY_BASE_URL;
const accessKey = process.env.SIMLESSLY_ACCESS_KEY ?? "";
const secretKey = process.env.SIMLESSLY_SECRET_KEY ?? "";
if (input === undefined || output === undefined || baseUrl === undefined) {
  throw new Error("usage: raw-generate.ts INPUT.csv RESULTS.csv [CONCURRENCY] [POLL_MS]");
}
const pollMs = Number(pollText);

interface BatchResult {
  iccid: string;
  success: boolean;
  activationCode?: string;
  errorReason?: string;
}

/** One signed RSP call: HMAC-SHA256 over Timestamp + RequestID + AccessKey + body, upper-case hex. */
async function call<T>(path: string, payload: unknown): Promise<T> {
  const body = JSON.stringify(payload);
  const timestamp = String(Date.now());
  const requestId = randomUUID();
  const signature = createHmac("sha256", secretKey)
    .update(timestamp + requestId + accessKey)
    .update(body)
    .digest("hex")
    .toUpperCase();
  const response = await fetch(`${baseUrl}${path}`, {
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
  const envelope = (await response.json()) as { success: boolean; msg: string; obj: T };
  if (!envelope.success) throw new Error(`${path}: ${envelope.msg}`);
  return envelope.obj;
}

/** The CSV's records, 200 at a time (the header names the fields; the cells hold no commas). */
async function* chunksOf200(): AsyncGenerator<Record<string, string>[]> {
  const lines = createInterface({ input: createReadStream(input as string), crlfDelay: Infinity });
  let header: string[] | undefined;
  let chunk: Record<string, string>[] = [];
  for await (const line of lines) {
    if (line === "") continue;
    const cells = line.split(",");
    if (header === undefined) {
      header = cells;
      continue;
    }
    chunk.push(Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ""])));
    if (chunk.length === 200) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

const results = createWriteStream(output);
results.write("iccid,success,activationCode,errorReason\n");
const chunks = chunksOf200();
let records = 0;

async function worker(): Promise<void> {
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) return;
    const { batchCode } = await call<{ batchCode: string }>("/api/v1/ac/generateByBatch", {
      configName: "templateRegular01",
      metaDatas: next.value,
    });
    for (;;) {
      await sleep(pollMs);
      const info = await call<{ batchTaskInfo: { status: string }; results?: BatchResult[] }>(
        "/api/v1/batch/info",
        { batchCode },
      );
      if (info.batchTaskInfo.status !== "COMPLETE") continue;
      const rows = (info.results ?? []).map(
        (result) =>
          `${result.iccid},${result.success},${result.activationCode ?? ""},${JSON.stringify(result.errorReason ?? "")}\n`,
      );
      results.write(rows.join(""));
      records += rows.length;
      break;
    }
  }
}

await Promise.all(Array.from({ length: Number(concurrencyText) }, worker));
await new Promise<void>((resolve, reject) =>
  results.end((error?: Error | null) => (error ? reject(error) : resolve())),
);
console.log(JSON.stringify({ records }));
