import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MemorySink } from "../../../test/test-io.ts";
import { CliError } from "../../core/cli-error.ts";
import type { Invocation } from "../../core/command-spec.ts";
import { confirmAction } from "./confirm-action.ts";

const iccid = "89860468152080349618";
const deletion = { action: `Delete profile ${iccid}` };
const baseUrl = "https://rsp.simlessly.com";
const question = `Delete profile ${iccid} on https://rsp.simlessly.com? This cannot be undone. [y/N] `;

function invocation(values: Invocation["values"] = {}): Invocation {
  return {
    values,
    positionals: [iccid],
    global: { json: false, profile: undefined, config: undefined },
  };
}

/** stdin holding `typed`, a terminal or not; `reads` tells whether anything consumed it. */
function stdinOf(typed: string, isTTY: boolean) {
  const stream = Object.assign(Readable.from([Buffer.from(typed)]), { isTTY });
  const state = { reads: 0 };
  stream.on("data", () => {
    state.reads += 1;
  });
  stream.pause();
  return { stream, state };
}

async function ask(
  typed: string,
  options: {
    stdinTTY?: boolean;
    stderrTTY?: boolean;
    values?: Invocation["values"];
    url?: string;
  } = {},
) {
  const { stream, state } = stdinOf(typed, options.stdinTTY ?? true);
  const stderr = new MemorySink(options.stderrTTY ?? true);
  const outcome = await confirmAction(
    deletion,
    options.url ?? baseUrl,
    invocation(options.values),
    { stdin: stream, stderr },
  ).then(
    () => "confirmed" as const,
    (error: unknown) => error,
  );
  return { outcome, stderr: stderr.text, reads: state.reads };
}

function refusal(outcome: unknown): CliError {
  expect(outcome).toBeInstanceOf(CliError);
  const error = outcome as CliError;
  expect(error.exitCode).toBe(2);
  expect(error.message).toContain("nothing was sent");
  return error;
}

describe("confirmAction on a terminal", () => {
  it.each(["y\n", "yes\n", "Y\n", " YES \r\n", "y"])("goes ahead on %j", async (typed) => {
    const { outcome, stderr } = await ask(typed);
    expect(outcome).toBe("confirmed");
    expect(stderr).toBe(question);
  });

  it.each(["n\n", "no\n", "\n", "yep\n", "maybe y\n", "n\ny\n"])("refuses on %j", async (typed) => {
    const { outcome, stderr } = await ask(typed);
    expect(refusal(outcome).message).toBe(
      `not confirmed: Delete profile ${iccid} on https://rsp.simlessly.com was not done; nothing was sent`,
    );
    expect(stderr).toBe(question);
  });

  it("refuses at end of input (Ctrl+D), ending the question's line", async () => {
    const { outcome, stderr } = await ask("");
    refusal(outcome);
    expect(stderr).toBe(`${question}\n`);
  });

  it("names the address without user info, query or fragment", async () => {
    const { stderr } = await ask("n\n", { url: "https://user:hunter2@rsp.example.test/gw/?k=v#f" });
    expect(stderr).toContain(" on https://rsp.example.test/gw? ");
    expect(stderr).not.toContain("hunter2");
    expect(stderr).not.toContain("k=v");
  });

  it("takes the caller's warning instead of the default", async () => {
    const stderr = new MemorySink(true);
    const { stream } = stdinOf("y\n", true);
    await confirmAction(
      { action: "Expire the order for profile 8986", warning: "It can then only be deleted." },
      baseUrl,
      invocation(),
      { stdin: stream, stderr },
    );
    expect(stderr.text).toBe(
      "Expire the order for profile 8986 on https://rsp.simlessly.com? It can then only be deleted. [y/N] ",
    );
  });
});

describe("confirmAction without a terminal to ask on", () => {
  it.each([
    { case: "stdin is not a terminal", stdinTTY: false, stderrTTY: true },
    { case: "stderr is not a terminal", stdinTTY: true, stderrTTY: false },
    { case: "neither is", stdinTTY: false, stderrTTY: false },
  ])("refuses when $case, asking nothing and reading nothing", async (options) => {
    const { outcome, stderr, reads } = await ask("y\n", options);
    const error = refusal(outcome);
    expect(error.message).toContain("pass --yes (-y)");
    expect(error.message).toContain(`Delete profile ${iccid} on https://rsp.simlessly.com`);
    expect(stderr).toBe("");
    expect(reads).toBe(0);
  });

  it("refuses when stdin holds --input -, even on a terminal", async () => {
    const { outcome, stderr } = await ask("y\n", { values: { input: "-" } });
    expect(refusal(outcome).message).toContain("stdin holds the input: pass --yes");
    expect(stderr).toBe("");
  });
});

describe("confirmAction that needs no question", () => {
  it("goes ahead with --yes, without a terminal and without reading stdin", async () => {
    const { outcome, stderr, reads } = await ask("n\n", {
      stdinTTY: false,
      stderrTTY: false,
      values: { yes: true, input: "-" },
    });
    expect(outcome).toBe("confirmed");
    expect(stderr).toBe("");
    expect(reads).toBe(0);
  });

  it("goes ahead when the command's form asks nothing", async () => {
    const stderr = new MemorySink(false);
    const { stream } = stdinOf("", false);
    await expect(
      confirmAction(undefined, baseUrl, invocation(), { stdin: stream, stderr }),
    ).resolves.toBeUndefined();
    expect(stderr.text).toBe("");
  });
});
