import { describe, expect, it } from "vitest";
import { MemorySink } from "../../test/test-io.ts";
import { createTargetAnnouncer, targetLine, targetOf } from "./target-line.ts";

const fromProfile = {
  profile: "production",
  configFile: "/home/u/.config/simlessly/config.json",
  ignoredVariables: [],
};
const flags = { json: false, profile: undefined, config: undefined };

describe("targetLine", () => {
  it("names the product, the address and the profile of the config file", () => {
    const target = targetOf("rsp", { baseUrl: "https://rsp.simlessly.com", origin: fromProfile });
    expect(targetLine(target)).toBe(
      'simlessly → RSP https://rsp.simlessly.com (profile "production" of /home/u/.config/simlessly/config.json)\n',
    );
    expect(target).toEqual({
      product: "rsp",
      baseUrl: "https://rsp.simlessly.com",
      profile: "production",
      configFile: "/home/u/.config/simlessly/config.json",
      ignoredVariables: [],
    });
  });

  it("says environment when no config file was read", () => {
    const origin = { profile: undefined, configFile: undefined, ignoredVariables: [] };
    const target = targetOf("cmp", { baseUrl: "http://127.0.0.1:4012", origin });
    expect(targetLine(target)).toBe("simlessly → CMP http://127.0.0.1:4012 (environment)\n");
    expect(target).toMatchObject({ profile: null, configFile: null });
  });

  it("names the variables a flag overrode, never their values", () => {
    const origin = {
      ...fromProfile,
      ignoredVariables: ["SIMLESSLY_EIM_BASE_URL", "SIMLESSLY_EIM_TOKEN"],
    };
    const target = targetOf("eim", { baseUrl: "https://eim.simlessly.com", origin });
    expect(targetLine(target, ["--profile"])).toBe(
      'simlessly → eIM https://eim.simlessly.com (profile "production" of /home/u/.config/simlessly/config.json; SIMLESSLY_EIM_BASE_URL, SIMLESSLY_EIM_TOKEN overridden by --profile)\n',
    );
  });

  it("never prints user info, query or fragment of the base URL", () => {
    const target = targetOf("rsp", {
      baseUrl: "https://user:s3cret@rsp.example.com/api/?token=t0ken#frag",
      origin: fromProfile,
    });
    expect(target.baseUrl).toBe("https://rsp.example.com/api");
    expect(targetLine(target)).not.toMatch(/s3cret|t0ken|user|frag/);
  });
});

describe("createTargetAnnouncer", () => {
  const target = targetOf("rsp", { baseUrl: "https://rsp.simlessly.com", origin: fromProfile });

  it("prints a target once, and remembers it", () => {
    const stderr = new MemorySink();
    const announcer = createTargetAnnouncer(stderr, flags);
    expect(announcer.current()).toBeUndefined();
    announcer.announce(target);
    announcer.announce({ ...target });
    expect(stderr.text).toBe(targetLine(target));
    expect(announcer.current()).toEqual(target);
  });

  it("prints nothing with --quiet or --json, and still remembers the target", () => {
    for (const options of [
      { ...flags, quiet: true },
      { ...flags, json: true },
    ]) {
      const stderr = new MemorySink();
      const announcer = createTargetAnnouncer(stderr, options);
      announcer.announce(target);
      expect(stderr.text).toBe("");
      expect(announcer.current()).toEqual(target);
    }
  });

  it("names the flags that were given", () => {
    const stderr = new MemorySink();
    const origin = { ...fromProfile, ignoredVariables: ["SIMLESSLY_BASE_URL"] };
    createTargetAnnouncer(stderr, { ...flags, profile: "production", config: "/c.json" }).announce(
      targetOf("rsp", { baseUrl: "https://rsp.simlessly.com", origin }),
    );
    expect(stderr.text).toContain("; SIMLESSLY_BASE_URL overridden by --profile and --config)");
  });
});
