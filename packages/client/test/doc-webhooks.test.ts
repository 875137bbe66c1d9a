// The webhook payloads the docs show, read as a receiver reads them: parsed, normalized to the
// newest spelling, then judged by the client's answer validation in each mode. Pure parsing
// of a body (no server is involved in receiving one), so no HTTP here.
import { describe, expect, it } from "vitest";
import { normalizeProfileStatusNotification } from "../src/answers/normalize-profile-status-notification.ts";
import { judgeBody, type ValidationMode } from "../src/answers/response-validation.ts";
import { eimValidator, rspValidator } from "../src/validation.ts";
import { profileStatusGenerations } from "./support/doc-answers.ts";

const modes: readonly ValidationMode[] = ["strict", "lenient", "off"];
const accepted = { rejected: [], reported: [] };

describe("profile status notifications of every docs generation", () => {
  const generations = Object.entries(profileStatusGenerations);

  it.each(generations.flatMap(([name, text]) => modes.map((mode) => [name, mode, text] as const)))(
    "the %s generation, normalized, passes %s validation",
    (_name, mode, text) => {
      const payload = normalizeProfileStatusNotification(JSON.parse(text));
      expect(judgeBody(mode, rspValidator, "ProfileStatusNotification", payload)).toEqual(accepted);
    },
  );

  it("reads the oldest generation in the newest spelling", () => {
    expect(normalizeProfileStatusNotification(JSON.parse(profileStatusGenerations.oldest))).toEqual(
      {
        eid: "89086030202200000022000014352016",
        iccid: "89860468152080348700",
        timestamp: "1679999518968",
        matchingId: "794A8542D923A980382AA3862BDB7C3F",
        configName: "test001",
        notificationType: "ENABLE",
        notificationStatus: { status: "FAILED", message: "Profile has not been released." },
      },
    );
  });

  it("refuses the oldest generation unnormalized, which is why receivers normalize first", () => {
    const verdict = judgeBody(
      "lenient",
      rspValidator,
      "ProfileStatusNotification",
      JSON.parse(profileStatusGenerations.oldest),
    );
    expect(verdict.rejected.map((issue) => issue.path)).toContain("notificationType");
  });
});

describe("the other webhooks' documented payloads", () => {
  // The docs' recycle example writes the placeholder "Success / Failed": read as its two values.
  const recycleExample = (status: string) => ({
    eid: "89086030202200000022000014352016",
    iccid: "89860468152080348700",
    orderId: "89860468152080348700",
    configName: "abcdef_1679538916716",
    timestamp: "1679999518968",
    status,
  });

  it.each(modes.flatMap((mode) => ["Success", "Failed"].map((status) => [status, mode] as const)))(
    "a recycle notification with status %s passes %s validation",
    (status, mode) => {
      expect(judgeBody(mode, rspValidator, "RecycleNotification", recycleExample(status))).toEqual(
        accepted,
      );
    },
  );

  // The eIM page's table (its example is not in the stored copy): a download and a change of
  // country, with the optional MCC+MNC fields left out and present.
  const eimNotifications = [
    {
      type: 1,
      resultDtoitems: [
        {
          iccid: "89860468152080349618",
          eid: "35203000280200000000000000003672",
          success: false,
          errorMsg: "device not connected",
        },
      ],
    },
    {
      type: 4,
      resultDtoitems: [
        {
          iccid: "89860468152080349618",
          eid: "35203000280200000000000000003672",
          success: true,
          errorMsg: null,
          beforeMccmnc: "45400",
          afterMccmnc: "26201",
        },
      ],
    },
  ];

  it.each(
    modes.flatMap((mode) => eimNotifications.map((body) => [body.type, mode, body] as const)),
  )("an eIM notification of type %s passes %s validation", (_type, mode, body) => {
    expect(judgeBody(mode, eimValidator, "EimNotification", body)).toEqual(accepted);
  });
});
