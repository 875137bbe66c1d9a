import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./test-io.ts";

/** A fresh HOME whose default config file (mode 0600 unless told) holds `content`. */
export function configHome(content: object, mode = 0o600): { home: string; path: string } {
  const home = tempDir();
  mkdirSync(join(home, ".config", "simlessly"), { recursive: true });
  const path = join(home, ".config", "simlessly", "config.json");
  writeFileSync(path, JSON.stringify(content), { mode });
  chmodSync(path, mode);
  return { home, path };
}
