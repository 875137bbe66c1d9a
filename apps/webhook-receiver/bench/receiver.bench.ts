// `pnpm bench` (node bench/receiver.bench.ts): how many signed webhooks per second the
// receiver stores, and how long each one waits for its answer, against a bare node:http
// server that only reads the body and answers 200 (bench/bare-server.ts) on the same machine.
//
// Each server runs in its own child process, so that the load generator does not share its
// event loop; on a small machine they still share the CPUs. The receiver is src/main.ts as
// deployed: a SQLite file in a temporary folder (WAL, synchronous = FULL, so each event is
// fsynced before its 200) and its one JSON log line per request, written to a file.
//
// Every event is a distinct profile status notification (its own ICCID, notification type and
// event time), so none is a duplicate; the events of a case are built and signed before the
// clock starts, so signing is not measured. N workers each keep one request in flight on
// their own keep-alive connection.
//
// node:http with a keep-alive Agent rather than fetch: `maxSockets` makes N the exact number
// of connections, and its per-request work is smaller than undici's (Request, Response and
// web streams), which matters when the load generator shares two CPUs with the server.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { signWebhook } from "@simlessly/mock";

const { values } = parseArgs({
  // `pnpm bench -- --flag` passes the `--` along; it separates nothing here.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    concurrency: { type: "string", default: "1,16" },
    "max-events": { type: "string", default: "100000" },
  },
});
const durationMs = Number(values.duration) * 1000;
const warmupMs = Number(values.warmup) * 1000;
const concurrencies = values.concurrency.split(",").map(Number);
const maxEvents = Number(values["max-events"]);

// A fresh key each run: the receiver needs one, and nothing here should ever print it.
const secretKey = randomBytes(16).toString("hex");
const accessKey = "benchaccesskey000000000000000001";
const notificationTypes = ["DOWNLOADED", "INSTALLED", "ENABLE", "DISABLE", "DELETE"] as const;
const firstEventTime = Date.now() - 86_400_000;

// ---------------------------------------------------------------- the servers

interface Server {
  readonly name: string;
  readonly url: string;
  /** The server process's CPU time so far (user + system), in ms; NaN off Linux. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const folder = mkdtempSync(join(tmpdir(), "webhook-receiver-bench-"));

/** Starts `script` in a child process, its stdout to a file, and waits for its listening line. */
async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
): Promise<Server> {
  const logPath = join(folder, `${name}.log`);
  const errorPath = join(folder, `${name}.err`);
  // Not SIMLESSLY_ACCESS_KEY or other settings of the shell: the run must not depend on them.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([variable]) => !variable.startsWith("SIMLESSLY_") && !variable.startsWith("WEBHOOK_"),
    ),
  );
  // The log goes to a file: read through a pipe, it would cost this process CPU per request.
  const child = spawn(process.execPath, [script], {
    env: { ...inherited, ...env, WEBHOOK_RECEIVER_PORT: "0" },
    stdio: ["ignore", openSync(logPath, "w"), openSync(errorPath, "w")],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const line = readFileSync(logPath, "utf8")
      .split("\n")
      .find((text) => text.includes('"event":"listening"'));
    if (line !== undefined) {
      const { url } = JSON.parse(line) as { url: string };
      return {
        name,
        url,
        cpuMs: () => processCpuMs(child.pid),
        stop: () => stopChild(child, exited),
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not start: ${readFileSync(errorPath, "utf8").slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads utime + stime of /proc/<pid>/stat (clock ticks, 100 a second on Linux). */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  child.kill("SIGTERM");
  const code = await exited;
  if (code !== 0) throw new Error(`a server exited with ${code}`);
}

// ---------------------------------------------------------------- the events

interface SignedEvent {
  readonly iccid: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string | number>>;
}

let nextEvent = 0;

/** `count` distinct, signed notifications; the Timestamp header is now, fresh for minutes. */
function signedEvents(count: number): SignedEvent[] {
  const events: SignedEvent[] = [];
  for (let index = 0; index < count; index++) {
    const n = nextEvent++;
    // Five events per profile, one of each type, each at its own time.
    const iccid = `8986${String(Math.floor(n / notificationTypes.length)).padStart(16, "0")}`;
    const text = JSON.stringify({
      eid: "89049032000001000000012345678901",
      iccid,
      timestamp: String(firstEventTime + n),
      matchingId: "MATCHINGIDBENCH00001",
      configName: "templateRegular01",
      type: "PROFILE_EVENT_NOTIFICATION",
      clientIp: "203.0.113.24",
      installedTimes: 1,
      deviceName: "Pixel 8",
      notificationType: notificationTypes[n % notificationTypes.length],
      notificationStatus: { status: "SUCCESS" },
    });
    const timestamp = String(Date.now());
    const requestId = randomUUID();
    const body = Buffer.from(text, "utf8");
    events.push({
      iccid,
      body,
      headers: {
        "content-type": "application/json",
        "content-length": body.length,
        "Access-Key": accessKey,
        "Sign-Method": "SHA256",
        Timestamp: timestamp,
        "Request-ID": requestId,
        Signature: signWebhook(secretKey, timestamp, requestId, text),
      },
    });
  }
  return events;
}

// ---------------------------------------------------------------- the load

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly ms: number;
}

function post(agent: Agent, target: URL, event: SignedEvent): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target,
      { method: "POST", agent, headers: event.headers },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text, ms: performance.now() - started }),
        );
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(event.body);
  });
}

