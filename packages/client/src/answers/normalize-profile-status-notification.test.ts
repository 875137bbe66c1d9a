import { describe, expect, it } from "vitest";
import { normalizeProfileStatusNotification } from "./normalize-profile-status-notification.ts";

const newest = {
  eid: "89086030202200000022000014352016",
  iccid: "89860468152080349618",
  timestamp: "1679999518968",
  matchingId: "794A8542D923A980382AA3862BDB7C3F",
  configName: "Test001",
  type: "PROFILE_EVENT_NOTIFICATION",
  clientIp: "192.168.1.100",
  installedTimes: 2,
  notificationType: "DOWNLOADED",
  notificationStatus: { status: "SUCCESS", message: null },
};

describe("normalizeProfileStatusNotification", () => {
  it("returns a payload of the newest generation as the same object", () => {
    expect(normalizeProfileStatusNotification(newest)).toBe(newest);
  });

  it("renames the oldest generation's NotificationType in place", () => {
    const oldest = {
      eid: newest.eid,
      NotificationType: "ENABLE",
      notificationStatus: { status: "FAILED", message: "Profile has not been released." },
    };
    const normalized = normalizeProfileStatusNotification(oldest);
    expect(normalized).toEqual({
      eid: newest.eid,
      notificationType: "ENABLE",
      notificationStatus: oldest.notificationStatus,
    });
    expect(Object.keys(normalized as object)).toEqual([
      "eid",
      "notificationType",
      "notificationStatus",
    ]);
  });

  it.each([
    ["Failed", "FAILED"],
    ["failed", "FAILED"],
    [" Success ", "SUCCESS"],
    ["success", "SUCCESS"],
  ])("reads the status %j as %j", (given, want) => {
    const payload = { ...newest, notificationStatus: { status: given, message: null } };
    expect(normalizeProfileStatusNotification(payload)).toEqual({
      ...newest,
      notificationStatus: { status: want, message: null },
    });
  });

  it("leaves a status it does not know, for validation to judge", () => {
    const payload = { ...newest, notificationStatus: { status: "PENDING" } };
    expect(normalizeProfileStatusNotification(payload)).toBe(payload);
  });

  it("keeps both keys when both spellings are sent (one value, two names)", () => {
    const payload = { ...newest, NotificationType: "ENABLE" };
    expect(normalizeProfileStatusNotification(payload)).toBe(payload);
  });

  it("does not invent the fields the older generations leave out", () => {
    const { type: _type, clientIp: _ip, installedTimes: _times, ...older } = newest;
    expect(normalizeProfileStatusNotification(older)).toBe(older);
  });

  it("does not change the payload it was given", () => {
    const oldest = { NotificationType: "DELETE", notificationStatus: { status: "Failed" } };
    const copy = structuredClone(oldest);
    normalizeProfileStatusNotification(oldest);
    expect(oldest).toEqual(copy);
  });

  it("keeps a __proto__ key from JSON.parse a plain property", () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "NotificationType": "ENABLE"}');
    const normalized = normalizeProfileStatusNotification(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(normalized)).toBe(Object.prototype);
    expect(Object.hasOwn(normalized, "__proto__")).toBe(true);
    expect(normalized.notificationType).toBe("ENABLE");
  });

  it.each([null, "text", 42, [newest]])("returns %j, which is no payload, as it is", (value) => {
    expect(normalizeProfileStatusNotification(value)).toBe(value);
  });
});
