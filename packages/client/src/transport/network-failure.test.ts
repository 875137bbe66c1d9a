import { describe, expect, it } from "vitest";
import { classifyNetworkError } from "./network-failure.ts";

const fetchFailed = (cause: unknown) => Object.assign(new TypeError("fetch failed"), { cause });
const systemError = (code: string) => Object.assign(new Error(code), { code });

describe("classifyNetworkError", () => {
  it.each([
    ["connection refused", fetchFailed(systemError("ECONNREFUSED")), false, "ECONNREFUSED"],
    ["a name that does not resolve", fetchFailed(systemError("ENOTFOUND")), false, "ENOTFOUND"],
    [
      "every address refused (happy eyeballs)",
      fetchFailed(new AggregateError([systemError("ECONNREFUSED"), systemError("ECONNREFUSED")])),
      false,
      "ECONNREFUSED",
    ],
    ["a reset", fetchFailed(systemError("ECONNRESET")), true, "ECONNRESET"],
    [
      "a closed socket",
      fetchFailed(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" })),
      true,
      "UND_ERR_SOCKET",
    ],
    [
      "refused and reset mixed",
      fetchFailed(new AggregateError([systemError("ECONNREFUSED"), systemError("ECONNRESET")])),
      true,
      "ECONNREFUSED",
    ],
    ["a browser network error without a code", new TypeError("Failed to fetch"), true, null],
  ])("after %s: sent %s", (_name, error, sent, systemCode) => {
    expect(classifyNetworkError(error)).toEqual({ sent, systemCode });
  });
});
