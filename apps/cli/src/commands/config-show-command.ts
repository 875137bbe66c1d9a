import { type Product, products } from "../config/product-values.ts";
import { settingsReport } from "../config/settings-report.ts";
import { settingsReportText } from "../config/settings-report-text.ts";
import { UsageError } from "../core/cli-error.ts";
import type { Invocation } from "../core/command-spec.ts";
import { ExitCode } from "../core/exit-code.ts";
import type { CliContext } from "./command-module.ts";

/**
 * `simlessly config show [--product rsp|eim|cmp]`: the settings each product would use and
 * where each came from, secrets as fingerprints. It sends nothing, and a product without
 * credentials is reported, not an error (exit 0).
 */
export async function run(invocation: Invocation, context: CliContext): Promise<number> {
  const report = settingsReport(
    { env: context.env, cwd: context.cwd, global: invocation.global },
    selectedProducts(invocation.values.product),
  );
  context.stdout.write(
    invocation.global.json
      ? `${JSON.stringify({ ok: true, exitCode: ExitCode.ok, result: report }, null, 2)}\n`
      : settingsReportText(report),
  );
  return ExitCode.ok;
}

function selectedProducts(given: string | boolean | undefined): readonly Product[] {
  if (given === undefined) return products;
  const found = products.find((product) => product === given);
  if (found === undefined) throw new UsageError(`--product must be one of ${products.join(", ")}`);
  return [found];
}
