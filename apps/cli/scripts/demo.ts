// `pnpm demo`: the bulk job end to end on this machine. Starts the sandbox on a free port,
// writes 1,000 sample SIM records, runs `simlessly ac generate-batch` on them as a user would
// (the built executable, credentials in the environment), then says where everything is.
//   node scripts/demo.ts [--records N] [--out DIR]
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createSandbox } from "@simlessly/mock";
import { writeSampleCsv } from "../test/sample-records.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    records: { type: "string", default: "1000" },
    out: { type: "string" },
  },
});
const records = Number(values.records);
if (!Number.isSafeInteger(records) || records < 1 || records > 1_000_000) {
  console.error("--records must be a whole number from 1 to 1000000");
  process.exit(2);
}

const workDir =
  values.out === undefined ? mkdtempSync(join(tmpdir(), "simlessly-demo-")) : resolve(values.out);
const input = join(workDir, "sims.csv");
const out = join(workDir, "run");
if (existsSync(out)) {
  console.error(`${out} holds an earlier run; pass another --out`);
  process.exit(2);
}
mkdirSync(workDir, { recursive: true });
writeSampleCsv(input, records);

// The demo credentials, whatever the shell has: the sandbox and the CLI must agree.
const sandbox = await createSandbox({ env: {}, seed: 1, batchDelayMs: 1000 });
const { accessKey, secretKey } = sandbox.credentials.rsp;
console.log(`sandbox on ${sandbox.url} (demo credentials)`);
console.log(`input    ${input} (${records} sample records: ICCID, IMSI, Ki, OPc)\n`);

const bin = join(import.meta.dirname, "..", "dist", "bin.js");
const args = [
  ...["ac", "generate-batch", "--config-name", "templateRegular01"],
  ...["--input", input, "--out", out, "--need-ac-link"],
];
console.log(`$ simlessly ${args.join(" ")}`);
const exitCode = await new Promise<number>((done, fail) => {
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: "inherit",
    env: {
      ...withoutSimlesslyVariables(process.env),
      SIMLESSLY_BASE_URL: sandbox.url,
      SIMLESSLY_ACCESS_KEY: accessKey,
      SIMLESSLY_SECRET_KEY: secretKey,
    },
  });
  child.once("error", fail);
  child.once("exit", (code, signal) => done(code ?? (signal === null ? 1 : 128)));
});
const stored = sandbox.admin.profiles({ limit: 0 }).total;
await sandbox.stop();

const firstImage = readdirSync(join(out, "qr")).sort()[0];
console.log(`
The sandbox now holds ${stored} profiles; simlessly exited with ${exitCode}.
Open a QR code (LPA:1$…) with any phone camera: ${firstImage === undefined ? "none written" : join(out, "qr", firstImage)}
Everything is in ${workDir}.`);
process.exitCode = exitCode;

function withoutSimlesslyVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("SIMLESSLY_")));
}
