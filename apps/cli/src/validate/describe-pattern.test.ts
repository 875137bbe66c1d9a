import { describe, expect, it } from "vitest";
import { describePattern } from "./describe-pattern.ts";

describe("describePattern", () => {
  const cases: { given: string; want: string | undefined }[] = [
    { given: "/^[0-9]{15}$/u", want: "15 digits" },
    { given: "/^[0-9]{19,20}$/u", want: "19 or 20 digits" },
    { given: "/^[0-9]{1,15}$/u", want: "1 to 15 digits" },
    { given: "/^[0-9A-Fa-f]{32}$/u", want: "32 hexadecimal characters" },
    { given: "/^[0-9A-Fa-f]{2,512}$/u", want: "2 to 512 hexadecimal characters" },
    { given: "/^[A-Za-z0-9_-]{1,64}$/u", want: undefined },
    { given: "/^[0-9]{4}-(0[1-9]|1[0-2])$/u", want: undefined },
  ];
  it.each(cases)("describes $given as $want", ({ given, want }) => {
    expect(describePattern(given)).toBe(want);
  });
});
