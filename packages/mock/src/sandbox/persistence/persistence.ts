// `--data FILE`: the state as JSON lines, one record per line, so that a million profiles
// are written and read as a stream. The first line is a header (format, the activation-code
// key, the id counters, the configuration names); each following line is an array whose
// first element says what it holds. The file holds the key the activation codes are derived
// from, so it is a private file (see private-file.ts): owner-only, written through a fresh
// temporary file and renamed, so a crash never leaves half a file.

import { createInterface } from "node:readline";
import type { SandboxConfig } from "../engine/engine-context.ts";
import {
  addToIndex,
  createState,
  type EimAc,
  type EimBatch,
  type EimDevice,
  type ProfileExtras,
  ProfileRecord,
  type RspBatch,
  type SandboxState,
} from "../engine/state.ts";
import { openPrivateFile, writePrivateFile } from "./private-file.ts";

const format = "simlessly-sandbox-state";
const version = 1;

/** A state read from a file, with the key its activation codes were derived from. */
export interface LoadedState {
  readonly state: SandboxState;
  readonly codeKey: Uint8Array;
}

interface Header {
  readonly format: string;
  readonly version: number;
  readonly codeKey: string;
  readonly configs: readonly string[];
  readonly counters: SandboxState["counters"];
}

/** Writes a snapshot of the state, owner-only and atomically (a temporary file, then a rename). */
export async function saveState(
  file: string,
  state: SandboxState,
  codeKey: Uint8Array,
  configs: readonly SandboxConfig[],
): Promise<void> {
  // Serialized in one synchronous pass, so the snapshot is consistent even though requests
  // keep arriving while it is written.
  const chunks: string[] = [];
  let chunk = "";
  const write = (line: unknown) => {
    chunk += `${JSON.stringify(line)}\n`;
    if (chunk.length < 1 << 20) return;
    chunks.push(chunk);
    chunk = "";
  };
  const header: Header = {
    format,
    version,
    codeKey: Buffer.from(codeKey).toString("hex"),
    configs: configs.map((config) => config.name),
    counters: state.counters,
  };
  write(header);
  for (const [iccid, r] of state.profiles) {
    write([
      "p",
      iccid,
      r.status,
      r.submissions,
      r.generation,
      r.config,
      r.createdSec,
      r.imsi,
      r.eid,
    ]);
  }
  for (const [iccid, extras] of state.extras) write(["x", iccid, extras]);
  for (const batch of state.rspBatches.values()) {
    write([
      "b",
      {
        ...batch,
        outcomes: batch.outcomes === null ? null : Array.from(batch.outcomes),
        generations: batch.generations === null ? null : Array.from(batch.generations),
      },
    ]);
  }
  for (const [name, pool] of state.campaigns) write(["c", name, [...pool]]);
  for (const [iccid, ac] of state.eimAcs) write(["a", iccid, ac]);
  const devices = new Set([...state.eimDevicesByEid.values(), ...state.eimDevicesByImei.values()]);
  for (const device of devices) write(["d", device]);
  for (const batch of state.eimBatches.values()) write(["e", batch]);
  for (const [token, expiresAt] of state.cmpTokens) write(["t", token, expiresAt]);
  for (const [iccid, active] of state.cmpSims) write(["s", iccid, active]);
  for (const change of state.cmpPending) write(["q", change]);
  chunks.push(chunk);
  await writePrivateFile(file, chunks);
}

/**
 * Reads a snapshot; resolves to undefined when the file does not exist. A file others can
 * read is narrowed to owner-only first (see {@link openPrivateFile}).
 */
export async function loadState(
  file: string,
  configs: readonly SandboxConfig[],
): Promise<LoadedState | undefined> {
  const handle = await openPrivateFile(file);
  if (handle === undefined) return undefined;
  const input = handle.createReadStream({ encoding: "utf8" });
  try {
    return await readState(file, createInterface({ input, crlfDelay: Infinity }), configs);
  } finally {
    // Also closes the file when a line was refused halfway through.
    input.destroy();
  }
}

