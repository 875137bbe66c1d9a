import { rspMetadata } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import { hiddenMarker } from "../../output/hidden-marker.ts";
import { maskSecrets, scrubText, secretValuesIn } from "./secret-masking.ts";

const names = new Set<string>(rspMetadata.secretPropertyNames);

describe("maskSecrets", () => {
  it("hides every value under a secret name of the contract, at any depth", () => {
    const answer = {
      batchTaskInfo: { batchCode: "B1", resultUrl: "https://x/results" },
      results: [{ iccid: "8986", activationCode: "1$a$b", acLink: null, success: true }],
    };
    expect(maskSecrets(answer, names)).toEqual({
      batchTaskInfo: { batchCode: "B1", resultUrl: hiddenMarker },
      results: [{ iccid: "8986", activationCode: hiddenMarker, acLink: null, success: true }],
    });
    expect(answer.results[0]?.activationCode).toBe("1$a$b"); // a copy, not in place
  });
});

describe("secretValuesIn and scrubText", () => {
  it("finds secrets by name and replaces them in free text, longest first", () => {
    const body = {
      iccid: "89860468152080349618",
      ki: "6BE2053E6BE2053E",
      upp: ["6BE2053E6BE2053EFF"],
    };
    const found = secretValuesIn(body, names);
    expect(found.sort()).toEqual(["6BE2053E6BE2053E", "6BE2053E6BE2053EFF"]);
    expect(scrubText("upp 6BE2053E6BE2053EFF for 89860468152080349618", found)).toBe(
      `upp ${hiddenMarker} for 89860468152080349618`,
    );
  });

  it("replaces short secrets (4-digit PINs) only as whole words, never inside an ICCID", () => {
    expect(scrubText("ICCID 89860468152080341234", ["1234"])).toBe("ICCID 89860468152080341234");
    expect(scrubText("pin1 1234 refused for 89860468152080341234", ["1234"])).toBe(
      `pin1 ${hiddenMarker} refused for 89860468152080341234`,
    );
  });
});
