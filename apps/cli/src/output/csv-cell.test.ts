import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv-cell.ts";

describe("csvCell", () => {
  const cases: { given: string; want: string }[] = [
    { given: "89860468152080349618", want: "89860468152080349618" },
    { given: "", want: "" },
    { given: "1$rsp-eu.simlessly.com$ABC", want: "1$rsp-eu.simlessly.com$ABC" },
    { given: "=SUM(A1)", want: "'=SUM(A1)" },
    { given: "+31 6 1234", want: "'+31 6 1234" },
    { given: "-1 error", want: "'-1 error" },
    { given: "@cmd", want: "'@cmd" },
    { given: "\tindent", want: "'\tindent" },
    { given: 'say "hi"', want: '"say ""hi"""' },
    { given: "a,b", want: '"a,b"' },
    { given: "two\nlines", want: '"two\nlines"' },
    { given: '=HYPERLINK("x")', want: `"'=HYPERLINK(""x"")"` },
    { given: "x=1", want: "x=1" },
  ];
  it.each(cases)("turns $given into $want", ({ given, want }) => {
    expect(csvCell(given)).toBe(want);
  });
});

describe("csvRow", () => {
  it("joins cells with commas and ends with LF", () => {
    expect(csvRow(["a", "b,c", "=d"])).toBe('a,"b,c",\'=d\n');
  });
});
