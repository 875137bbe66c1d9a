import { describe, expect, it } from "vitest";
import { type HeaderSource, readHeader } from "./header-source.ts";

describe("readHeader", () => {
  const table: {
    name: string;
    headers: HeaderSource;
    want: string | readonly string[] | undefined;
  }[] = [
    {
      name: "a Headers value whatever the case",
      headers: new Headers({ accesskey: "k" }),
      want: "k",
    },
    { name: "a record value in another case", headers: { ACCESSKEY: "k" }, want: "k" },
    { name: "a record value spelled exactly", headers: { AccessKey: "k" }, want: "k" },
    { name: "undefined for an absent header", headers: { other: "x" }, want: undefined },
    { name: "undefined for an empty record value", headers: { accesskey: "" }, want: undefined },
    {
      name: "undefined for an empty Headers value",
      headers: new Headers({ accesskey: "" }),
      want: undefined,
    },
    {
      name: "undefined for an undefined record value",
      headers: { accesskey: undefined },
      want: undefined,
    },
    { name: "the single value of a one-item array", headers: { accesskey: ["k"] }, want: "k" },
    {
      name: "the array when a record repeats the header",
      headers: { accesskey: ["a", "b"] },
      want: ["a", "b"],
    },
  ];
  it.each(table)("returns $name", ({ headers, want }) => {
    expect(readHeader(headers, "AccessKey")).toEqual(want);
  });
});
