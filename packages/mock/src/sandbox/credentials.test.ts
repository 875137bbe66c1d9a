import { describe, expect, it } from "vitest";
import {
  credentialEnvironment,
  demoCredentials,
  describeCredentials,
  resolveCredentials,
} from "./credentials.ts";

describe("resolveCredentials", () => {
  it("uses the demo credentials when nothing is given", () => {
    expect(resolveCredentials({}, {})).toEqual(demoCredentials);
  });

  it("prefers explicit values, then the environment, then the demo set", () => {
    const resolved = resolveCredentials(
      { rsp: { secretKey: "explicit" } },
      {
        [credentialEnvironment.rsp.secretKey]: "from-env",
        [credentialEnvironment.rsp.accessKey]: "envkey",
      },
    );
    expect(resolved.rsp).toEqual({ accessKey: "envkey", secretKey: "explicit" });
    expect(resolved.eim).toEqual(demoCredentials.eim);
  });

  it("treats an empty variable as unset", () => {
    expect(resolveCredentials({}, { [credentialEnvironment.cmp.clientId]: "" }).cmp).toEqual(
      demoCredentials.cmp,
    );
  });

  it("refuses a malformed value, naming the variable but not the value", () => {
    const attempt = () =>
      resolveCredentials({}, { [credentialEnvironment.cmp.clientSecret]: "short-secret-value" });
    expect(attempt).toThrow(/SIMLESSLY_CMP_CLIENT_SECRET/);
    expect(attempt).not.toThrow(/short-secret-value/);
  });

  it("gives demo values that fit the contract's patterns", () => {
    expect(demoCredentials.rsp.accessKey).toMatch(/^[A-Za-z0-9]{1,64}$/);
    expect(demoCredentials.cmp.clientId).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(demoCredentials.cmp.clientSecret).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});

describe("describeCredentials", () => {
  it("shows demo secrets and hides the others behind a fingerprint", () => {
    const custom = resolveCredentials(
      { rsp: { secretKey: "a-real-looking-secret" }, eim: { token: "a-real-token" } },
      {},
    );
    const text = describeCredentials(custom).join("\n");
    expect(text).not.toContain("a-real-looking-secret");
    expect(text).not.toContain("a-real-token");
    expect(text).toMatch(/SecretKey sha256:[0-9a-f]{12} \(yours, hidden\)/);
    expect(text).toContain(`ackey ${demoCredentials.eim.secretKey} (demo)`);
  });
});
