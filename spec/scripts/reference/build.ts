// Builds the HTML API reference: one self-contained page per product in dist/reference/, from
// the bundled documents in dist/ (run `generate` first), plus an index page linking them.
// The documents are copied and annotated first (markers.ts, intro.ts); the YAML is not touched.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { withReferenceIntro } from "./intro.ts";
import { annotateMarkers, type Node } from "./markers.ts";

const products = ["rsp", "eim", "cmp"] as const;
const out = "dist/reference";

const run = promisify(execFile);
mkdirSync(out, { recursive: true });
const started = performance.now();

const pages = await Promise.all(
  products.map(async (product) => {
    const source = JSON.parse(readFileSync(`dist/${product}.json`, "utf8")) as Node;
    const annotated = annotateMarkers(withReferenceIntro(source));
    const input = `${out}/${product}.openapi.json`;
    writeFileSync(input, `${JSON.stringify(annotated, null, 2)}\n`);
    // --inlineBundle puts Redoc's script in the page, so it opens offline and from a file.
    await run(
      "redocly",
      ["build-docs", input, "--output", `${out}/${product}.html`, "--inlineBundle"],
      { env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
    );
    const info = source.info as Node;
    return { product, title: String(info.title), summary: String(info.summary ?? "") };
  }),
);

const links = pages
  .map(
    ({ product, title, summary }) => `<li><a href="${product}.html">${title}</a>: ${summary}</li>`,
  )
  .join("\n      ");
writeFileSync(
  `${out}/index.html`,
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Simlessly API reference</title>
    <style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; }</style>
  </head>
  <body>
    <h1>Simlessly API reference</h1>
    <p>One page per product, built from the contract in <code>spec/</code>.</p>
    <ul>
      ${links}
    </ul>
  </body>
</html>
`,
);
console.log(`API reference: ${out}/index.html (${Math.round(performance.now() - started)} ms)`);
