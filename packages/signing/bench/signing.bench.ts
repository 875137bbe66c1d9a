// Signing a ~60 KB body: each entry point's signRequest against a bare node:crypto
// createHmac over the same concatenated bytes. Run with `pnpm bench` (Node 24 strips the
// types). Rounds interleave the cases so drift on a busy machine hits all of them alike.
import { createHmac } from "node:crypto";
import { availableParallelism, cpus } from "node:os";
import { signRequest as signOnNode } from "../src/index.node.ts";
import { signRequest as signOnWebCrypto } from "../src/index.ts";
import { bytesToSign } from "../src/string-to-sign.ts";
import { type SigningVector, vectorBodyBytes } from "../src/vectors.ts";
import vectorFile from "../vectors/signing-vectors.json" with { type: "json" };

const rounds = 25;
const perRound = 200;
const warmup = 500;

const vectors = vectorFile.vectors as readonly SigningVector[];
const large = vectors.find((vector) => vector.name === "rsp-large-body");
if (large === undefined) throw new Error("rsp-large-body vector missing");
const body = vectorBodyBytes(large);
const bodyText = new TextDecoder().decode(body);
const inputs = {
  rsp: {
    scheme: "rsp",
    key: large.key,
    secret: large.secret,
    timestamp: large.timestamp,
    requestId: large.requestId,
  },
  appendix: {
    scheme: "appendix",
    key: large.key,
    secret: large.secret,
    timestamp: large.timestamp,
    requestId: large.requestId,
    token: "81db993c3bdb45ecb9ac3943a44878dd",
  },
} as const;
const joined = bytesToSign("rsp", inputs.rsp, body);
const rawKey = await crypto.subtle.importKey(
  "raw",
  new TextEncoder().encode(large.secret),
  { name: "HMAC", hash: "SHA-256" },
  false,
  ["sign"],
);

interface Case {
  name: string;
  run: () => unknown;
}
const cases: Case[] = [
  {
    name: "createHmac over joined bytes (baseline)",
    run: () => createHmac("sha256", large.secret).update(joined).digest("hex"),
  },
  { name: "node path, rsp, body bytes", run: () => signOnNode({ ...inputs.rsp, body }) },
  { name: "node path, appendix, body bytes", run: () => signOnNode({ ...inputs.appendix, body }) },
  { name: "node path, rsp, body string", run: () => signOnNode({ ...inputs.rsp, body: bodyText }) },
  {
    // What a hand-made signer over the body as text costs (createHmac encodes it as UTF-8).
    name: "createHmac over the same text",
    run: () =>
      createHmac("sha256", large.secret)
        .update(`${inputs.rsp.timestamp}${inputs.rsp.requestId}${inputs.rsp.key}`)
        .update(bodyText)
        .digest("hex"),
  },
  {
    name: "crypto.subtle.sign over joined bytes",
    run: () => crypto.subtle.sign("HMAC", rawKey, joined),
  },
  { name: "Web Crypto path, rsp, body bytes", run: () => signOnWebCrypto({ ...inputs.rsp, body }) },
  {
    name: "Web Crypto path, appendix, body bytes",
    run: () => signOnWebCrypto({ ...inputs.appendix, body }),
  },
  {
    name: "Web Crypto path, rsp, body string",
    run: () => signOnWebCrypto({ ...inputs.rsp, body: bodyText }),
  },
];

// Every case must produce the vector's signature before its speed means anything.
const expected = large.signature;
const baselineHex = createHmac("sha256", large.secret).update(joined).digest("hex");
const nodeHeaders = await signOnNode({ ...inputs.rsp, body });
const webHeaders = await signOnWebCrypto({ ...inputs.rsp, body });
if (
  baselineHex !== expected ||
  nodeHeaders.Signature.toLowerCase() !== expected ||
  webHeaders.Signature.toLowerCase() !== expected
) {
  throw new Error("a signing path disagrees with the rsp-large-body vector");
}

async function timeBatch(run: () => unknown, count: number): Promise<number> {
  const start = performance.now();
  for (let index = 0; index < count; index++) await run();
  return (performance.now() - start) / count;
}

for (const { run } of cases) await timeBatch(run, warmup);
const samples = new Map<string, number[]>(cases.map(({ name }) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const { name, run } of cases) samples.get(name)?.push(await timeBatch(run, perRound));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const meanMs = new Map([...samples].map(([name, values]) => [name, median(values)]));
const baseline = meanMs.get(cases[0]?.name ?? "") ?? Number.NaN;

const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(
  `${new Date().toISOString()} · Node ${process.version} · ${availableParallelism()} CPUs · ${cpu}`,
);
console.log(
  `body ${body.length} bytes · ${rounds} rounds × ${perRound} sequential awaits · median of round means\n`,
);
const width = Math.max(...cases.map(({ name }) => name.length));
console.log(
  `${"case".padEnd(width)}  ${"ops/s".padStart(8)}  ${"mean µs".padStart(8)}  ${"ratio".padStart(6)}`,
);
for (const { name } of cases) {
  const ms = meanMs.get(name) ?? Number.NaN;
  console.log(
    `${name.padEnd(width)}  ${Math.round(1000 / ms)
      .toString()
      .padStart(
        8,
      )}  ${(ms * 1000).toFixed(1).padStart(8)}  ${(ms / baseline).toFixed(2).padStart(5)}×`,
  );
}
