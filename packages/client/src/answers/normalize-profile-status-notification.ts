// Maps a profile status webhook payload of any docs generation to the spelling of the
// newest one, which is what the contract's `ProfileStatusNotification` schema describes
// (spec/rsp.yaml). The older generations differ only in spelling there:
//   "NotificationType": "ENABLE"          → "notificationType": "ENABLE"  (oldest generation)
//   "notificationStatus": {"status": "Failed"} → "FAILED"  (any case of success / failed)
// The fields the older generations do not send (`type`, `clientIp`, `installedTimes`) are
// optional in the contract and are not made up here. Anything else is left as it is, so
// validation still sees (and reports) what does not fit.

/** The key the oldest docs generation uses for `notificationType`. */
const oldestEventKey = "NotificationType";

const statusSpellings: Readonly<Record<string, string>> = {
  success: "SUCCESS",
  failed: "FAILED",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `Failed`, ` failed ` → `FAILED`; any other value is returned unchanged. */
function normalizeStatus(status: unknown): unknown {
  if (typeof status !== "string") return status;
  const spelling = statusSpellings[status.trim().toLowerCase()];
  return spelling ?? status;
}

function normalizeNotificationStatus(value: unknown): unknown {
  if (!isRecord(value) || !("status" in value)) return value;
  const status = normalizeStatus(value.status);
  return status === value.status ? value : { ...value, status };
}

/**
 * Reads a profile status notification (the body of the `profileStatusNotification` webhook,
 * parsed from JSON) in the spelling of the newest docs generation: renames the oldest
 * generation's `NotificationType` key and writes the status `SUCCESS` or `FAILED` whatever
 * its case. A payload that needs no change comes back as the same object; one that sends
 * both `NotificationType` and `notificationType` keeps both, so validation refuses it (one
 * value, two names). Validate the result with the contract's `ProfileStatusNotification`
 * schema, e.g. `rspSchemas.ProfileStatusNotification.parse(...)` of `@simlessly/contract`.
 */
export function normalizeProfileStatusNotification(payload: unknown): unknown {
  if (!isRecord(payload)) return payload;
  let result: Record<string, unknown> | null = null;
  if (Object.hasOwn(payload, oldestEventKey) && !Object.hasOwn(payload, "notificationType")) {
    // Rebuilt key by key so that the renamed key keeps its place; fromEntries defines each
    // key, so a "__proto__" key from JSON.parse stays a plain property.
    result = Object.fromEntries(
      Object.entries(payload).map(([key, value]) => [
        key === oldestEventKey ? "notificationType" : key,
        value,
      ]),
    );
  }
  const notificationStatus = normalizeNotificationStatus(payload.notificationStatus);
  if (notificationStatus !== payload.notificationStatus) {
    result = { ...(result ?? payload), notificationStatus };
  }
  return result ?? payload;
}
