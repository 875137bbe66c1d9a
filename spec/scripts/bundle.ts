// Bundles each product document and the shared components it references into one
// self-contained JSON document in dist/, the form every generator and Prism read.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

const products = ["rsp", "eim", "cmp"] as const;

mkdirSync("dist", { recursive: true });
for (const product of products) {
  execFileSync("redocly", ["bundle", `${product}.yaml`, "--output", `dist/${product}.json`], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}
