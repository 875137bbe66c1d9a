import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliForTest } from "../../test/run-cli.ts";
import { credentialSecrets, type SandboxCli, startSandboxCli } from "../../test/sandbox-cli.ts";
import { tempDir } from "../../test/test-io.ts";

let cli: SandboxCli;
/** The sandbox's environment with one base URL for all three products. */
let oneUrl: Record<string, string | undefined>;

beforeAll(async () => {
  cli = await startSandboxCli();
  oneUrl = { ...cli.env, SIMLESSLY_EIM_BASE_URL: undefined, SIMLESSLY_CMP_BASE_URL: undefined };
});
afterAll(() => cli.stop());

function expectNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe("SIMLESSLY_BASE_URL alone", () => {
  it("reaches RSP, eIM and CMP of the sandbox, which serves all three on one origin", async () => {
    const device = { eid: "89049032000001000000012345678901", imei: "356938035643801" };
    const eim = await cli.run(["eim", "device", "import", "--input", "-"], {
      stdin: JSON.stringify([device]),
      env: oneUrl,
    });
    expect(eim.code, eim.stderr).toBe(0);
    const cmp = await cli.run(["cmp", "sims", "89860468152080349618"], { env: oneUrl });
    expect(cmp.code, cmp.stderr).toBe(0);
    const rsp = await cli.run(["config", "list"], { env: oneUrl });
    expect(rsp.code, rsp.stderr).toBe(0);
    const products = new Set(cli.sandbox.admin.requests().map((request) => request.product));
    expect(products).toEqual(new Set(["rsp", "eim", "cmp"]));
    expectNoSecret(cli.outputs.join("\n"), credentialSecrets(cli.env));
  });
});

