// `pnpm mock`: serves the RSP, eIM and CMP contracts with Prism on consecutive ports
// (4010, 4011, 4012 unless `--port N` moves the first) until interrupted.
import { parseArgs } from "node:util";
import { products } from "./documents.ts";
import { type RunningPrism, startPrism } from "./prism.ts";

const { values } = parseArgs({
  // `pnpm mock -- --port N` passes the `--` along; it separates nothing here.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    port: { type: "string", default: "4010" },
    dynamic: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(`Usage: pnpm mock [--port N] [--dynamic]

Serves the Simlessly contracts with Prism: RSP on port N (default 4010), eIM on N+1, CMP on N+2.
--dynamic invents responses from the schemas instead of serving the examples.`);
  process.exit(0);
}

const firstPort = Number(values.port);
if (!Number.isInteger(firstPort) || firstPort < 1 || firstPort > 65533) {
  console.error(`--port must be an integer from 1 to 65533, got "${values.port}"`);
  process.exit(2);
}

const productLabels = { rsp: "RSP", eim: "eIM", cmp: "CMP" } as const;

const running: RunningPrism[] = [];
let stopping = false;
// Ctrl+C reaches this process twice: from the terminal, and again from `pnpm run`, which
// forwards it. A second signal must not kill the process halfway through stopping (pnpm would
// report the script as failed), so every signal after the first is ignored; Prism's processes,
// which get the terminal's signal too, are waited for and killed if they linger.
const stopAll = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.all(running.map((server) => server.stop()));
  process.exit(0);
};
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);

try {
  for (const [index, product] of products.entries()) {
    const server = await startPrism({
      document: product,
      port: firstPort + index,
      dynamic: values.dynamic,
    });
    running.push(server);
    console.log(`${productLabels[product]}  ${server.url}`);
  }
  console.log("Mock servers are up. Press Ctrl+C to stop.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await Promise.all(running.map((server) => server.stop()));
  process.exit(1);
}
