import { describe, expect, it } from "vitest";
import { docComment } from "./doc-comment.ts";

describe("docComment", () => {
  it.each([
    { name: "nothing to say", given: { type: "string" }, want: "" },
    {
      name: "a short description",
      given: { description: "An ICCID." },
      want: "/** An ICCID. */\n",
    },
    {
      name: "the title when there is no description",
      given: { title: "Name" },
      want: "/** Name */\n",
    },
    {
      name: "secret and deprecated",
      given: { description: "Key.", "x-secret": true, deprecated: true },
      want: "/**\n * Key.\n * Secret (`x-secret`): never log it or put it in an error message.\n * @deprecated\n */\n",
    },
    {
      name: "an inference after the description",
      given: { description: "An OPc.", "x-inferred": "Read from a public client." },
      want: "/**\n * An OPc.\n * Inferred (`x-inferred`): Read from a public client.\n */\n",
    },
    {
      name: "a comment terminator in the text",
      given: { description: "a */ b" },
      want: "/** a *\\/ b */\n",
    },
    {
      name: "long text wraps at spaces",
      given: { description: `${"word ".repeat(30).trim()}` },
      want: `/**\n * ${"word ".repeat(18).trim()}\n * ${"word ".repeat(12).trim()}\n */\n`,
    },
  ])("$name", ({ given, want }) => {
    expect(docComment(given)).toBe(want);
  });

  it("indents for a property", () => {
    expect(docComment({ description: "x" }, "  ")).toBe("  /** x */\n");
  });
});
