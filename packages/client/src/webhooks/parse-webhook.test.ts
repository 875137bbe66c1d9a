// The payloads the contract's webhooks show (spec/rsp.yaml, spec/eim.yaml examples) and the
// older docs generations, read by parseWebhook.
import { describe, expect, it } from "vitest";
import { parseWebhook } from "./parse-webhook.ts";
import { WebhookMalformedError } from "./webhook-errors.ts";

const installed = {
  eid: "89049032000001000000012345678901",
  iccid: "89860468152080349618",
  timestamp: "1804420800000",
  matchingId: "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
  configName: "templateRegular01",
  type: "PROFILE_EVENT_NOTIFICATION",
  clientIp: "203.0.113.24",
  installedTimes: 1,
  deviceName: "Pixel 8",
  notificationType: "INSTALLED",
  notificationStatus: { status: "SUCCESS", message: null },
};
const downloadFailed = {
  eid: "89049032000001000000012345678901",
  iccid: "89860468152080349642",
  timestamp: "1804420860000",
  matchingId: "5E6F708192A3B4C5D6E7F8091A2B3C4D",
  configName: "DEFAULT_UPP_CONFIG",
  type: "PROFILE_EVENT_NOTIFICATION",
  clientIp: "2001:db8::1f",
  installedTimes: 0,
  notificationType: "DOWNLOADED",
  notificationStatus: { status: "FAILED", message: "Profile has not been released." },
};
// The older generations as their docs pages print them.
const middle = `{
  "eid": "89086030202200000022000014352016",
  "iccid": "89860468152080348700",
  "timestamp": "1679999518968",
  "matchingId": "794A8542D923A980382AA3862BDB7C3F",
  "configName": "test001",
  "deviceName": "device001",
  "notificationType": "ENABLE",
  "notificationStatus": {
    "status": "Failed" ,
    "message": "Profile has not been released."
  }
}`;
const oldest = middle
  .replace('  "deviceName": "device001",\n', "")
  .replace('"notificationType"', '"NotificationType"');
const recycled = {
  eid: "89049032000001000000012345678901",
  iccid: "89860468152080349618",
  orderId: "89860468152080349618",
  configName: "templateRegular01",
  timestamp: "1830297600000",
  status: "Success",
};
const downloaded = {
  type: 1,
  resultDtoitems: [
    {
      iccid: "89860468152080349618",
      eid: "89049032000001000000012345678901",
      success: true,
      errorMsg: "",
    },
    {
      iccid: "89860468152080349626",
      eid: "89049032000001000000012345678902",
      success: false,
      errorMsg: "device not connected",
    },
  ],
};
const countryChanged = {
  type: 4,
  resultDtoitems: [
    {
      iccid: "89860468152080349634",
      eid: "89049032000001000000012345678903",
      success: true,
      errorMsg: null,
      beforeMccmnc: "45400",
      afterMccmnc: "26201",
    },
  ],
};

function malformed(body: string): WebhookMalformedError {
  try {
    parseWebhook(body);
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookMalformedError);
    return error as WebhookMalformedError;
  }
  return expect.fail("parsed");
}

describe("parseWebhook", () => {
  it.each([
    ["installed", installed],
    ["downloadFailed", downloadFailed],
  ])("reads the %s profile status example unchanged, from text or bytes", (_name, example) => {
    const text = JSON.stringify(example);
    expect(parseWebhook(text)).toEqual({ kind: "profileStatus", payload: example });
    expect(parseWebhook(new TextEncoder().encode(text))).toEqual({
      kind: "profileStatus",
      payload: example,
    });
  });

  it.each([
    ["middle", middle],
    ["oldest", oldest],
  ])("reads the %s docs generation in the newest spelling", (_name, text) => {
    const webhook = parseWebhook(text);
    expect(webhook.kind).toBe("profileStatus");
    if (webhook.kind !== "profileStatus") return;
    expect(webhook.payload.notificationType).toBe("ENABLE");
    expect(webhook.payload.notificationStatus).toEqual({
      status: "FAILED",
      message: "Profile has not been released.",
    });
    expect("NotificationType" in webhook.payload).toBe(false);
  });

  it("reads the recycle example", () => {
    expect(parseWebhook(JSON.stringify(recycled))).toEqual({ kind: "recycle", payload: recycled });
  });

  it.each([
    ["downloaded", downloaded],
    ["countryChanged", countryChanged],
  ])("reads the eIM %s example", (_name, example) => {
    expect(parseWebhook(JSON.stringify(example))).toEqual({ kind: "eim", payload: example });
  });

  it.each([
    ["not JSON", "{iccid: 8986", "invalid-json", null],
    ["an array", "[]", "invalid-json", null],
    ["invalid UTF-8", "", "invalid-json", null],
    [
      "no known shape",
      JSON.stringify({ iccid: "8986" }),
      "unknown-shape",
      "notificationStatus | orderId | resultDtoitems",
    ],
  ])("refuses %s", (name, text, reason, field) => {
    const error =
      name === "invalid UTF-8"
        ? (() => {
            try {
              parseWebhook(new Uint8Array([0x7b, 0xff, 0x7d]));
            } catch (caught) {
              return caught as WebhookMalformedError;
            }
            return expect.fail("parsed");
          })()
        : malformed(text);
    expect(error).toMatchObject({ reason, field });
    expect(error.message).not.toContain("8986");
  });

  it.each([
    ["profile status", { ...installed, matchingId: undefined }, "missing-field", "matchingId"],
    [
      "profile status",
      { ...installed, notificationStatus: {} },
      "missing-field",
      "notificationStatus.status",
    ],
    [
      "profile status",
      { ...installed, notificationStatus: "SUCCESS" },
      "invalid-field",
      "notificationStatus",
    ],
    ["recycle", { ...recycled, status: undefined }, "missing-field", "status"],
    ["eIM", { ...downloaded, type: "1" }, "invalid-field", "type"],
    [
      "eIM",
      { type: 1, resultDtoitems: [{ iccid: "8986", eid: "8904", errorMsg: "" }] },
      "missing-field",
      "resultDtoitems[0].success",
    ],
  ])(
    "refuses a %s notification with a field missing or mistyped, naming it",
    (_kind, payload, reason, field) => {
      const error = malformed(JSON.stringify(payload));
      expect(error).toMatchObject({ reason, field });
      expect(JSON.stringify(error)).not.toContain("8986");
    },
  );
});
