// The browser bundle of client + signing without zod: esbuild bundles browser-entry.ts
// (--bundle --minify --format=esm --platform=browser), then gzip -9. Goal: ≤ 12 kB.
// Fails when zod or node:crypto ends up in the bundle.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

// 12 kB read as 12,000 bytes, the stricter reading.
const goalBytes = 12_000;
const result = await build({
  entryPoints: [fileURLToPath(new URL("./browser-entry.ts", import.meta.url))],
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  metafile: true,
  logLevel: "error",
});
const output = result.outputFiles[0];
if (output === undefined) throw new Error("esbuild wrote nothing");
// Inputs esbuild read but tree-shook away do not count: only what reached the output.
const included = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {}).filter(
  ([, { bytesInOutput }]) => bytesInOutput > 0,
);
const offending = included
  .map(([input]) => input)
  .filter((input) => /node_modules\/zod\/|node:crypto|node-hmac/.test(input));
if (offending.length > 0) throw new Error(`the browser bundle contains ${offending.join(", ")}`);

const gzipped = gzipSync(output.contents, { level: 9 }).length;
const byPackage = new Map<string, number>();
for (const [input, { bytesInOutput }] of included) {
  const name =
    /node_modules\/((@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(input)?.[1] ??
    /(?:^|\/)packages\/(\w+)\/|^\.\.\/(\w+)\//.exec(input)?.slice(1).find(Boolean) ??
    "client";
  byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
}
console.log(`${new Date().toISOString()} · esbuild browser bundle of bench/browser-entry.ts\n`);
console.log("| part | minified bytes |");
console.log("|---|---:|");
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]))
  console.log(`| ${name} | ${bytes} |`);
console.log(`| **total** | **${output.contents.length}** |`);
console.log(
  `\nmin+gzip: ${gzipped} bytes (${(gzipped / 1000).toFixed(1)} kB) · goal ≤ ${goalBytes} bytes · ${gzipped <= goalBytes ? "met" : "MISSED"}`,
);
