// `pnpm registry`: a throwaway Verdaccio until Ctrl+C. It prints the settings that point
// npm, pnpm and `pnpm release` at it; its token stays in the npmrc it names.
import { parseArgs } from "node:util";
import { startRegistry } from "./registry.ts";

const { values } = parseArgs({ options: { port: { type: "string" } } });
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
  console.error(`registry: --port wants a port number, not ${values.port}`);
  process.exit(2);
}
const registry = await startRegistry(port === undefined ? {} : { port });
console.log(`Local npm registry on ${registry.url} (storage in ${registry.folder})
  @simlessly/* is served only from here. With the settings below npm asks it for nothing else;
  asked directly, it fetches other packages from registry.npmjs.org.

To publish to it and install from it, paste into another shell:
export NPM_CONFIG_USERCONFIG=${registry.npmrc}
then \`pnpm release\` publishes here, and \`npm install @simlessly/client\` installs from here.

Press Ctrl+C to stop; everything published here is deleted.`);
await new Promise<void>((done) => {
  process.once("SIGINT", () => done());
  process.once("SIGTERM", () => done());
});
await registry.stop();
