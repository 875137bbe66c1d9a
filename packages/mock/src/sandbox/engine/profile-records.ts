// Operations on profile records shared by the RSP calls, the device simulation and the
// batch completion: creating a profile, changing its status (with history), binding EIDs and
// deriving its activation code.
import { toSandboxSeconds } from "./clock-format.ts";
import type { EngineContext } from "./engine-context.ts";
import {
  addToIndex,
  type ProfileExtras,
  ProfileRecord,
  ProfileStatus,
  removeFromIndex,
  type SandboxState,
} from "./state.ts";

/** The text the platform gives when an ICCID already holds a profile (documented). */
export function alreadyExistsReason(iccid: string): string {
  return `PROFILE EXECUTION_ERROR, generateByProfileMetadata, ICCID [${iccid}] already existsById.`;
}

/** True when the record holds a profile (not merely submitted, not deleted). */
export function holdsProfile(record: ProfileRecord): boolean {
  return record.status !== ProfileStatus.Submitted && record.status !== ProfileStatus.Deleted;
}

/** The record of an ICCID that holds a profile, else undefined. */
export function findProfile(state: SandboxState, iccid: string): ProfileRecord | undefined {
  const record = state.profiles.get(iccid);
  return record !== undefined && holdsProfile(record) ? record : undefined;
}

/** Counts one accepted submission of an ICCID, creating its record on first sight. */
export function recordSubmission(
  state: SandboxState,
  iccid: string,
  imsi: string,
  config: number,
): ProfileRecord {
  let record = state.profiles.get(iccid);
  if (record === undefined) {
    record = new ProfileRecord(imsi, config);
    state.profiles.set(iccid, record);
  }
  record.submissions += 1;
  return record;
}

/** Creates a new profile (a new generation) on a record that holds none. */
export function createProfile(
  ctx: EngineContext,
  iccid: string,
  record: ProfileRecord,
  config: number,
  imsi: string,
  customAcAddress?: string,
): void {
  record.status = ProfileStatus.Available;
  record.generation += 1;
  record.config = config;
  record.imsi = imsi;
  record.createdSec = toSandboxSeconds(ctx.now());
  if (record.eid !== null) unbindEid(ctx.state, iccid, record);
  const extras = ctx.state.extras.get(iccid);
  if (extras !== undefined) {
    delete extras.customAcAddress;
    delete extras.recycleTime;
    delete extras.deviceName;
    extras.logs.push({ status: ProfileStatus.Available, atSec: record.createdSec });
  }
  if (customAcAddress !== undefined)
    extrasFor(ctx.state, iccid, record).customAcAddress = customAcAddress;
}

/** The extras of a profile, created (with its creation as the first log entry) if needed. */
export function extrasFor(
  state: SandboxState,
  iccid: string,
  record: ProfileRecord,
): ProfileExtras {
  let extras = state.extras.get(iccid);
  if (extras === undefined) {
    extras = {
      installedTimes: 0,
      logs: [{ status: ProfileStatus.Available, atSec: record.createdSec }],
    };
    state.extras.set(iccid, extras);
  }
  return extras;
}

/** Moves a profile to another status and records it in its history. */
export function changeStatus(
  ctx: EngineContext,
  iccid: string,
  record: ProfileRecord,
  status: number,
  deviceName?: string,
): void {
  const extras = extrasFor(ctx.state, iccid, record);
  record.status = status;
  extras.logs.push({
    status,
    atSec: toSandboxSeconds(ctx.now()),
    ...(deviceName === undefined ? {} : { deviceName }),
  });
}

/** Binds a profile to an EID (and indexes it for CMP lookups). */
export function bindEid(
  state: SandboxState,
  iccid: string,
  record: ProfileRecord,
  eid: string,
): void {
  if (record.eid === eid) return;
  if (record.eid !== null) removeFromIndex(state.profilesByEid, record.eid, iccid);
  record.eid = eid;
  addToIndex(state.profilesByEid, eid, iccid);
}

/** Unbinds a profile from its EID. */
export function unbindEid(state: SandboxState, iccid: string, record: ProfileRecord): void {
  if (record.eid === null) return;
  removeFromIndex(state.profilesByEid, record.eid, iccid);
  record.eid = null;
}

/** The SM-DP+ address in a profile's activation code (a UPP profile may name its own). */
export function acHostOf(ctx: EngineContext, iccid: string): string {
  return ctx.state.extras.get(iccid)?.customAcAddress ?? ctx.settings.smdpHost;
}

/** The current activation code of a profile. */
export function activationCodeOf(ctx: EngineContext, iccid: string, record: ProfileRecord): string {
  return ctx.codes.activationCode(acHostOf(ctx, iccid), iccid, record.generation);
}
