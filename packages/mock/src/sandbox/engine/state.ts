// The sandbox's memory: plain maps and small records that the engine functions change and
// the HTTP edge never touches directly. Sized for a million profiles: a profile is one small
// record keyed by ICCID; SIM keys are never kept (nothing needs them after validation) and
// activation codes are derived (activation-codes.ts), so only what changes is stored.

/** Profile statuses, in lifecycle order. `Submitted` is internal: in a batch still running. */
export const profileStatusNames = [
  "Submitted",
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
  "Deleted",
] as const;

/** The name of a profile status as the API and the admin endpoints show it. */
export type ProfileStatusName = (typeof profileStatusNames)[number];

/** Status codes as stored in a {@link ProfileRecord} (indexes of {@link profileStatusNames}). */
export const ProfileStatus = {
  Submitted: 0,
  Available: 1,
  Allocated: 2,
  Linked: 3,
  Confirmed: 4,
  Released: 5,
  Downloaded: 6,
  Installed: 7,
  Enabled: 8,
  Disabled: 9,
  Expired: 10,
  Deleted: 11,
} as const satisfies Record<ProfileStatusName, number>;

/** A stored status code. */
export type ProfileStatusCode = (typeof ProfileStatus)[ProfileStatusName];

/** The name of a stored status code. */
export function statusName(code: number): ProfileStatusName {
  return profileStatusNames[code] ?? "Submitted";
}

/**
 * One ICCID. A class, so that a million of them share one hidden class and stay small; the
 * fields are small integers (stored inline) and two short strings.
 */
export class ProfileRecord {
  /** A {@link ProfileStatusCode}. */
  status: number;
  /** How many accepted generate and batch requests named this ICCID. */
  submissions: number;
  /** How many profiles were created for it (the input of its matching id). */
  generation: number;
  /** Index of its configuration in the settings. */
  config: number;
  /** When its current profile was created, in sandbox seconds (clock-format.ts). */
  createdSec: number;
  imsi: string;
  /** The EID it is bound to by an order or a device, if any. */
  eid: string | null;

  constructor(imsi: string, config: number) {
    this.status = ProfileStatus.Submitted;
    this.submissions = 0;
    this.generation = 0;
    this.config = config;
    this.createdSec = 0;
    this.imsi = imsi;
    this.eid = null;
  }
}

/** One entry of a profile's status history. */
export interface ProfileLogEntry {
  readonly status: number;
  readonly atSec: number;
  readonly deviceName?: string;
}

/** The rarely used parts of a profile, kept only for the profiles that have them. */
export interface ProfileExtras {
  customAcAddress?: string;
  recycleTime?: string;
  deviceName?: string;
  installedTimes: number;
  /** The history, once the profile changed after its creation (the creation is first). */
  logs: ProfileLogEntry[];
}

/** A `generateAcByBatch` batch. */
export interface RspBatch {
  readonly code: string;
  readonly createdMs: number;
  readonly dueMs: number;
  readonly needAcLink: boolean;
  readonly config: number;
  readonly iccids: string[];
  /** The IMSIs, until the batch completes. */
  imsis: string[] | null;
  /**
   * Per record after completion: 1 created, 2 failed because the ICCID holds a profile, 0 not
   * processed (a batch with an `endStatus`).
   */
  outcomes: Uint8Array | null;
  /** Per record after completion: the generation of the profile it created. */
  generations: Uint32Array | null;
  succeeded: number;
  failed: number;
  /**
   * Set when the batch was submitted under the admin control `setBatchEndStatus`: it ends
   * with this status and generates no record (outcomes stay {@link BatchOutcome.None}).
   */
  readonly endStatus?: string;
}

/** Outcome codes of {@link RspBatch.outcomes}. */
export const BatchOutcome = { None: 0, Created: 1, Exists: 2 } as const;

/** An activation code imported into the eIM. The code itself is not kept, only its hash. */
export interface EimAc {
  readonly acHash: string;
  readonly group: string | null;
  readonly mno: string | null;
  eid: string | null;
  imei: string | null;
  enabled: boolean | null;
}

/** A device imported into the eIM. */
export interface EimDevice {
  eid: string | null;
  imei: string | null;
  readonly group: string | null;
  readonly organization: string | null;
}

