import type { Product } from "./product-values.ts";
import type { ProductReport, SettingsReport, ShownSetting } from "./settings-report.ts";

const productLabels: Record<Product, string> = { rsp: "RSP", eim: "eIM", cmp: "CMP" };

const settingLabels: Readonly<Record<string, string>> = {
  baseUrl: "base URL",
  allowInsecureHttp: "plain http",
  accessKey: "access key",
  secretKey: "secret key",
  token: "token",
  scheme: "scheme",
  clientId: "client id",
  clientSecret: "client secret",
};

/** The report as text: where settings were looked for, then each product's values and sources. */
export function settingsReportText(report: SettingsReport): string {
  const { configFile, profile } = report;
  const fileState = configFile.exists ? "found" : "not found";
  const header = [
    `config file  ${configFile.path} (${fileState}; chosen by ${configFile.by})`,
    `profile      ${profile.name} (chosen by ${profile.by}${profile.found ? "" : "; not in the config file"})`,
    report.profileWins
      ? "precedence   the profile, then the environment (--profile or --config was given)"
      : "precedence   the environment, then the profile (no --profile or --config was given)",
  ];
  const sections = Object.entries(report.products).map(([product, shown]) =>
    productText(productLabels[product as Product], shown as ProductReport),
  );
  return `${[header.join("\n"), ...sections].join("\n\n")}\n`;
}

function productText(label: string, report: ProductReport): string {
  const state = report.ready
    ? "ready"
    : report.missing.length > 0
      ? `not ready: missing ${report.missing.join(", ")}`
      : `not ready: ${report.problem}`;
  const rows = Object.entries(report.settings).map(([name, setting]) => [
    settingLabels[name] ?? name,
    valueText(name, setting),
    setting.source === null ? "" : `(${setting.from})`,
  ]);
  const labelWidth = Math.max(...rows.map((row) => (row[0] as string).length));
  const valueWidth = Math.max(...rows.map((row) => (row[1] as string).length));
  const lines = rows.map(([name, value, from]) =>
    `  ${(name as string).padEnd(labelWidth)}  ${(value as string).padEnd(valueWidth)}  ${from}`.trimEnd(),
  );
  const ignored =
    report.ignoredVariables.length === 0
      ? []
      : [`  not used: ${report.ignoredVariables.join(", ")} (set, but the chosen profile wins)`];
  return [`${label}  ${state}`, ...lines, ...ignored].join("\n");
}

function valueText(name: string, setting: ShownSetting): string {
  if (name === "allowInsecureHttp") {
    return setting.value === true || setting.value === "1" || setting.value === "true"
      ? "allowed to any host"
      : "only to this machine";
  }
  if (setting.value === null) return "not set";
  return printable(String(setting.value));
}

/** A value with control characters shown as `?`: no escape sequence reaches the terminal. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the target
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}
