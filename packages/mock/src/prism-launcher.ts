// The entry of Prism's process, which startPrism spawns as
// `node prism-launcher.js <path of Prism's CLI entry> <Prism's arguments…>`: it installs the fix
// of prism-server-fix.ts, then runs Prism's CLI as if Node had been started on it.
import { createRequire } from "node:module";
import { installPrismServerFix } from "./prism-server-fix.ts";

const entry = process.argv[2];
if (entry === undefined) throw new Error("prism-launcher: no Prism CLI entry given");
installPrismServerFix();
// Prism's argument parser reads process.argv as it loads: take the launcher out of it first.
process.argv.splice(1, 1);
createRequire(import.meta.url)(entry);
