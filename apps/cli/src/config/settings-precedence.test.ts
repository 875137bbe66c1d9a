import { describe, expect, it } from "vitest";
import { configHome } from "../../test/config-home.ts";
import type { GlobalOptions } from "../core/command-spec.ts";
import { resolveCmpSettings, resolveEimSettings, resolveRspSettings } from "./product-settings.ts";

// Which wins, the environment or the profile: the environment unless --profile or --config was
// given on the command line, for every product.

const noFlags: GlobalOptions = { json: false, profile: undefined, config: undefined };

const profiles = {
  default: { rsp: { accessKey: "default-ak", secretKey: "default-sk" } },
  production: {
    rsp: { baseUrl: "https://rsp.example.com", accessKey: "prod-ak", secretKey: "prod-sk" },
    eim: { baseUrl: "https://eim.example.com", accessKey: "prod-pk", secretKey: "prod-ack" },
    cmp: { baseUrl: "https://cmp.example.com", clientId: "prod-id", clientSecret: "prod-cs" },
  },
};

const sandboxEnv = {
  SIMLESSLY_BASE_URL: "http://127.0.0.1:4020",
  SIMLESSLY_ACCESS_KEY: "sandbox-ak",
  SIMLESSLY_SECRET_KEY: "sandbox-sk",
  SIMLESSLY_EIM_BASE_URL: "http://127.0.0.1:4020",
  SIMLESSLY_EIM_ACCESS_KEY: "sandbox-pk",
  SIMLESSLY_EIM_SECRET_KEY: "sandbox-ack",
  SIMLESSLY_EIM_TOKEN: "sandbox-token",
  SIMLESSLY_CMP_BASE_URL: "http://127.0.0.1:4020",
  SIMLESSLY_CMP_CLIENT_ID: "sandbox-id",
  SIMLESSLY_CMP_CLIENT_SECRET: "sandbox-cs",
};

const cases = [
  {
    product: "rsp",
    resolve: resolveRspSettings,
    fromProfile: { baseUrl: "https://rsp.example.com", accessKey: "prod-ak", secretKey: "prod-sk" },
    fromEnvironment: {
      baseUrl: "http://127.0.0.1:4020",
      accessKey: "sandbox-ak",
      secretKey: "sandbox-sk",
    },
    overridden: ["SIMLESSLY_BASE_URL", "SIMLESSLY_ACCESS_KEY", "SIMLESSLY_SECRET_KEY"],
  },
  {
    product: "eim",
    resolve: resolveEimSettings,
    // The profile has no token: that one still comes from the environment.
    fromProfile: {
      baseUrl: "https://eim.example.com",
      accessKey: "prod-pk",
      secretKey: "prod-ack",
      token: "sandbox-token",
    },
    fromEnvironment: {
      baseUrl: "http://127.0.0.1:4020",
      accessKey: "sandbox-pk",
      secretKey: "sandbox-ack",
      token: "sandbox-token",
    },
    overridden: ["SIMLESSLY_EIM_BASE_URL", "SIMLESSLY_EIM_ACCESS_KEY", "SIMLESSLY_EIM_SECRET_KEY"],
  },
  {
    product: "cmp",
    resolve: resolveCmpSettings,
    fromProfile: {
      baseUrl: "https://cmp.example.com",
      clientId: "prod-id",
      clientSecret: "prod-cs",
    },
    fromEnvironment: {
      baseUrl: "http://127.0.0.1:4020",
      clientId: "sandbox-id",
      clientSecret: "sandbox-cs",
    },
    overridden: [
      "SIMLESSLY_CMP_BASE_URL",
      "SIMLESSLY_CMP_CLIENT_ID",
      "SIMLESSLY_CMP_CLIENT_SECRET",
    ],
  },
] as const;