interface Phase {
  /** Latencies in milliseconds, one per answer. */
  readonly latencies: number[];
  readonly elapsedMs: number;
  /** How many events of the pool were sent (in pool order). */
  readonly sent: number;
  readonly non200: number;
  readonly inserted: number;
  /** Whether the pool ran out before the time was up. */
  readonly exhausted: boolean;
}

/** Sends the pool's events with `workers` in flight until `ms` have passed or it runs out. */
async function load(
  agent: Agent,
  target: URL,
  pool: readonly SignedEvent[],
  workers: number,
  ms: number,
): Promise<Phase> {
  const latencies: number[] = [];
  let next = 0;
  let non200 = 0;
  let inserted = 0;
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline && next < pool.length) {
        const event = pool[next++] as SignedEvent;
        const answer = await post(agent, target, event);
        latencies.push(answer.ms);
        if (answer.status !== 200) non200 += 1;
        else if (answer.text === '{"result":"inserted"}') inserted += 1;
      }
    }),
  );
  return {
    latencies,
    elapsedMs: performance.now() - started,
    sent: next,
    non200,
    inserted,
    exhausted: next >= pool.length,
  };
}

interface CaseResult {
  readonly server: string;
  readonly workers: number;
  readonly phase: Phase;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** The server's CPU per answered request, in ms: what is not waiting. */
  readonly cpuPerEvent: number;
}

/** What was sent to the receiver, per ICCID: the expected event counts of the final check. */
const sentToReceiver = new Map<string, number>();

async function measure(server: Server, workers: number): Promise<CaseResult> {
  const target = new URL(`${server.url}/webhooks`);
  // Sized so that the time, not the pool, ends a phase on any plausible machine.
  const warmupPool = signedEvents(Math.ceil((maxEvents * warmupMs) / durationMs));
  const pool = signedEvents(maxEvents);
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  try {
    const warmup = await load(agent, target, warmupPool, workers, warmupMs);
    const cpuBefore = server.cpuMs();
    const phase = await load(agent, target, pool, workers, durationMs);
    const cpuPerEvent = (server.cpuMs() - cpuBefore) / phase.sent;
    if (server.name === "receiver") {
      for (const sent of [warmupPool.slice(0, warmup.sent), pool.slice(0, phase.sent)]) {
        for (const { iccid } of sent)
          sentToReceiver.set(iccid, (sentToReceiver.get(iccid) ?? 0) + 1);
      }
      if (warmup.non200 > 0 || warmup.inserted !== warmup.sent) {
        throw new Error(
          `warm-up: ${warmup.non200} non-200, ${warmup.inserted}/${warmup.sent} inserted`,
        );
      }
    }
    const sorted = [...phase.latencies].sort((a, b) => a - b);
    const percentile = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
    return {
      server: server.name,
      workers,
      phase,
      perSecond: phase.sent / (phase.elapsedMs / 1000),
      p50: percentile(0.5),
      p99: percentile(0.99),
      cpuPerEvent,
    };
  } finally {
    agent.destroy();
  }
}