/** The kinds of eIM batch task the sandbox runs. */
export type EimBatchType = "BATCH_SE_IMPORT_DEVICE" | "BATCH_SE_IMPORT_AC" | "BATCH_ALLOCATE";

/** One item of an eIM batch waiting to run (identifiers already checked, secrets dropped). */
export interface EimPendingItem {
  readonly iccid: string | null;
  readonly eid: string | null;
  readonly imei: string | null;
  readonly acHash: string | null;
  readonly group: string | null;
  readonly organization: string | null;
  readonly mno: string | null;
  /** An Appendix 5 reason found when the batch was submitted. */
  readonly reason: string | null;
}

/** The outcome of one item of an eIM batch. */
export interface EimItemResult {
  readonly eid: string | null;
  readonly imei: string | null;
  readonly iccid: string | null;
  readonly success: boolean;
  readonly reason: string;
}

/** An eIM batch task. */
export interface EimBatch {
  readonly batchId: number;
  readonly batchType: EimBatchType;
  readonly createdMs: number;
  readonly dueMs: number;
  readonly enabled: boolean | null;
  /** The items, until the task runs. */
  pending: EimPendingItem[] | null;
  results: EimItemResult[] | null;
}

/** A CMP status change waiting to take effect. */
export interface CmpChange {
  readonly dueMs: number;
  readonly iccids: string[];
  readonly active: boolean;
}

/** Everything the sandbox remembers. */
export interface SandboxState {
  readonly profiles: Map<string, ProfileRecord>;
  readonly extras: Map<string, ProfileExtras>;
  /** EID → ICCIDs of the profiles bound to it. */
  readonly profilesByEid: Map<string, Set<string>>;
  readonly rspBatches: Map<string, RspBatch>;
  /** Batches still PROCESSING, oldest first. */
  readonly rspPending: RspBatch[];
  /** Campaign name → ICCIDs added to its pool. */
  readonly campaigns: Map<string, Set<string>>;
  readonly eimAcs: Map<string, EimAc>;
  readonly eimAcHashes: Set<string>;
  readonly eimDevicesByEid: Map<string, EimDevice>;
  readonly eimDevicesByImei: Map<string, EimDevice>;
  /** EID → ICCIDs allocated to it in the eIM. */
  readonly eimAcsByEid: Map<string, Set<string>>;
  readonly eimBatches: Map<number, EimBatch>;
  readonly eimPending: EimBatch[];
  /** CMP bearer token → when it expires (ms). */
  readonly cmpTokens: Map<string, number>;
  /** ICCID → whether CMP shows it active; absent means never changed (deactivated). */
  readonly cmpSims: Map<string, boolean>;
  readonly cmpPending: CmpChange[];
  /** Sequence numbers behind readable ids; they never go back, not even on reset. */
  readonly counters: { rspBatch: number; eimBatch: number; cmpRequest: number };
}

/** An empty state. */
export function createState(): SandboxState {
  return {
    profiles: new Map(),
    extras: new Map(),
    profilesByEid: new Map(),
    rspBatches: new Map(),
    rspPending: [],
    campaigns: new Map(),
    eimAcs: new Map(),
    eimAcHashes: new Set(),
    eimDevicesByEid: new Map(),
    eimDevicesByImei: new Map(),
    eimAcsByEid: new Map(),
    eimBatches: new Map(),
    eimPending: [],
    cmpTokens: new Map(),
    cmpSims: new Map(),
    cmpPending: [],
    counters: { rspBatch: 0, eimBatch: 0, cmpRequest: 0 },
  };
}

/** Empties a state in place, keeping its id counters (ids stay unique across resets). */
export function clearState(state: SandboxState): void {
  for (const value of Object.values(state)) {
    if (value instanceof Map || value instanceof Set) value.clear();
    else if (Array.isArray(value)) value.length = 0;
  }
}

/** Adds `member` to the set under `key`, creating the set. */
export function addToIndex<K, V>(index: Map<K, Set<V>>, key: K, member: V): void {
  const members = index.get(key);
  if (members === undefined) index.set(key, new Set([member]));
  else members.add(member);
}

/** Removes `member` from the set under `key`, dropping an emptied set. */
export function removeFromIndex<K, V>(index: Map<K, Set<V>>, key: K, member: V): void {
  const members = index.get(key);
  if (members === undefined) return;
  members.delete(member);
  if (members.size === 0) index.delete(key);
}
