import { describe, expect, it } from "vitest";
import { configHome } from "../../test/config-home.ts";
import type { GlobalOptions } from "../core/command-spec.ts";
import { resolveCmpSettings, resolveEimSettings, resolveRspSettings } from "./product-settings.ts";

// SIMLESSLY_BASE_URL (or a profile's baseUrl) is the base URL of eIM and CMP when theirs is
// not set, so that one setting points every product at a sandbox.

const noFlags: GlobalOptions = { json: false, profile: undefined, config: undefined };
const credentials = {
  SIMLESSLY_ACCESS_KEY: "ak",
  SIMLESSLY_SECRET_KEY: "sk",
  SIMLESSLY_EIM_ACCESS_KEY: "pk",
  SIMLESSLY_EIM_SECRET_KEY: "ack",
  SIMLESSLY_CMP_CLIENT_ID: "id",
  SIMLESSLY_CMP_CLIENT_SECRET: "cs",
};
const sandbox = "http://127.0.0.1:4020";

function baseUrls(env: Record<string, string>, global: GlobalOptions = noFlags) {
  const sources = { env: { HOME: "/nonexistent", ...credentials, ...env }, cwd: "/", global };
  return {
    rsp: resolveRspSettings(sources).baseUrl,
    eim: resolveEimSettings(sources).baseUrl,
    cmp: resolveCmpSettings(sources).baseUrl,
  };
}

describe("the shared base URL", () => {
  it("is SIMLESSLY_BASE_URL for every product whose own base URL is unset", () => {
    expect(baseUrls({ SIMLESSLY_BASE_URL: `${sandbox}/` })).toEqual({
      rsp: sandbox,
      eim: sandbox,
      cmp: sandbox,
    });
  });

  it("keeps the production defaults without it", () => {
    expect(baseUrls({})).toEqual({
      rsp: "https://rsp.simlessly.com",
      eim: "https://eim.simlessly.com",
      cmp: "https://cmp.simlessly.com",
    });
  });

  it("yields to each product's own variable", () => {
    expect(
      baseUrls({
        SIMLESSLY_BASE_URL: sandbox,
        SIMLESSLY_EIM_BASE_URL: "http://127.0.0.1:5001",
        SIMLESSLY_CMP_BASE_URL: "http://127.0.0.1:5002",
      }),
    ).toEqual({ rsp: sandbox, eim: "http://127.0.0.1:5001", cmp: "http://127.0.0.1:5002" });
  });

  it("yields to a product's own key of the profile", () => {
    const { home } = configHome({
      profiles: { default: { eim: { baseUrl: "https://eim.example.com" } } },
    });
    expect(baseUrls({ HOME: home, SIMLESSLY_BASE_URL: sandbox })).toEqual({
      rsp: sandbox,
      eim: "https://eim.example.com",
      cmp: sandbox,
    });
  });

  it("does not send eIM or CMP to a production host given for RSP", () => {
    expect(baseUrls({ SIMLESSLY_BASE_URL: "https://rsp.simlessly.com" })).toEqual({
      rsp: "https://rsp.simlessly.com",
      eim: "https://eim.simlessly.com",
      cmp: "https://cmp.simlessly.com",
    });
  });

  it("may be a profile's baseUrl, which each product's own key overrides", () => {
    const { home } = configHome({
      profiles: {
        default: { baseUrl: sandbox, cmp: { baseUrl: "https://cmp.example.com" } },
      },
    });
    expect(baseUrls({ HOME: home })).toEqual({
      rsp: sandbox,
      eim: sandbox,
      cmp: "https://cmp.example.com",
    });
  });

  it("of the profile loses to SIMLESSLY_BASE_URL without flags, and wins with --profile", () => {
    const { home } = configHome({
      profiles: { default: { baseUrl: "https://lab.example.com" } },
    });
    expect(baseUrls({ HOME: home, SIMLESSLY_BASE_URL: sandbox })).toEqual({
      rsp: sandbox,
      eim: sandbox,
      cmp: sandbox,
    });
    const env = { HOME: "/nonexistent", ...credentials, SIMLESSLY_BASE_URL: sandbox };
    const flagged = {
      env: { ...env, HOME: home },
      cwd: "/",
      global: { ...noFlags, profile: "default" },
    };
    const eim = resolveEimSettings(flagged);
    expect(eim.baseUrl).toBe("https://lab.example.com");
    expect(eim.origin.ignoredVariables).toEqual(["SIMLESSLY_BASE_URL"]);
    expect(resolveRspSettings(flagged).baseUrl).toBe("https://lab.example.com");
  });
});
