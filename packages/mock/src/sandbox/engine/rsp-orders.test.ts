import { describe, expect, it } from "vitest";
import { bodyOf, rspBody, testEngine } from "../../../test/engine-test-kit.ts";
import { eid, iccid, simRecord } from "../../../test/sandbox-fixtures.ts";
import type { EngineContext } from "./engine-context.ts";
import type { Reply } from "./envelopes.ts";
import { generateAc } from "./rsp-generate.ts";
import {
  cancelOrder,
  confirmOrder,
  downloadOrder,
  expireOrder,
  releaseProfile,
} from "./rsp-orders.ts";
import { deleteProfile, updateProfileParam } from "./rsp-profiles.ts";
import { ProfileStatus, type ProfileStatusName, statusName } from "./state.ts";

const S = 11;
const subject = iccid(S, 1);

type Operation = (ctx: EngineContext) => Reply;
const operations: Record<string, Operation> = {
  downloadOrder: (ctx) => downloadOrder(ctx, rspBody("DownloadOrderRequest", { iccid: subject })),
  confirmOrder: (ctx) => confirmOrder(ctx, rspBody("ConfirmOrderRequest", { iccid: subject })),
  cancelOrder: (ctx) => cancelOrder(ctx, rspBody("CancelOrderRequest", { iccid: subject })),
  releaseProfile: (ctx) =>
    releaseProfile(ctx, rspBody("ReleaseProfileRequest", { iccid: subject })),
  expireOrder: (ctx) => expireOrder(ctx, rspBody("ExpireOrderRequest", { iccid: subject })),
  updateProfileParam: (ctx) =>
    updateProfileParam(ctx, rspBody("UpdateProfileParamRequest", { iccid: subject })),
  deleteProfile: (ctx) => deleteProfile(ctx, rspBody("DeleteProfileRequest", { iccid: subject })),
};

// Given a profile in status `from`, calling the operation leaves it in `to`, or is refused (null).
const allowed: Record<string, Partial<Record<ProfileStatusName, ProfileStatusName>>> = {
  downloadOrder: { Available: "Allocated" },
  confirmOrder: { Allocated: "Confirmed", Linked: "Confirmed" },
  cancelOrder: {
    Allocated: "Available",
    Linked: "Available",
    Confirmed: "Available",
    Released: "Available",
  },
  releaseProfile: { Confirmed: "Released" },
  expireOrder: {
    Allocated: "Expired",
    Linked: "Expired",
    Confirmed: "Expired",
    Released: "Expired",
  },
  updateProfileParam: { Available: "Available" },
  deleteProfile: {
    Available: "Deleted",
    Allocated: "Deleted",
    Linked: "Deleted",
    Confirmed: "Deleted",
    Released: "Deleted",
    Expired: "Deleted",
  },
};

const statuses: ProfileStatusName[] = [
  "Available",
  "Allocated",
  "Linked",
  "Confirmed",
  "Released",
  "Downloaded",
  "Installed",
  "Enabled",
  "Disabled",
  "Expired",
];

const cases = Object.keys(operations).flatMap((operation) =>
  statuses.map((from) => ({ operation, from, to: allowed[operation]?.[from] ?? null })),
);

describe("the profile and order lifecycle", () => {
  it.each(cases)("$operation on a $from profile → $to", ({ operation, from, to }) => {
    const { ctx } = testEngine();
    generateAc(
      ctx,
      rspBody("GenerateAcRequest", { configName: "templateRegular01", ...simRecord(S, 1) }),
    );
    const record = ctx.state.profiles.get(subject);
    if (record === undefined) throw new Error("no profile");
    record.status = ProfileStatus[from];
    const reply = bodyOf((operations[operation] as Operation)(ctx));
    if (to === null) {
      expect(reply).toMatchObject({ success: false, code: "PROFILE_STATUS_INVALID" });
      expect(statusName(record.status)).toBe(from);
    } else {
      expect(reply).toMatchObject({ success: true });
      expect(statusName(record.status)).toBe(to);
    }
  });

  it("answers PROFILE_NOT_FOUND for an unknown ICCID on every operation", () => {
    const { ctx } = testEngine();
    for (const operation of Object.values(operations)) {
      expect(bodyOf(operation(ctx))).toMatchObject({ success: false, code: "PROFILE_NOT_FOUND" });
    }
  });

  it("binds an order to the EID it names and refuses another one", () => {
    const { ctx } = testEngine();
    generateAc(
      ctx,
      rspBody("GenerateAcRequest", { configName: "templateRegular01", ...simRecord(S, 1) }),
    );
    downloadOrder(ctx, rspBody("DownloadOrderRequest", { iccid: subject, eid: eid(1) }));
    expect(statusName(ctx.state.profiles.get(subject)?.status ?? 0)).toBe("Linked");
    expect(
      bodyOf(confirmOrder(ctx, rspBody("ConfirmOrderRequest", { iccid: subject, eid: eid(2) }))),
    ).toMatchObject({
      code: "EID_MISMATCH",
    });
    expect(ctx.state.profilesByEid.get(eid(1))).toEqual(new Set([subject]));
  });

  it("refuses an activation code that is not the profile's, without echoing either", () => {
    const { ctx } = testEngine();
    generateAc(
      ctx,
      rspBody("GenerateAcRequest", { configName: "templateRegular01", ...simRecord(S, 1) }),
    );
    downloadOrder(ctx, rspBody("DownloadOrderRequest", { iccid: subject }));
    const wrong = "1$rsp.sandbox.simlessly.test$00000000000000000000000000000000";
    const reply = bodyOf(
      confirmOrder(ctx, rspBody("ConfirmOrderRequest", { iccid: subject, ac: wrong })),
    );
    expect(reply).toMatchObject({ code: "AC_MISMATCH" });
    expect(String(reply.msg)).not.toContain("$");
  });
});
