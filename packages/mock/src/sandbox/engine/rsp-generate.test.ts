import { describe, expect, it } from "vitest";
import { bodyOf, rspBody, testEngine } from "../../../test/engine-test-kit.ts";
import { iccid, simRecord } from "../../../test/sandbox-fixtures.ts";
import { generateAc, generateAcByBatch, getBatchInfo } from "./rsp-generate.ts";
import { deleteProfile } from "./rsp-profiles.ts";
import { settle } from "./settle.ts";

const S = 10;
const reason = (value: string) =>
  `PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [${value}] already existsById.`;

function submit(
  engine: ReturnType<typeof testEngine>,
  records: ReturnType<typeof simRecord>[],
  needAcLink = false,
) {
  const reply = generateAcByBatch(
    engine.ctx,
    rspBody("GenerateAcByBatchRequest", {
      configName: "templateRegular01",
      needAcLink,
      metaDatas: records,
    }),
  );
  return (bodyOf(reply).obj as { batchCode: string }).batchCode;
}

function info(engine: ReturnType<typeof testEngine>, batchCode: string) {
  settle(engine.ctx);
  return bodyOf(getBatchInfo(engine.ctx, rspBody("GetBatchInfoRequest", { batchCode }))).obj as {
    batchTaskInfo: Record<string, unknown>;
    results: Record<string, unknown>[];
  };
}

describe("batch generation", () => {
  it("stays PROCESSING until the delay has passed, then completes every record", () => {
    const engine = testEngine({ batchDelayMs: 1000 });
    const code = submit(engine, [simRecord(S, 1), simRecord(S, 2)]);
    expect(code).toMatch(/^B20270307110000[0-9]{6}$/);
    engine.advance(999);
    expect(info(engine, code)).toEqual({
      batchTaskInfo: {
        batchCode: code,
        taskType: "GENERATE AC",
        status: "PROCESSING",
        total: 2,
        succeedNum: 0,
        failedNum: 0,
        createTime: "2027/03/07 11:00:00",
      },
      results: [],
    });
    engine.advance(1);
    expect(info(engine, code)).toMatchObject({
      batchTaskInfo: { status: "COMPLETE", succeedNum: 2, failedNum: 0 },
      results: [
        {
          iccid: iccid(S, 1),
          eid: null,
          success: true,
          activationCode: expect.stringMatching(/^1\$rsp\.sandbox\.simlessly\.test\$[0-9A-F]{32}$/),
        },
        { iccid: iccid(S, 2), success: true },
      ],
    });
  });

  it("lets the first of a repeated ICCID win and fails the rest with the documented reason", () => {
    const engine = testEngine({ batchDelayMs: 0 });
    const code = submit(engine, [simRecord(S, 3), simRecord(S, 3), simRecord(S, 3)]);
    const { batchTaskInfo, results } = info(engine, code);
    expect(batchTaskInfo).toMatchObject({ succeedNum: 1, failedNum: 2 });
    expect(results.map((result) => result.errorReason ?? "ok")).toEqual([
      "ok",
      reason(iccid(S, 3)),
      reason(iccid(S, 3)),
    ]);
    expect(engine.ctx.state.profiles.get(iccid(S, 3))?.submissions).toBe(3);
  });

  it("fails a record whose ICCID got a profile while the batch was running", () => {
    const engine = testEngine({ batchDelayMs: 1000 });
    const code = submit(engine, [simRecord(S, 4)]);
    const single = generateAc(
      engine.ctx,
      rspBody("GenerateAcRequest", { configName: "templateRegular01", ...simRecord(S, 4) }),
    );
    expect(bodyOf(single)).toMatchObject({ success: true });
    engine.advance(1000);
    expect(info(engine, code).results).toMatchObject([
      { success: false, errorReason: reason(iccid(S, 4)) },
    ]);
  });

  it("adds QR links when the batch or the query asks for them", () => {
    const engine = testEngine({ batchDelayMs: 0 });
    const withLinks = submit(engine, [simRecord(S, 5)], true);
    const without = submit(engine, [simRecord(S, 6)], false);
    expect(info(engine, withLinks).results[0]?.acLink).toBe(
      `https://rsp.sandbox.simlessly.test/qr/${iccid(S, 5)}.png`,
    );
    expect(info(engine, without).results[0]).not.toHaveProperty("acLink");
    const asked = bodyOf(
      getBatchInfo(
        engine.ctx,
        rspBody("GetBatchInfoRequest", { batchCode: without, needAcLink: true }),
      ),
    );
    expect((asked.obj as { results: { acLink?: string }[] }).results[0]?.acLink).toBeDefined();
  });
});

describe("activation codes", () => {
  it("are stable for a profile, new after delete and regenerate, and kept by old batch results", () => {
    const engine = testEngine({ batchDelayMs: 0 });
    const code = submit(engine, [simRecord(S, 7)]);
    const first = info(engine, code).results[0]?.activationCode;
    expect(info(engine, code).results[0]?.activationCode).toBe(first);
    deleteProfile(engine.ctx, rspBody("DeleteProfileRequest", { iccid: iccid(S, 7) }));
    const again = generateAc(
      engine.ctx,
      rspBody("GenerateAcRequest", { configName: "templateRegular01", ...simRecord(S, 7) }),
    );
    const second = (bodyOf(again).obj as { activationCode: string }).activationCode;
    expect(second).not.toBe(first);
    expect(info(engine, code).results[0]?.activationCode).toBe(first);
  });

  it("are the same for the same seed and differ between ICCIDs", () => {
    const codes = [testEngine(), testEngine()].map((engine) =>
      [1, 2].map((index) => {
        const reply = generateAc(
          engine.ctx,
          rspBody("GenerateAcRequest", { configName: "templateRegular01", ...simRecord(S, index) }),
        );
        return (bodyOf(reply).obj as { activationCode: string }).activationCode;
      }),
    );
    expect(codes[1]).toEqual(codes[0]);
    expect(codes[0]?.[0]).not.toBe(codes[0]?.[1]);
  });
});

describe("generateAc", () => {
  it.each([
    { configName: "noSuchConfig", code: "CONFIG_NOT_FOUND" },
    { configName: "DEFAULT_UPP_CONFIG", code: "CONFIG_TYPE_MISMATCH" },
  ])("refuses configuration $configName with $code", ({ configName, code }) => {
    const engine = testEngine();
    const reply = generateAc(
      engine.ctx,
      rspBody("GenerateAcRequest", { configName, ...simRecord(S, 8) }),
    );
    expect(bodyOf(reply)).toMatchObject({ success: false, code });
    expect(engine.ctx.state.profiles.size).toBe(0);
  });
});
