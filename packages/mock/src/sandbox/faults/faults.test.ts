import { describe, expect, it } from "vitest";
import { createFaultPlanner, faultSettingsSchema, noFaults, parseFaultHeader } from "./faults.ts";

describe("parseFaultHeader", () => {
  it.each([
    { given: "reset-after", want: { outcome: { kind: "reset-after" } } },
    { given: "RESET-BEFORE", want: { outcome: { kind: "reset-before" } } },
    { given: "429", want: { outcome: { kind: "status", status: 429, retryAfterSeconds: 4 } } },
    { given: "503", want: { outcome: { kind: "status", status: 503 } } },
    { given: "latency=200", want: { latencyMs: 200 } },
    { given: "latency=50, 500", want: { latencyMs: 50, outcome: { kind: "status", status: 500 } } },
    { given: "", want: {} },
  ])("reads $given", ({ given, want }) => {
    expect(parseFaultHeader(given, 4)).toEqual(want);
  });

  it.each(["404", "reset", "latency=-1", "latency=abc", "500,reset-after"])(
    "refuses %s",
    (given) => {
      expect(parseFaultHeader(given, 1)).toHaveProperty("error");
    },
  );
});

describe("faultSettingsSchema", () => {
  it("fills omitted settings with no fault", () => {
    expect(faultSettingsSchema.parse({})).toEqual(noFaults);
    expect(noFaults).toMatchObject({
      latencyMs: 0,
      errorRate5xx: 0,
      rate429: 0,
      resetBeforeRate: 0,
      resetAfterRate: 0,
    });
  });

  it.each([
    { name: "rates adding up to more than 1", input: { rate429: 0.6, errorRate5xx: 0.5 } },
    { name: "a rate above 1", input: { resetAfterRate: 1.5 } },
    { name: "a status that is not 5xx", input: { errorStatus: 404 } },
    { name: "a reversed latency range", input: { latencyMs: [300, 100] } },
    { name: "an unknown setting", input: { dropRate: 0.1 } },
  ])("refuses $name", ({ input }) => {
    expect(faultSettingsSchema.safeParse(input).success).toBe(false);
  });
});

describe("createFaultPlanner", () => {
  const settings = faultSettingsSchema.parse({
    latencyMs: [10, 90],
    rate429: 0.1,
    errorRate5xx: 0.2,
    resetBeforeRate: 0.05,
    resetAfterRate: 0.15,
  });

  it("plans the same sequence for the same seed", () => {
    const a = createFaultPlanner(settings, 99);
    const b = createFaultPlanner(settings, 99);
    const planA = Array.from({ length: 500 }, () => a.plan());
    const planB = Array.from({ length: 500 }, () => b.plan());
    expect(planB).toEqual(planA);
    const c = createFaultPlanner(settings, 100);
    expect(Array.from({ length: 500 }, () => c.plan())).not.toEqual(planA);
  });

  it("keeps the schedule of later requests when one is overridden", () => {
    const plain = createFaultPlanner(settings, 7);
    const overridden = createFaultPlanner(settings, 7);
    const expected = Array.from({ length: 20 }, () => plain.plan());
    const got = Array.from({ length: 20 }, (_, index) =>
      index === 3 ? overridden.plan({ outcome: { kind: "reset-after" } }) : overridden.plan(),
    );
    expect(got[3]?.outcome).toEqual({ kind: "reset-after" });
    expect(got.filter((_, index) => index !== 3)).toEqual(
      expected.filter((_, index) => index !== 3),
    );
  });

  it("faults close to the configured share of requests, and latency within its range", () => {
    const planner = createFaultPlanner(settings, 3);
    const counts = new Map<string, number>();
    const plans = Array.from({ length: 20_000 }, () => planner.plan());
    for (const { outcome } of plans) {
      const key = outcome.kind === "status" ? String(outcome.status) : outcome.kind;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const share = (key: string) => (counts.get(key) ?? 0) / plans.length;
    expect(share("reset-before")).toBeCloseTo(0.05, 1);
    expect(share("429")).toBeCloseTo(0.1, 1);
    expect(share("500")).toBeCloseTo(0.2, 1);
    expect(share("reset-after")).toBeCloseTo(0.15, 1);
    expect(share("none")).toBeCloseTo(0.5, 1);
    expect(plans.every(({ latencyMs }) => latencyMs >= 10 && latencyMs <= 90)).toBe(true);
  });

  it("restarts the schedule when configured with a seed", () => {
    const planner = createFaultPlanner(settings, 5);
    const first = Array.from({ length: 10 }, () => planner.plan());
    planner.configure(settings, 5);
    expect(Array.from({ length: 10 }, () => planner.plan())).toEqual(first);
    expect(planner.seed).toBe(5);
  });
});
