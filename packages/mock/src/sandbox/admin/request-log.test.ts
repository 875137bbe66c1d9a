import { describe, expect, it } from "vitest";
import { createRequestLog, type RequestLogEntry } from "./request-log.ts";

const entry = (timeMs: number): RequestLogEntry => ({
  timeMs,
  product: "rsp",
  operationId: "listConfigs",
  warnings: [],
  refused: false,
});

describe("createRequestLog", () => {
  it("keeps the last entries, oldest first", () => {
    const log = createRequestLog(3);
    for (const time of [1, 2]) log.record(entry(time));
    expect(log.entries().map((logged) => logged.timeMs)).toEqual([1, 2]);
    for (const time of [3, 4, 5]) log.record(entry(time));
    expect(log.entries().map((logged) => logged.timeMs)).toEqual([3, 4, 5]);
  });

  it("starts again empty after clear", () => {
    const log = createRequestLog(2);
    for (const time of [1, 2, 3]) log.record(entry(time));
    log.clear();
    log.record(entry(4));
    expect(log.entries().map((logged) => logged.timeMs)).toEqual([4]);
  });
});
