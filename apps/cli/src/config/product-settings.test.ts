import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/test-io.ts";
import { resolveCmpSettings, resolveEimSettings, resolveRspSettings } from "./product-settings.ts";

const noFlags = { json: false, profile: undefined, config: undefined };

function configHome(content: object, mode = 0o600): { home: string; path: string } {
  const home = tempDir();
  mkdirSync(join(home, ".config", "simlessly"), { recursive: true });
  const path = join(home, ".config", "simlessly", "config.json");
  writeFileSync(path, JSON.stringify(content), { mode });
  chmodSync(path, mode);
  return { home, path };
}

describe("resolveRspSettings", () => {
  it("reads credentials from the environment, with the production URL and rsp scheme by default", () => {
    const settings = resolveRspSettings({
      env: { HOME: "/nonexistent", SIMLESSLY_ACCESS_KEY: "ak", SIMLESSLY_SECRET_KEY: "sk" },
      cwd: "/",
      global: noFlags,
    });
    expect(settings).toEqual({
      origin: { profile: undefined, configFile: undefined, ignoredVariables: [] },
      baseUrl: "https://rsp.simlessly.com",
      accessKey: "ak",
      secretKey: "sk",
      scheme: "rsp",
    });
  });

  it("reads a profile of the config file, the environment winning per value", () => {
    const { home } = configHome({
      profiles: {
        default: { rsp: { accessKey: "file-ak", secretKey: "file-sk" } },
        sandbox: {
          rsp: {
            baseUrl: "http://127.0.0.1:4010/",
            accessKey: "sb",
            secretKey: "sb-sk",
            scheme: "appendix",
          },
        },
      },
    });
    const env = { HOME: home, SIMLESSLY_SECRET_KEY: "env-sk" };
    expect(resolveRspSettings({ env, cwd: "/", global: noFlags })).toMatchObject({
      accessKey: "file-ak",
      secretKey: "env-sk",
    });
    expect(
      resolveRspSettings({
        env: { HOME: home },
        cwd: "/",
        global: { ...noFlags, profile: "sandbox" },
      }),
    ).toEqual({
      origin: {
        profile: "sandbox",
        configFile: join(home, ".config/simlessly/config.json"),
        ignoredVariables: [],
      },
      baseUrl: "http://127.0.0.1:4010",
      accessKey: "sb",
      secretKey: "sb-sk",
      scheme: "appendix",
    });
  });

  it("refuses a config file with secrets that others can read, saying how to fix it (exit 3)", () => {
    const { home, path } = configHome(
      { profiles: { default: { rsp: { accessKey: "a", secretKey: "do-not-print" } } } },
      0o644,
    );
    const attempt = () => resolveRspSettings({ env: { HOME: home }, cwd: "/", global: noFlags });
    expect(attempt).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: expect.stringContaining(`chmod 600 '${path}'`),
      }),
    );
    expect(attempt).not.toThrow(/do-not-print/);
  });

  it("accepts a world-readable config file without secrets", () => {
    const { home } = configHome({ profiles: { default: { rsp: { accessKey: "a" } } } }, 0o644);
    const settings = resolveRspSettings({
      env: { HOME: home, SIMLESSLY_SECRET_KEY: "s" },
      cwd: "/",
      global: noFlags,
    });
    expect(settings.accessKey).toBe("a");
  });

  const failures = [
    {
      name: "missing credentials",
      env: { HOME: "/nonexistent" },
      global: noFlags,
      want: /missing RSP credentials: SIMLESSLY_ACCESS_KEY.*SIMLESSLY_SECRET_KEY/,
    },
    {
      name: "a profile without a config file",
      env: { HOME: "/nonexistent" },
      global: { ...noFlags, profile: "x" },
      want: /profile "x" was asked for/,
    },
    {
      name: "a missing explicit config file",
      env: { HOME: "/nonexistent" },
      global: { ...noFlags, config: "/nonexistent/c.json" },
      want: /cannot read config file/,
    },
    {
      name: "a bad signing scheme",
      env: {
        HOME: "/nonexistent",
        SIMLESSLY_ACCESS_KEY: "a",
        SIMLESSLY_SECRET_KEY: "s",
        SIMLESSLY_SIGNING_SCHEME: "md5",
      },
      global: noFlags,
      want: /SIMLESSLY_SIGNING_SCHEME must be/,
    },
    {
      name: "a bad base URL",
      env: {
        HOME: "/nonexistent",
        SIMLESSLY_ACCESS_KEY: "a",
        SIMLESSLY_SECRET_KEY: "s",
        SIMLESSLY_BASE_URL: "ftp://x",
      },
      global: noFlags,
      want: /^SIMLESSLY_BASE_URL must be an http or https URL$/,
    },
  ];
  it.each(failures)("exits 3 on $name", ({ env, global, want }) => {
    expect(() => resolveRspSettings({ env, cwd: "/", global })).toThrow(
      expect.objectContaining({ exitCode: 3, message: expect.stringMatching(want) }),
    );
  });

  it("names unknown keys and unreadable JSON of the config file without values", () => {
    const { home } = configHome({ profiles: { default: { rsp: { secretkey: "leak" } } } });
    expect(() => resolveRspSettings({ env: { HOME: home }, cwd: "/", global: noFlags })).toThrow(
      /profiles\.default\.rsp: unknown key "secretkey"/,
    );
    const broken = configHome({});
    writeFileSync(
      join(broken.home, ".config", "simlessly", "config.json"),
      '{"profiles": {"default": {"rsp": {"secretKey": "leak"',
    );
    expect(() =>
      resolveRspSettings({ env: { HOME: broken.home }, cwd: "/", global: noFlags }),
    ).toThrow(/is not valid JSON$/);
  });
});