async function readState(
  file: string,
  lines: AsyncIterable<string>,
  configs: readonly SandboxConfig[],
): Promise<LoadedState> {
  const state = createState();
  let codeKey: Uint8Array | undefined;
  let configMap: number[] = [];
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`sandbox: ${file} line ${number} is not JSON`);
    }
    if (number === 1) {
      const header = value as Header;
      if (header.format !== format || header.version !== version) {
        throw new Error(`sandbox: ${file} is not a sandbox state file of version ${version}`);
      }
      codeKey = Buffer.from(header.codeKey, "hex");
      Object.assign(state.counters, header.counters);
      // Configuration indexes are re-resolved by name, so a changed list keeps the profiles.
      configMap = header.configs.map((name) =>
        Math.max(
          0,
          configs.findIndex((c) => c.name === name),
        ),
      );
      continue;
    }
    restoreLine(state, value as unknown[], configMap, `${file} line ${number}`);
  }
  if (codeKey === undefined) throw new Error(`sandbox: ${file} has no header`);
  for (const batch of state.rspBatches.values())
    if (batch.imsis !== null) state.rspPending.push(batch);
  for (const batch of state.eimBatches.values())
    if (batch.pending !== null) state.eimPending.push(batch);
  state.rspPending.sort((a, b) => a.createdMs - b.createdMs);
  state.eimPending.sort((a, b) => a.createdMs - b.createdMs);
  return { state, codeKey };
}

function restoreLine(
  state: SandboxState,
  line: unknown[],
  configMap: number[],
  where: string,
): void {
  const config = (index: unknown) => configMap[index as number] ?? 0;
  switch (line[0]) {
    case "p": {
      const [, iccid, status, submissions, generation, configIndex, createdSec, imsi, eid] =
        line as [string, string, number, number, number, number, number, string, string | null];
      const record = new ProfileRecord(imsi, config(configIndex));
      record.status = status;
      record.submissions = submissions;
      record.generation = generation;
      record.createdSec = createdSec;
      record.eid = eid;
      state.profiles.set(iccid, record);
      if (eid !== null) addToIndex(state.profilesByEid, eid, iccid);
      return;
    }
    case "x":
      state.extras.set(line[1] as string, line[2] as ProfileExtras);
      return;
    case "b": {
      const saved = line[1] as Omit<RspBatch, "outcomes" | "generations"> & {
        outcomes: number[] | null;
        generations: number[] | null;
      };
      state.rspBatches.set(saved.code, {
        ...saved,
        config: config(saved.config),
        outcomes: saved.outcomes === null ? null : Uint8Array.from(saved.outcomes),
        generations: saved.generations === null ? null : Uint32Array.from(saved.generations),
      });
      return;
    }
    case "c":
      state.campaigns.set(line[1] as string, new Set(line[2] as string[]));
      return;
    case "a": {
      const iccid = line[1] as string;
      const ac = line[2] as EimAc;
      state.eimAcs.set(iccid, ac);
      state.eimAcHashes.add(ac.acHash);
      if (ac.eid !== null) addToIndex(state.eimAcsByEid, ac.eid, iccid);
      return;
    }
    case "d": {
      const device = line[1] as EimDevice;
      if (device.eid !== null) state.eimDevicesByEid.set(device.eid, device);
      if (device.imei !== null) state.eimDevicesByImei.set(device.imei, device);
      return;
    }
    case "e": {
      const batch = line[1] as EimBatch;
      state.eimBatches.set(batch.batchId, batch);
      return;
    }
    case "t":
      state.cmpTokens.set(line[1] as string, line[2] as number);
      return;
    case "s":
      state.cmpSims.set(line[1] as string, line[2] as boolean);
      return;
    case "q":
      state.cmpPending.push(line[1] as SandboxState["cmpPending"][number]);
      return;
    default:
      throw new Error(`sandbox: ${where} has an unknown record type`);
  }
}
