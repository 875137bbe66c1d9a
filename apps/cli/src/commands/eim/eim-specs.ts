import type { CommandSpec, OptionSpec } from "../../core/command-spec.ts";
import { examples } from "../../core/help-sections.ts";
import { inputOption, operationExitCodes, waitOptions } from "../operation/operation-help.ts";

// eIM commands: imports and allocations (batch tasks of 1-500 items) and their results.

const enabledOption: OptionSpec = {
  type: "string",
  valueName: "true|false",
  description: "Send enabled: whether the profile is to be enabled (default: not sent)",
};

const allocateOptions: Readonly<Record<string, OptionSpec>> = {
  eid: { type: "string", valueName: "EID", description: "EID of the device (32 digits)" },
  imei: { type: "string", valueName: "IMEI", description: "IMEI of the device (15 digits)" },
  enabled: enabledOption,
};

const batchNote = `--input holds a JSON list of items or the whole request body; 1-500 items.
The answer is a batch task id: follow it with \`simlessly eim batch info ID --wait\`.`;

/** The eIM commands, by the export of eim-commands.ts that runs each. */
export const eimSpecs = {
  acImport: {
    path: ["eim", "ac", "import"],
    summary: "Import activation codes (batch task)",
    usage: "--input FILE|-",
    description: `Imports activation codes into the eIM (batchImportAc): items of iccid, ac, apn
and the optional cc, group, mon. Codes are secrets: they come only from --input and are
never printed. ${batchNote}`,
    options: { input: inputOption("The codes") },
    maxPositionals: 0,
    sections: [
      examples(`simlessly eim ac import --input codes.json
  codes.json: [{"iccid":"8986…","ac":"1$…$…","apn":"internet"}]`),
      operationExitCodes,
    ],
  },
  deviceImport: {
    path: ["eim", "device", "import"],
    summary: "Import devices (batch task)",
    usage: "--input FILE|-",
    description: `Imports devices (batchImportDevice): items with eid and/or imei, and the optional
group and organization. ${batchNote}`,
    options: { input: inputOption("The devices") },
    maxPositionals: 0,
    sections: [
      examples(`echo '[{"eid":"8904…","imei":"3569…"}]' | simlessly eim device import --input -`),
      operationExitCodes,
    ],
  },
  allocate: {
    path: ["eim", "allocate"],
    summary: "Allocate an imported activation code to a device",
    usage: "ICCID --eid EID --imei IMEI [--enabled true|false]",
    description: `Allocates the imported code of the profile ICCID to a device (allocateAc,
/api/v1/open/esim/common/allocate).`,
    options: allocateOptions,
    maxPositionals: 1,
    sections: [
      examples("simlessly eim allocate 8986… --eid 8904… --imei 3569… --enabled true"),
      operationExitCodes,
    ],
  },
  allocateSingle: {
    path: ["eim", "allocate-single"],
    summary: 'Allocate a code through the platform\'s "single allocate" path',
    usage: "ICCID --eid EID --imei IMEI [--enabled true|false]",
    description: `Same as \`eim allocate\` through /api/v1/open/esim/allocate (allocateAcSingle); the
platform documents both paths alike without saying how they differ.`,
    options: allocateOptions,
    maxPositionals: 1,
    sections: [
      examples("simlessly eim allocate-single 8986… --eid 8904… --imei 3569…"),
      operationExitCodes,
    ],
  },
  batchAllocate: {
    path: ["eim", "batch", "allocate"],
    summary: "Allocate codes to devices in bulk (batch task)",
    usage: "--input FILE|- [--enabled true|false]",
    description: `Allocates codes to devices (batchAllocateAc): items of iccid with eid and/or imei.
${batchNote}`,
    options: { input: inputOption("The allocations"), enabled: enabledOption },
    maxPositionals: 0,
    sections: [
      examples(`simlessly eim batch allocate --input allocations.json --enabled true
  allocations.json: [{"iccid":"8986…","eid":"8904…","imei":"3569…"},
                     {"iccid":"8986…","eid":"8904…"},
                     {"iccid":"8986…","imei":"3569…"}]
  each item: the code's iccid, and the device's eid, imei or both
echo '{"bindingRels":[{"iccid":"8986…","imei":"3569…"}],"enabled":false}' \\
  | simlessly eim batch allocate --input -`),
      operationExitCodes,
    ],
  },
  batchInfo: {
    path: ["eim", "batch", "info"],
    summary: "Show a batch task's status and per-item results",
    usage: "BATCHID [--wait [--timeout SECONDS]]",
    description: `Shows an eIM batch task (getBatchTaskResult): counts and each item's result and
reason. Exit 4 while it is processing, 1 when some items failed.`,
    options: waitOptions,
    maxPositionals: 1,
    sections: [examples("simlessly eim batch info 1024 --wait"), operationExitCodes],
  },
} satisfies Readonly<Record<string, CommandSpec>>;
