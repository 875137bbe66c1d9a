import { describe, expect, it } from "vitest";
import { isUntouched, leftAloneReason, saysAlreadyExists } from "./lost-codes.ts";

describe("lost codes", () => {
  it("reads the platform's documented 'already exists' text, and other wordings of it", () => {
    expect(
      saysAlreadyExists(
        "PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [8986] already existsById.",
      ),
    ).toBe(true);
    expect(saysAlreadyExists("ICCID already exists")).toBe(true);
    expect(saysAlreadyExists("ki is invalid")).toBe(false);
    expect(saysAlreadyExists(undefined)).toBe(false);
  });

  it("deletes only a profile that is Available and bound to no EID", () => {
    expect(isUntouched({ status: "Available", eid: null })).toBe(true);
    expect(isUntouched({ status: " AVAILABLE " })).toBe(true);
    expect(isUntouched({ status: "Available", eid: "89049032000001000000000000000001" })).toBe(
      false,
    );
    for (const status of ["Allocated", "Linked", "Released", "Downloaded", "Enabled", "?"]) {
      expect(isUntouched({ status, eid: null })).toBe(false);
    }
  });

  it("names the status when it reads like one, and nothing else of the platform's text", () => {
    expect(leftAloneReason({ status: "Released", eid: "8904" })).toMatch(
      /it is Released and is bound to a device \(EID\), so it was not deleted/,
    );
    for (const status of ["BE2053E9A1C4F7D8E0B2A3C5D6E7F801", "Available!", ""]) {
      const odd = leftAloneReason({ status });
      expect(odd).toContain("it has an unexpected status");
      if (status !== "") expect(odd).not.toContain(status);
    }
  });
});
