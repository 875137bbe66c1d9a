// The sandbox plays the device side too: an admin call says "this device downloaded (or
// installed, enabled, disabled, deleted) this profile", the profile changes status, and the
// profile status webhook goes out, as it would from the platform. A device asking for a
// profile that is not ready gets the failure the docs show ("Profile has not been released.").
import type { EngineContext, ProfileStatusNotification } from "./engine-context.ts";
import { bindEid, changeStatus, extrasFor, findProfile } from "./profile-records.ts";
import { type ProfileRecord, ProfileStatus, type ProfileStatusName, statusName } from "./state.ts";

/** The device events of the profile status webhook. */
export const deviceEventTypes = ["DOWNLOADED", "INSTALLED", "ENABLE", "DISABLE", "DELETE"] as const;

/** One device event. */
export type DeviceEventType = (typeof deviceEventTypes)[number];

/** A device event to simulate. */
export interface DeviceEventInput {
  readonly iccid: string;
  readonly eid: string;
  readonly event: DeviceEventType;
  readonly deviceName?: string;
  readonly clientIp?: string;
}

/** What happened. */
export type DeviceEventResult =
  | { readonly found: false }
  | {
      readonly found: true;
      readonly success: boolean;
      readonly message: string | null;
      readonly status: ProfileStatusName;
    };

const defaultClientIp = "192.0.2.10";

// From which statuses each event succeeds, and the status it leads to.
const transitions: Record<
  DeviceEventType,
  { from: readonly number[]; to: number; failure: string }
> = {
  DOWNLOADED: {
    // A generated activation code is downloadable at once; an ES2+ order once released.
    from: [ProfileStatus.Available, ProfileStatus.Released],
    to: ProfileStatus.Downloaded,
    failure: "Profile has not been released.",
  },
  INSTALLED: {
    from: [ProfileStatus.Downloaded],
    to: ProfileStatus.Installed,
    failure: "Profile has not been downloaded.",
  },
  ENABLE: {
    from: [ProfileStatus.Installed, ProfileStatus.Disabled],
    to: ProfileStatus.Enabled,
    failure: "Profile is not installed.",
  },
  DISABLE: {
    from: [ProfileStatus.Enabled],
    to: ProfileStatus.Disabled,
    failure: "Profile is not enabled.",
  },
  DELETE: {
    from: [
      ProfileStatus.Downloaded,
      ProfileStatus.Installed,
      ProfileStatus.Enabled,
      ProfileStatus.Disabled,
    ],
    to: ProfileStatus.Deleted,
    failure: "Profile is not on a device.",
  },
};

/** Applies a device event and notifies the outcome (success or failure). */
export function applyDeviceEvent(ctx: EngineContext, input: DeviceEventInput): DeviceEventResult {
  const record = findProfile(ctx.state, input.iccid);
  if (record === undefined) return { found: false };
  const rule = transitions[input.event];
  let failure: string | null = null;
  if (!rule.from.includes(record.status)) failure = rule.failure;
  else if (record.eid !== null && record.eid !== input.eid)
    failure = "Profile is bound to another EID.";
  const extras = extrasFor(ctx.state, input.iccid, record);
  if (failure === null) {
    if (input.event === "DOWNLOADED") {
      extras.installedTimes += 1;
      bindEid(ctx.state, input.iccid, record, input.eid);
    }
    if (input.deviceName !== undefined) extras.deviceName = input.deviceName;
    changeStatus(ctx, input.iccid, record, rule.to, input.deviceName);
  }
  ctx.notify(
    profileNotification(ctx, input.iccid, record, {
      eid: input.eid,
      type: input.event,
      failure,
      clientIp: input.clientIp ?? defaultClientIp,
      deviceName: input.deviceName ?? extras.deviceName,
    }),
  );
  return {
    found: true,
    success: failure === null,
    message: failure,
    status: statusName(record.status),
  };
}

// The last event time given to each profile of a sandbox (kept across a reset, which empties
// the state in place: times only go forward).
const lastEventTimes = new WeakMap<object, Map<string, number>>();

/**
 * The event time of a profile's next notification: the clock, but always after the profile's
 * previous one. A script can play two events on one profile within a millisecond, which no
 * device does; giving them one time would make them look like one event sent twice to a
 * receiver that recognises retries by the notification (see the README).
 */
function nextEventTime(ctx: EngineContext, iccid: string): number {
  let times = lastEventTimes.get(ctx.state);
  if (times === undefined) {
    times = new Map();
    lastEventTimes.set(ctx.state, times);
  }
  const time = Math.max(ctx.now(), (times.get(iccid) ?? 0) + 1);
  times.set(iccid, time);
  return time;
}

/** Builds the webhook payload of a profile event. */
export function profileNotification(
  ctx: EngineContext,
  iccid: string,
  record: ProfileRecord,
  event: {
    readonly eid: string;
    readonly type: DeviceEventType;
    readonly failure: string | null;
    readonly clientIp?: string | undefined;
    readonly deviceName?: string | undefined;
  },
): ProfileStatusNotification {
  const extras = ctx.state.extras.get(iccid);
  const notification: ProfileStatusNotification = {
    eid: event.eid,
    iccid,
    timestamp: String(nextEventTime(ctx, iccid)).padStart(13, "0"),
    matchingId: ctx.codes.matchingId(iccid, record.generation),
    configName: ctx.settings.configs[record.config]?.name ?? "unknown",
    type: "PROFILE_EVENT_NOTIFICATION",
    clientIp: event.clientIp ?? defaultClientIp,
    installedTimes: extras?.installedTimes ?? 0,
    notificationType: event.type,
    notificationStatus:
      event.failure === null
        ? { status: "SUCCESS", message: null }
        : { status: "FAILED", message: event.failure },
  };
  if (event.deviceName !== undefined) notification.deviceName = event.deviceName;
  return notification;
}