describe("config show", () => {
  it("shows every product's settings and sources, secrets as fingerprints, sending nothing", async () => {
    const before = cli.sandbox.admin.requests().length;
    const text = await cli.run(["config", "show"], { env: oneUrl });
    const json = await cli.run(["config", "show", "--json"], { env: oneUrl });
    expect(cli.sandbox.admin.requests().length).toBe(before);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /^config file {2}\/nonexistent-home\/\.config\/simlessly\/config\.json \(not found; chosen by default\)$/m,
    );
    expect(text.stdout).toMatch(
      /^profile {6}default \(chosen by default; not in the config file\)$/m,
    );
    for (const label of ["RSP", "eIM", "CMP"]) expect(text.stdout).toContain(`${label}  ready`);
    const sandboxLines = text.stdout.split("\n").filter((line) => line.includes(cli.sandbox.url));
    expect(sandboxLines).toHaveLength(3);
    for (const line of sandboxLines)
      expect(line).toMatch(/^ {2}base URL +\S+ +\(SIMLESSLY_BASE_URL\)$/);
    expect(text.stdout).toMatch(/secret key +sha256:[0-9a-f]{12} +\(SIMLESSLY_EIM_SECRET_KEY\)/);
    expect(text.stdout).toMatch(/token +sha256:[0-9a-f]{12} +\(SIMLESSLY_EIM_TOKEN\)/);
    expect(text.stdout).toMatch(
      /client secret +sha256:[0-9a-f]{12} +\(SIMLESSLY_CMP_CLIENT_SECRET\)/,
    );
    expect(text.stdout).toMatch(
      new RegExp(`access key +${cli.env.SIMLESSLY_ACCESS_KEY} +\\(SIMLESSLY_ACCESS_KEY\\)`),
    );

    expect(json.code, json.stderr).toBe(0);
    const { result } = JSON.parse(json.stdout);
    expect(result.configFile).toEqual({
      path: "/nonexistent-home/.config/simlessly/config.json",
      exists: false,
      by: "default",
    });
    expect(result.profile).toEqual({ name: "default", found: false, by: "default" });
    expect(Object.keys(result.products)).toEqual(["rsp", "eim", "cmp"]);
    expect(result.products.cmp.settings.baseUrl).toEqual({
      value: cli.sandbox.url,
      fingerprint: false,
      from: "SIMLESSLY_BASE_URL",
      source: { kind: "variable", name: "SIMLESSLY_BASE_URL" },
    });
    expect(result.products.rsp.settings.secretKey).toMatchObject({
      value: expect.stringMatching(/^sha256:[0-9a-f]{12}$/),
      fingerprint: true,
    });
    expect(result.products.eim).toMatchObject({ ready: true, missing: [], problem: null });
    expectNoSecret(`${text.stdout}${text.stderr}${json.stdout}${json.stderr}`, [
      ...credentialSecrets(cli.env),
    ]);
  });

  it("shows the profile chosen by --profile winning, and the variables it overrode", async () => {
    const dir = tempDir();
    const path = join(dir, "config.json");
    const profileSecrets = ["prod-secret-7Hq2xx", "prod-token-9Kz4yy", "prod-cs-3Lm8zz"];
    writeFileSync(
      path,
      JSON.stringify({
        profiles: {
          production: {
            rsp: { accessKey: "prod-ak", secretKey: profileSecrets[0] },
            eim: { accessKey: "prod-pk", secretKey: profileSecrets[0], token: profileSecrets[1] },
            cmp: { baseUrl: "http://lab.example:4012", clientSecret: profileSecrets[2] },
          },
        },
      }),
    );
    chmodSync(path, 0o600);
    const args = ["config", "show", "--config", path, "--profile", "production"];
    const text = await cli.run(args, { env: oneUrl });
    const json = await cli.run([...args, "--json"], { env: oneUrl });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("precedence   the profile, then the environment");
    expect(text.stdout).toMatch(
      /access key +prod-ak +\(rsp\.accessKey in profile "production" of /,
    );
    expect(text.stdout).toContain(`in profile "production" of ${path})`);
    expect(text.stdout).toContain(
      "not used: SIMLESSLY_ACCESS_KEY, SIMLESSLY_SECRET_KEY (set, but the chosen profile wins)",
    );
    const { result } = JSON.parse(json.stdout);
    expect(result.profileWins).toBe(true);
    expect(result.products.rsp.ignoredVariables).toEqual([
      "SIMLESSLY_ACCESS_KEY",
      "SIMLESSLY_SECRET_KEY",
    ]);
    // The profile's base URL wins, and plain http to another machine is what keeps CMP back.
    expect(result.products.cmp).toMatchObject({
      ready: false,
      missing: [],
      problem: expect.stringMatching(/^cmp\.baseUrl in profile "production" .* is plain http/),
      settings: {
        clientId: { value: cli.env.SIMLESSLY_CMP_CLIENT_ID, from: "SIMLESSLY_CMP_CLIENT_ID" },
      },
    });
    expectNoSecret(`${text.stdout}${text.stderr}${json.stdout}${json.stderr}`, [
      ...credentialSecrets(cli.env),
      ...profileSecrets,
    ]);
  });

  it("says what a product lacks instead of failing, for one product with --product", async () => {
    const run = await runCliForTest(["config", "show", "--product", "cmp"], {
      env: { HOME: "/nonexistent-home", SIMLESSLY_CMP_CLIENT_ID: "id" },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "CMP  not ready: missing SIMLESSLY_CMP_CLIENT_SECRET (or cmp.clientSecret)",
    );
    expect(run.stdout).toMatch(/client secret +not set$/m);
    expect(run.stdout).not.toMatch(/^(RSP|eIM) /m);
  });

  it("refuses an unknown --product (exit 2)", async () => {
    const run = await runCliForTest(["config", "show", "--product", "sms"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--product must be one of rsp, eim, cmp");
  });

  it("hides a password in a base URL and control characters in values", async () => {
    const run = await runCliForTest(["config", "show", "--product", "rsp", "--json"], {
      env: {
        HOME: "/nonexistent-home",
        SIMLESSLY_BASE_URL: "https://user:url-pass-5Tg7@rsp.example.com",
        SIMLESSLY_ACCESS_KEY: "ak\u001b[31m",
      },
    });
    expect(run.stdout).not.toContain("url-pass-5Tg7");
    const text = await runCliForTest(["config", "show", "--product", "rsp"], {
      env: { HOME: "/nonexistent-home", SIMLESSLY_ACCESS_KEY: "ak\u001b[31m" },
    });
    expect(text.stdout).toContain("access key  ak?[31m");
  });
});