/** Reads back a sample of profiles: each must hold exactly the events sent for it. */
async function checkStored(receiver: Server): Promise<number> {
  const iccids = [...sentToReceiver.keys()];
  const step = Math.max(1, Math.floor(iccids.length / 50));
  let checked = 0;
  for (let index = 0; index < iccids.length; index += step) {
    const iccid = iccids[index] as string;
    const response = await fetch(`${receiver.url}/profiles/${iccid}/events`);
    const { events } = (await response.json()) as { events: unknown[] };
    if (response.status !== 200 || events.length !== sentToReceiver.get(iccid)) {
      throw new Error(
        `profile ${iccid}: ${events.length} events stored, ${sentToReceiver.get(iccid)} sent`,
      );
    }
    checked += 1;
  }
  return checked;
}

// ---------------------------------------------------------------- the disk alone

/**
 * Commits per second of one-row transactions with the receiver's pragmas (WAL,
 * synchronous = FULL), in a file next to the receiver's, with no HTTP around them: the
 * ceiling that an fsync per event puts on the receiver.
 */
function sqliteCommitsPerSecond(ms: number): number {
  const db = new DatabaseSync(join(folder, "commits.sqlite"));
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = FULL");
  db.exec("CREATE TABLE events (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL UNIQUE)");
  const insert = db.prepare("INSERT INTO events (request_id) VALUES (?)");
  let commits = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    insert.run(randomUUID());
    commits += 1;
  }
  const elapsedMs = performance.now() - started;
  db.close();
  return commits / (elapsedMs / 1000);
}

// ---------------------------------------------------------------- the run

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const results: CaseResult[] = [];
let sampled = 0;
let commitsPerSecond = Number.NaN;
const servers: Server[] = [];
try {
  try {
    const bare = await startServer("bare", here("./bare-server.ts"), {});
    servers.push(bare);
    const receiver = await startServer("receiver", here("../src/main.ts"), {
      SIMLESSLY_SECRET_KEY: secretKey,
      WEBHOOK_RECEIVER_DB: join(folder, "events.sqlite"),
    });
    servers.push(receiver);
    for (const workers of concurrencies) {
      for (const server of [bare, receiver]) results.push(await measure(server, workers));
    }
    sampled = await checkStored(receiver);
  } finally {
    await Promise.allSettled(servers.map((server) => server.stop()));
  }
  // With the servers stopped, so that it has the machine to itself as they had.
  commitsPerSecond = sqliteCommitsPerSecond(durationMs);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
console.log(
  `${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} CPUs · ${cpu}`,
);
console.log(
  `POST /webhooks, distinct signed profile status notifications · ${warmupMs / 1000} s warm-up, then ${durationMs / 1000} s per case · keep-alive connections = in flight\n`,
);
console.log(
  "| server | in flight | events | events/s | p50 ms | p99 ms | server CPU ms/event | non-200 | inserted | events/s receiver/bare |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const result of results) {
  const bare = results.find((other) => other.server === "bare" && other.workers === result.workers);
  const ratio =
    result.server === "receiver" && bare !== undefined
      ? `${(result.perSecond / bare.perSecond).toFixed(3)}×`
      : "";
  const { phase } = result;
  const inserted = result.server === "receiver" ? `${phase.inserted}/${phase.sent}` : "";
  const note = phase.exhausted ? " (pool ran out)" : "";
  console.log(
    `| ${result.server} | ${result.workers} | ${phase.sent}${note} | ${result.perSecond.toFixed(0)} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${result.cpuPerEvent.toFixed(3)} | ${phase.non200} | ${inserted} | ${ratio} |`,
  );
}
console.log(
  `\nSQLite alone, the receiver's pragmas, one INSERT per transaction, no HTTP: ${commitsPerSecond.toFixed(0)} commits/s (${(1000 / commitsPerSecond).toFixed(2)} ms each).`,
);
console.log(`Read back ${sampled} sampled profiles: each holds exactly the events sent for it.`);

const failed = results.some(
  ({ server, phase }) =>
    phase.non200 > 0 || (server === "receiver" && phase.inserted !== phase.sent),
);
if (failed) {
  console.error("some answers were not 200, or not every event sent to the receiver was inserted");
  process.exitCode = 1;
}
