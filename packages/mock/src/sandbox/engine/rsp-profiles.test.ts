import { describe, expect, it } from "vitest";
import { bodyOf, rspBody, testEngine } from "../../../test/engine-test-kit.ts";
import { iccid, simRecord } from "../../../test/sandbox-fixtures.ts";
import { generateAc } from "./rsp-generate.ts";
import { deleteProfile, getProfileDetail, listProfileLogs } from "./rsp-profiles.ts";

const S = 12;
const subject = iccid(S, 1);

describe("deleting a deleted profile", () => {
  it("is refused for its status, as detail still shows it, and changes nothing", () => {
    const { ctx } = testEngine();
    generateAc(
      ctx,
      rspBody("GenerateAcRequest", { configName: "templateRegular01", ...simRecord(S, 1) }),
    );
    const remove = () =>
      bodyOf(deleteProfile(ctx, rspBody("DeleteProfileRequest", { iccid: subject })));
    const logCount = () =>
      (
        bodyOf(
          listProfileLogs(
            ctx,
            rspBody("ListProfileLogsRequest", {
              iccid: subject,
              pageParam: { pageNum: 1, pageSize: 100 },
            }),
          ),
        ).obj as { profileLogs: unknown[] }
      ).profileLogs.length;

    expect(remove()).toMatchObject({ success: true, obj: { iccid: subject } });
    const detail = bodyOf(
      getProfileDetail(ctx, rspBody("GetProfileDetailRequest", { iccid: subject })),
    );
    expect(detail).toMatchObject({ success: true, obj: { status: "Deleted" } });
    const logs = logCount();

    for (const body of [{ iccid: subject }, { iccid: subject, force: true }]) {
      const again = bodyOf(deleteProfile(ctx, rspBody("DeleteProfileRequest", body)));
      expect(again).toMatchObject({
        success: false,
        code: "PROFILE_STATUS_INVALID",
        msg: "profile status is Deleted; it was deleted already",
        obj: null,
      });
    }
    expect(logCount()).toBe(logs);
  });

  it("still answers PROFILE_NOT_FOUND for an ICCID that never held a profile", () => {
    const { ctx } = testEngine();
    expect(
      bodyOf(deleteProfile(ctx, rspBody("DeleteProfileRequest", { iccid: subject }))),
    ).toMatchObject({ success: false, code: "PROFILE_NOT_FOUND" });
  });
});
