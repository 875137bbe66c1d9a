import { describe, expect, it } from "vitest";
import {
  credentialEnvironment,
  demoCredentials,
  exportBlock,
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

describe("exportBlock", () => {
  const url = "http://127.0.0.1:4020";

  it("sets every variable the CLI reads, with the demo values as they are", () => {
    const lines = exportBlock(url, demoCredentials, "rsp");
    expect(lines).toContain(`export SIMLESSLY_BASE_URL=${url}`);
    expect(lines).toContain(`export SIMLESSLY_EIM_BASE_URL=${url}`);
    expect(lines).toContain(`export SIMLESSLY_CMP_BASE_URL=${url}`);
    expect(lines).toContain("export SIMLESSLY_SIGNING_SCHEME=rsp");
    expect(lines).toContain(`export SIMLESSLY_SECRET_KEY=${demoCredentials.rsp.secretKey}`);
    expect(lines).toContain(`export SIMLESSLY_EIM_ACCESS_KEY=${demoCredentials.eim.publicKey}`);
    expect(lines).toContain(`export SIMLESSLY_EIM_TOKEN=${demoCredentials.eim.token}`);
    expect(lines).toContain(
      `export SIMLESSLY_CMP_CLIENT_SECRET=${demoCredentials.cmp.clientSecret}`,
    );
    const names = Object.values(credentialEnvironment).flatMap((product) => Object.values(product));
    for (const name of names) expect(lines.join("\n")).toContain(`export ${name}=`);
  });

  it("shows a fingerprint, never the value, of a secret that is not a demo value", () => {
    const custom = resolveCredentials(
      { rsp: { secretKey: "a-real-looking-secret" }, eim: { token: "a-real-token" } },
      {},
    );
    const text = exportBlock(url, custom, "appendix").join("\n");
    expect(text).not.toContain("a-real-looking-secret");
    expect(text).not.toContain("a-real-token");
    expect(text).toMatch(/^# SIMLESSLY_SECRET_KEY: yours, not shown \(sha256:[0-9a-f]{12}\)$/m);
    expect(text).not.toMatch(/export SIMLESSLY_SECRET_KEY=/);
    expect(text).toContain("export SIMLESSLY_SIGNING_SCHEME=appendix");
    expect(text).toContain(`export SIMLESSLY_EIM_SECRET_KEY=${demoCredentials.eim.secretKey}`);
  });

  it("quotes a value the shell would split", () => {
    expect(exportBlock("http://[::1]:4020/a b", demoCredentials, "rsp")[0]).toBe(
      "export SIMLESSLY_BASE_URL='http://[::1]:4020/a b'",
    );
  });
});
