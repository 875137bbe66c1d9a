// RSP profile management: update, delete, detail, history and recycle time.
import type { RspSchema } from "@simlessly/contract";
import { formatDateTime, fromSandboxSeconds } from "./clock-format.ts";
import { profileNotification } from "./device-events.ts";
import type { EngineContext } from "./engine-context.ts";
import { ok, type Reply, rspEmptySuccess, rspFailure, rspSuccess } from "./envelopes.ts";
import { changeStatus, extrasFor, findProfile, unbindEid } from "./profile-records.ts";
import type { RspBody } from "./request-bodies.ts";
import { type ProfileRecord, ProfileStatus, statusName } from "./state.ts";

const onDevice: readonly number[] = [
  ProfileStatus.Downloaded,
  ProfileStatus.Installed,
  ProfileStatus.Enabled,
  ProfileStatus.Disabled,
];

/** The failure for an ICCID without a profile. */
export function profileNotFound(iccid: string): Reply {
  return ok(rspFailure("PROFILE_NOT_FOUND", `iccid ${iccid} not found`));
}

/** The failure for a profile whose status does not allow the call. */
export function statusNotAllowed(record: ProfileRecord, expected: string): Reply {
  return ok(
    rspFailure(
      "PROFILE_STATUS_INVALID",
      `profile status is ${statusName(record.status)}, expected ${expected}`,
    ),
  );
}

/** `updateProfileParam`: only a profile nobody has ordered or downloaded yet. */
export function updateProfileParam(
  ctx: EngineContext,
  body: RspBody<"UpdateProfileParamRequest">,
): Reply {
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  if (record.status !== ProfileStatus.Available) return statusNotAllowed(record, "Available");
  // The keys and parameters are accepted and dropped: nothing in the sandbox reads them.
  if (body.imsi !== undefined) record.imsi = body.imsi;
  return ok(rspEmptySuccess());
}

/** `updateProfileByUpp`: replaces the UPP of a UPP profile, keeping its activation code. */
export function updateProfileByUpp(
  ctx: EngineContext,
  body: RspBody<"UpdateProfileByUppRequest">,
): Reply {
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  if (record.status !== ProfileStatus.Available) return statusNotAllowed(record, "Available");
  const config = ctx.settings.configs[record.config];
  if (config?.kind !== "upp") {
    return ok(
      rspFailure(
        "CONFIG_TYPE_MISMATCH",
        `profile ${body.iccid} was not made from a UPP configuration`,
      ),
    );
  }
  record.imsi = body.imsi;
  return ok(rspEmptySuccess());
}

/**
 * `deleteProfile`. A profile on a device is deleted only with `force` (the docs leave `force`
 * unexplained; this is the sandbox's reading). A profile bound to an EID is notified.
 */
export function deleteProfile(ctx: EngineContext, body: RspBody<"DeleteProfileRequest">): Reply {
  const deleted = ctx.state.profiles.get(body.iccid);
  if (deleted?.status === ProfileStatus.Deleted) {
    // Inferred: the docs do not say what deleting a deleted profile answers. getProfileDetail
    // still shows it (status Deleted), so "not found" would contradict it; the eIM appendix
    // refuses a deletion the status forbids with "not allow delete" (110030), not with
    // "Iccid not found" (110004). Hence a status refusal, and nothing changes.
    return ok(
      rspFailure("PROFILE_STATUS_INVALID", "profile status is Deleted; it was deleted already"),
    );
  }
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  if (onDevice.includes(record.status) && body.force !== true) {
    return ok(
      rspFailure(
        "PROFILE_STATUS_INVALID",
        `profile status is ${statusName(record.status)} (on a device); delete it with force`,
      ),
    );
  }
  const eid = record.eid;
  changeStatus(ctx, body.iccid, record, ProfileStatus.Deleted);
  unbindEid(ctx.state, body.iccid, record);
  if (eid !== null) {
    ctx.notify(
      profileNotification(ctx, body.iccid, record, { eid, type: "DELETE", failure: null }),
    );
  }
  return ok(rspSuccess({ iccid: body.iccid }));
}

/** `getProfileDetail`: also answers for a deleted profile, with status Deleted. */
export function getProfileDetail(
  ctx: EngineContext,
  body: RspBody<"GetProfileDetailRequest">,
): Reply {
  const record = ctx.state.profiles.get(body.iccid);
  if (record === undefined || record.status === ProfileStatus.Submitted) {
    return profileNotFound(body.iccid);
  }
  const detail: RspSchema<"ProfileDetail"> = {
    iccid: body.iccid,
    status: statusName(record.status),
    eid: record.eid,
  };
  const deviceName = ctx.state.extras.get(body.iccid)?.deviceName;
  if (deviceName !== undefined) detail.deviceName = deviceName;
  return ok(rspSuccess(detail));
}

/** `listProfileLogs`: the status history, oldest first, one page of it. */
export function listProfileLogs(
  ctx: EngineContext,
  body: RspBody<"ListProfileLogsRequest">,
): Reply {
  const record = ctx.state.profiles.get(body.iccid);
  if (record === undefined || record.status === ProfileStatus.Submitted) {
    return profileNotFound(body.iccid);
  }
  const entries = ctx.state.extras.get(body.iccid)?.logs ?? [
    { status: ProfileStatus.Available, atSec: record.createdSec },
  ];
  const { pageNum, pageSize } = body.pageParam;
  const start = (pageNum - 1) * pageSize;
  const profileLogs = entries.slice(start, start + pageSize).map((entry) => {
    const log: RspSchema<"ProfileLog"> = {
      iccid: body.iccid,
      status: statusName(entry.status),
      createTime: formatDateTime(fromSandboxSeconds(entry.atSec)),
    };
    if (entry.deviceName !== undefined) log.deviceName = entry.deviceName;
    return log;
  });
  return ok(rspSuccess({ profileLogs, pageParam: { total: entries.length, pageNum, pageSize } }));
}

/** `changeRecycleTime`: only for profiles whose configuration has the recycle applet. */
export function changeRecycleTime(
  ctx: EngineContext,
  body: RspBody<"ChangeRecycleTimeRequest">,
): Reply {
  const record = findProfile(ctx.state, body.iccid);
  if (record === undefined) return profileNotFound(body.iccid);
  const config = ctx.settings.configs[record.config];
  if (config?.recycle !== true) {
    return ok(
      rspFailure("CONFIG_NO_RECYCLE", `configuration ${config?.name ?? "?"} has no recycle applet`),
    );
  }
  extrasFor(ctx.state, body.iccid, record).recycleTime = body.expireTime;
  return ok(rspSuccess({ iccid: body.iccid }));
}