describe.each(cases)(
  "$product settings",
  ({ resolve, fromProfile, fromEnvironment, overridden }) => {
    it("take the profile named by --profile over the environment, and say which variables lost", () => {
      const { home, path } = configHome({ profiles });
      const settings = resolve({
        env: { HOME: home, ...sandboxEnv },
        cwd: "/",
        global: { ...noFlags, profile: "production" },
      });
      expect(settings).toMatchObject(fromProfile);
      expect(settings.origin).toEqual({
        profile: "production",
        configFile: path,
        ignoredVariables: overridden,
      });
    });

    it("take the profile of a file named by --config over the environment", () => {
      const { path } = configHome({ profiles: { default: profiles.production } });
      const settings = resolve({
        env: { HOME: "/nonexistent", ...sandboxEnv },
        cwd: "/",
        global: { ...noFlags, config: path },
      });
      expect(settings).toMatchObject(fromProfile);
      expect(settings.origin.ignoredVariables).toEqual(overridden);
    });

    it("let the environment win when the profile is chosen by SIMLESSLY_PROFILE, ignoring nothing", () => {
      const { home } = configHome({ profiles });
      const settings = resolve({
        env: { HOME: home, SIMLESSLY_PROFILE: "production", ...sandboxEnv },
        cwd: "/",
        global: noFlags,
      });
      expect(settings).toMatchObject(fromEnvironment);
      expect(settings.origin).toMatchObject({ profile: "production", ignoredVariables: [] });
    });

    it("let the environment win when SIMLESSLY_CONFIG names the file", () => {
      const { path } = configHome({ profiles: { default: profiles.production } });
      const settings = resolve({
        env: { HOME: "/nonexistent", SIMLESSLY_CONFIG: path, ...sandboxEnv },
        cwd: "/",
        global: noFlags,
      });
      expect(settings).toMatchObject(fromEnvironment);
      expect(settings.origin.ignoredVariables).toEqual([]);
    });

    it("list no variable when the flag's profile agrees with the environment or none is set", () => {
      const { home } = configHome({ profiles });
      const settings = resolve({
        env: { HOME: home },
        cwd: "/",
        global: { ...noFlags, profile: "production" },
      });
      expect(settings.origin.ignoredVariables).toEqual([]);
    });
  },
);

describe("a profile chosen on the command line", () => {
  it("still takes what it lacks from the environment", () => {
    const { home } = configHome({
      profiles: { partial: { rsp: { accessKey: "partial-ak" } } },
    });
    const settings = resolveRspSettings({
      env: { HOME: home, ...sandboxEnv },
      cwd: "/",
      global: { ...noFlags, profile: "partial" },
    });
    expect(settings).toMatchObject({
      baseUrl: "http://127.0.0.1:4020",
      accessKey: "partial-ak",
      secretKey: "sandbox-sk",
    });
    expect(settings.origin.ignoredVariables).toEqual(["SIMLESSLY_ACCESS_KEY"]);
  });

  it("wins for the signing scheme and plain http too", () => {
    const { home } = configHome({
      profiles: {
        lab: {
          rsp: {
            baseUrl: "https://rsp.example.com",
            accessKey: "a",
            secretKey: "s",
            scheme: "appendix",
            allowInsecureHttp: false,
          },
        },
      },
    });
    const settings = resolveRspSettings({
      env: { HOME: home, SIMLESSLY_SIGNING_SCHEME: "rsp", SIMLESSLY_ALLOW_INSECURE_HTTP: "1" },
      cwd: "/",
      global: { ...noFlags, profile: "lab" },
    });
    expect(settings.scheme).toBe("appendix");
    expect(settings.allowInsecureHttp).toBeUndefined();
    expect(settings.origin.ignoredVariables).toEqual([
      "SIMLESSLY_ALLOW_INSECURE_HTTP",
      "SIMLESSLY_SIGNING_SCHEME",
    ]);
  });

  it("refuses a --config file without the default profile instead of using the environment", () => {
    const { path } = configHome({ profiles: { production: profiles.production } });
    expect(() =>
      resolveRspSettings({
        env: { HOME: "/nonexistent", ...sandboxEnv },
        cwd: "/",
        global: { ...noFlags, config: path },
      }),
    ).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: expect.stringMatching(
          /has no profile "default" \(profiles: production\); choose one with --profile$/,
        ),
      }),
    );
  });
});
