import { describe, expect, it } from "vitest";
import { configHome } from "../../test/config-home.ts";
import { tempDir } from "../../test/test-io.ts";
import { exposure, readConfigFile } from "./config-file.ts";
import { resolveRspSettings } from "./product-settings.ts";

const withSecret = {
  profiles: { default: { rsp: { accessKey: "a", secretKey: "do-not-print" } } },
};

describe("a config file with secrets that others may touch", () => {
  it.each([
    [0o640, "is readable by its group"],
    [0o604, "is readable by others"],
    [0o644, "is readable by its group and others"],
    [0o660, "is readable and writable by its group"],
    [0o620, "is writable by its group"],
    [0o646, "is readable by its group and readable and writable by others"],
    [0o610, "is executable by its group"],
  ])("is refused, saying who can (mode %o: %s)", (mode, says) => {
    const { path } = configHome(withSecret, mode);
    const attempt = () => readConfigFile(path, true, "/");
    expect(attempt).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: `config file ${path} holds secrets but ${says} (mode ${mode.toString(8)}); run: chmod 600 '${path}'`,
      }),
    );
    expect(attempt).not.toThrow(/do-not-print/);
  });

  it("is read when only its owner may read it", () => {
    const { path } = configHome(withSecret, 0o600);
    expect(readConfigFile(path, true, "/")?.profiles.default?.rsp?.accessKey).toBe("a");
  });

  it("names group and others apart in the words of the mode", () => {
    expect(exposure(0o750)).toBe("is readable and executable by its group");
    expect(exposure(0o777)).toBe("is readable, writable and executable by its group and others");
  });
});

describe("--config given a name that reads like --config-name's", () => {
  it("suggests --config-name, and says what --config is (exit 3)", () => {
    const attempt = () =>
      resolveRspSettings({
        env: { HOME: "/nonexistent" },
        cwd: tempDir(),
        global: { json: false, profile: undefined, config: "templateRegular01" },
      });
    expect(attempt).toThrow(
      expect.objectContaining({
        exitCode: 3,
        message: expect.stringMatching(
          /^no config file .*templateRegular01; did you mean --config-name templateRegular01\? \(--config names a settings file\)$/,
        ),
      }),
    );
  });

  it.each(["conf/settings", "settings.json", "./x"])(
    "gives no hint for a missing file that reads like a path (%s)",
    (config) => {
      const attempt = () =>
        resolveRspSettings({
          env: { HOME: "/nonexistent" },
          cwd: tempDir(),
          global: { json: false, profile: undefined, config },
        });
      expect(attempt).toThrow(/^cannot read config file .*: ENOENT$/);
    },
  );
});
