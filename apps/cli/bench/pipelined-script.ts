// The baseline of the bulk-generation benchmarks: the simplest fast way to turn a CSV of SIM
// records into activation codes, as someone who knows only the RSP API docs would write it.
// Submit every batch, then collect every batch; no validation, journal, retries or images, and
// a failed call stops the script.
//
//   SIMLESSLY_BASE_URL=… SIMLESSLY_ACCESS_KEY=… SIMLESSLY_SECRET_KEY=… \
//     node bench/pipelined-script.ts INPUT.csv RESULTS.csv [CONCURRENCY] [POLL_WAIT_MS] [RATE]
//
// CONCURRENCY (8) requests in flight. A batch still PROCESSING is asked again after
// POLL_WAIT_MS (200): short next to the platform's batch delay of a second or more, so a
// finished batch is collected at once, yet at 8 in flight no more than 40 polls a second go
// out while batches wait. RATE, if given, caps submissions and polls together at that many
// requests per second. Prints {"records","batches","submitMs"}.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const [input, output, concurrency = "8", pollWaitMs = "200", rate] = process.argv.slice(2);
const baseUrl = process.env.SIMLESSLY_BASE_URL;
const accessKey = process.env.SIMLESSLY_ACCESS_KEY ?? "";
const secretKey = process.env.SIMLESSLY_SECRET_KEY ?? "";
if (input === undefined || output === undefined || baseUrl === undefined) {
  throw new Error(
    "usage: pipelined-script.ts INPUT.csv RESULTS.csv [CONCURRENCY] [POLL_WAIT_MS] [RATE]",
  );
}

// The rate limit, the simplest way: each request takes the next free slot, 1/RATE s apart.
let nextSlot = 0;
async function waitForSlot(): Promise<void> {
  if (rate === undefined) return;
  const slot = Math.max(nextSlot, Date.now());
  nextSlot = slot + 1000 / Number(rate);
  await sleep(slot - Date.now());
}

/** One signed RSP call: HMAC-SHA256 over Timestamp + RequestID + AccessKey + body, upper-case hex. */
async function call<T>(path: string, payload: unknown): Promise<T> {
  await waitForSlot();
  const body = JSON.stringify(payload);
  const timestamp = String(Date.now());
  const requestId = randomUUID();
  const signature = createHmac("sha256", secretKey)
    .update(timestamp + requestId + accessKey + body)
    .digest("hex")
    .toUpperCase();
  const headers = {
    AccessKey: accessKey,
    Timestamp: timestamp,
    RequestID: requestId,
    Signature: signature,
  };
  const response = await fetch(baseUrl + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const envelope = (await response.json()) as { success: boolean; msg: string; obj: T };
  if (!envelope.success) throw new Error(`${path}: ${envelope.msg}`);
  return envelope.obj;
}

/** Runs `work` on every item, CONCURRENCY at a time. */
async function forEach<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
}

// The header row names the fields; the cells hold no commas.
const [header = "", ...lines] = readFileSync(input, "utf8")
  .split("\n")
  .filter((line) => line !== "");
const names = header.split(",");
const records = lines.map((line) => {
  const cells = line.split(",");
  return Object.fromEntries(names.map((name, index) => [name, cells[index]]));
});
const batches: (typeof records)[] = [];
for (let start = 0; start < records.length; start += 200)
  batches.push(records.slice(start, start + 200));

const started = Date.now();
const batchCodes: string[] = [];
await forEach(batches, async (metaDatas) => {
  const body = { configName: "templateRegular01", metaDatas };
  const { batchCode } = await call<{ batchCode: string }>("/api/v1/ac/generateByBatch", body);
  batchCodes.push(batchCode);
});
const submitMs = Date.now() - started;

interface BatchInfo {
  batchTaskInfo: { status: string };
  results: { iccid: string; success: boolean; activationCode?: string; errorReason?: string }[];
}
const rows = ["iccid,success,activationCode,errorReason"];
await forEach(batchCodes, async (batchCode) => {
  for (;;) {
    const info = await call<BatchInfo>("/api/v1/batch/info", { batchCode });
    if (info.batchTaskInfo.status === "COMPLETE") {
      for (const r of info.results) {
        rows.push(
          `${r.iccid},${r.success},${r.activationCode ?? ""},${JSON.stringify(r.errorReason ?? "")}`,
        );
      }
      return;
    }
    await sleep(Number(pollWaitMs));
  }
});
// The activation codes are secrets: the file is readable by its owner only.
writeFileSync(output, `${rows.join("\n")}\n`, { mode: 0o600 });
console.log(JSON.stringify({ records: rows.length - 1, batches: batches.length, submitMs }));
