// Takes the README's picture of the API reference: the RSP page at `generateAc`, scrolled to
// the Ki and OPc fields so that the Secret and Inferred notes show. It needs a built reference
// (`pnpm build`) and Debian's Chromium (`apt-get install chromium`), or CHROMIUM=/path/to/it;
// playwright-core drives it and downloads no browser of its own.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { startServer } from "./serve.ts";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}: apt-get install chromium, or set CHROMIUM.`);
  process.exit(1);
}
const output = process.argv[2] ?? "api-reference.png";

const url = await startServer(0);
const browser = await chromium.launch({
  executablePath,
  // No background traffic: the page is served from this machine and needs nothing else.
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${url}rsp.html#/activation-codes/generateac`);
  // Fails (after 30 s) unless Redoc really rendered the field with its notes.
  const note = page.getByText("Subscriber authentication key Ki").first();
  await note.waitFor({ state: "visible" });
  await note.evaluate((element) => {
    element.scrollIntoView({ block: "start" });
    element.ownerDocument.defaultView?.scrollBy(0, -190);
  });
  await page.getByText("Secret (x-secret)").first().waitFor({ state: "visible" });
  // The search box says "Loading..." until its index is built; the picture shows it ready.
  await page.getByText("Loading...").waitFor({ state: "detached" });
  await page.screenshot({ path: output });
  console.log(`Wrote ${output}`);
} finally {
  await browser.close();
  process.exit(0);
}
