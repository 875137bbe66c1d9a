// Where `pnpm release` publishes: only an explicit choice names a registry; otherwise a local
// throwaway one (null here), whatever pnpm puts in npm_config_registry.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configuredRegistry } from "../src/target.ts";

let root: string;
let userNpmrc: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "simlessly-target-"));
  userNpmrc = join(root, "user-npmrc");
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("the release's registry", () => {
  it("is none when only pnpm's default npm_config_registry and a user registry= are set", async () => {
    await writeFile(userNpmrc, "registry=https://mirror.example/\ncafile=/x\n");
    const env = {
      npm_config_registry: "https://registry.npmjs.org/",
      npm_config_userconfig: userNpmrc,
    };
    expect(await configuredRegistry(root, env)).toBeNull();
  });

  it("takes @simlessly:registry from the npmrc named in either case of NPM_CONFIG_USERCONFIG", async () => {
    await writeFile(userNpmrc, "@simlessly:registry=http://127.0.0.1:4873/\n");
    expect(await configuredRegistry(root, { NPM_CONFIG_USERCONFIG: userNpmrc })).toMatchObject({
      registry: "http://127.0.0.1:4873/",
    });
  });

  it("prefers SIMLESSLY_REGISTRY, then the checkout's .npmrc scope, then its registry=", async () => {
    await writeFile(join(root, ".npmrc"), "registry=https://b.example/\n");
    const env = { npm_config_userconfig: userNpmrc };
    expect((await configuredRegistry(root, env))?.registry).toBe("https://b.example/");
    await writeFile(
      join(root, ".npmrc"),
      "registry=https://b.example/\n@simlessly:registry = https://a.example/\n",
    );
    expect((await configuredRegistry(root, env))?.registry).toBe("https://a.example/");
    const chosen = { ...env, SIMLESSLY_REGISTRY: "https://c.example/" };
    expect((await configuredRegistry(root, chosen))?.registry).toBe("https://c.example/");
  });
});