describe("resolveEimSettings and resolveCmpSettings", () => {
  it("read their own variables", () => {
    const env = {
      HOME: "/nonexistent",
      SIMLESSLY_EIM_ACCESS_KEY: "pk",
      SIMLESSLY_EIM_SECRET_KEY: "ack",
      SIMLESSLY_EIM_TOKEN: "tok",
      SIMLESSLY_CMP_CLIENT_ID: "id",
      SIMLESSLY_CMP_CLIENT_SECRET: "cs",
      SIMLESSLY_CMP_BASE_URL: "http://127.0.0.1:4012",
    };
    expect(resolveEimSettings({ env, cwd: "/", global: noFlags })).toEqual({
      origin: { profile: undefined, configFile: undefined, ignoredVariables: [] },
      baseUrl: "https://eim.simlessly.com",
      accessKey: "pk",
      secretKey: "ack",
      token: "tok",
    });
    expect(resolveCmpSettings({ env, cwd: "/", global: noFlags })).toEqual({
      origin: { profile: undefined, configFile: undefined, ignoredVariables: [] },
      baseUrl: "http://127.0.0.1:4012",
      clientId: "id",
      clientSecret: "cs",
    });
  });
});

describe("credentials and base URLs that cannot be used safely", () => {
  const env = { HOME: "/nonexistent", SIMLESSLY_ACCESS_KEY: "ak", SIMLESSLY_SECRET_KEY: "sk" };

  it("refuses an access key that cannot travel in a header, naming the variable, not the value (exit 3)", () => {
    const attempt = () =>
      resolveRspSettings({
        env: { ...env, SIMLESSLY_ACCESS_KEY: "bad key-7Hq2" },
        cwd: "/",
        global: noFlags,
      });
    expect(attempt).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: expect.stringMatching(/^SIMLESSLY_ACCESS_KEY must be .*visible ASCII/),
      }),
    );
    expect(attempt).not.toThrow(/7Hq2/);
  });

  it("names the config key when the bad value comes from a profile", () => {
    const { home } = configHome({
      profiles: { default: { eim: { accessKey: "pk", secretKey: "sk", token: "tok\tx" } } },
    });
    expect(() => resolveEimSettings({ env: { HOME: home }, cwd: "/", global: noFlags })).toThrow(
      /^eim\.token in profile "default" of .*config\.json must be .*; it cannot be used to sign requests$/,
    );
  });

  it.each(["http://example.com", "http://10.0.0.7:4020"])(
    "refuses plain http to another machine (%s) unless allowed",
    (url) => {
      expect(() =>
        resolveRspSettings({ env: { ...env, SIMLESSLY_BASE_URL: url }, cwd: "/", global: noFlags }),
      ).toThrow(/^SIMLESSLY_BASE_URL is plain http to .*SIMLESSLY_ALLOW_INSECURE_HTTP=1/);
      const allowed = resolveRspSettings({
        env: { ...env, SIMLESSLY_BASE_URL: url, SIMLESSLY_ALLOW_INSECURE_HTTP: "1" },
        cwd: "/",
        global: noFlags,
      });
      expect(allowed).toMatchObject({ baseUrl: url, allowInsecureHttp: true });
    },
  );

  it("lets a profile allow plain http, and takes loopback and https as they are", () => {
    const { home } = configHome({
      profiles: {
        default: { cmp: { baseUrl: "http://lab.example:4012", allowInsecureHttp: true } },
      },
    });
    const cmpEnv = { HOME: home, SIMLESSLY_CMP_CLIENT_ID: "id", SIMLESSLY_CMP_CLIENT_SECRET: "cs" };
    expect(resolveCmpSettings({ env: cmpEnv, cwd: "/", global: noFlags })).toMatchObject({
      baseUrl: "http://lab.example:4012",
      allowInsecureHttp: true,
    });
    for (const url of ["http://127.0.0.1:4020", "http://localhost:4020", "https://example.com"]) {
      const settings = resolveRspSettings({
        env: { ...env, SIMLESSLY_BASE_URL: url },
        cwd: "/",
        global: noFlags,
      });
      expect(settings).toMatchObject({
        baseUrl: url,
        accessKey: "ak",
        secretKey: "sk",
        scheme: "rsp",
      });
    }
  });
});
