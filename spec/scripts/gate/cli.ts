// `pnpm --filter @simlessly/spec run gate [--base DIR|REV|none] [--registry]`: runs the gate
// on this repository and exits 1 when a change lacks its changeset. CONTRACT_GATE_BASE and
// CONTRACT_GATE_REGISTRY=1 do what the flags do, for runs started by other tools.
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { type GateOptions, runGate } from "./gate.ts";

export function gateOptions(args: readonly string[], env: NodeJS.ProcessEnv): GateOptions {
  const { values } = parseArgs({
    // `pnpm run gate -- --base X` passes the `--` through.
    args: args.filter((arg) => arg !== "--"),
    options: { base: { type: "string" }, registry: { type: "boolean" } },
  });
  const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
  return {
    specDirectory: root("spec"),
    changesetDirectory: root(".changeset"),
    packagesDirectory: root("packages"),
    explicit: values.base ?? (env.CONTRACT_GATE_BASE || undefined),
    registry: values.registry ?? env.CONTRACT_GATE_REGISTRY === "1",
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runGate(gateOptions(process.argv.slice(2), process.env));
  (result.ok ? console.log : console.error)(result.report);
  process.exitCode = result.ok ? 0 : 1;
}
