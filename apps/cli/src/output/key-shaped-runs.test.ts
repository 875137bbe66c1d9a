import { describe, expect, it } from "vitest";
import { hideKeyShapedRuns } from "./key-shaped-runs.ts";

const ki = "6BE2053E8580B135CD43443380DB7111";

describe("hideKeyShapedRuns", () => {
  const cases: { text: string; want: string }[] = [
    { text: `bad Ki ${ki}`, want: "bad Ki [hidden]" },
    { text: `bad Ki ${ki.toLowerCase()}.`, want: "bad Ki [hidden]." },
    { text: "KI=[6BE2 053E 8580 B135 CD43 4433 80DB 7111]", want: "KI=[[hidden]]" },
    { text: "k 6b-e2-05-3e-85-80-b1-35-cd-43-44-33-80-db-71-11", want: "k [hidden]" },
    {
      text: "ICCID [89860468152080349626] already existsById.",
      want: "ICCID [89860468152080349626] already existsById.",
    },
    { text: "IMSI 460048867619618 unknown", want: "IMSI 460048867619618 unknown" },
    {
      text: "ICCID 89860468152080349626 added, face cafe",
      want: "ICCID 89860468152080349626 added, face cafe",
    },
    { text: "config templateRegular01 has no ADM", want: "config templateRegular01 has no ADM" },
  ];
  it.each(cases)("turns $text into $want", ({ text, want }) => {
    expect(hideKeyShapedRuns(text)).toBe(want);
  });
});
