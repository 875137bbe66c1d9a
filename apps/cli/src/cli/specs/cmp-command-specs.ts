import type { CommandGroup, CommandSpec } from "../command-spec.ts";
import { examples, operationExitCodes } from "./operation-help.ts";

// CMP commands: SIM details and SIM status. The client fetches its bearer token itself.

const cmp = () => import("../../commands/cmp/cmp-commands.ts");

/** Groups of the CMP commands. */
export const cmpCommandGroups: readonly CommandGroup[] = [
  { path: ["cmp"], summary: "CMP: devices, their SIMs and SIM status" },
  { path: ["cmp", "sim"], summary: "CMP SIMs" },
];

/** The CMP commands. */
export const cmpCommandSpecs: readonly CommandSpec[] = [
  {
    path: ["cmp", "sims"],
    summary: "Show devices and their SIMs, found by ICCID, IMSI or EID",
    usage: "[--by iccid|imsi|eid] ID...",
    description:
      "Shows the devices holding these SIMs and each SIM's state (getDeviceSimsDetail); 1-100 IDs.",
    options: {
      by: {
        type: "string",
        valueName: "iccid|imsi|eid",
        description: "What the IDs are (default iccid)",
      },
    },
    maxPositionals: 100,
    sections: [
      examples("simlessly cmp sims 89860468152080349618 89860468152080349626"),
      operationExitCodes,
    ],
    load: () => cmp().then((module) => module.sims),
  },
  {
    path: ["cmp", "sim", "status"],
    summary: "Activate or deactivate SIMs",
    usage: "(--activate | --deactivate) [--by iccid|imsi] ID...",
    description: `Changes the status of 1-100 SIMs (changeSimStatus). The platform may apply it later
("processing"); exit 1 when it answers "failed".`,
    options: {
      activate: { type: "boolean", description: "Activate the SIMs" },
      deactivate: { type: "boolean", description: "Deactivate the SIMs" },
      by: {
        type: "string",
        valueName: "iccid|imsi",
        description: "What the IDs are (default iccid)",
      },
    },
    maxPositionals: 100,
    sections: [
      examples("simlessly cmp sim status --deactivate 89860468152080349618"),
      operationExitCodes,
    ],
    load: () => cmp().then((module) => module.simStatus),
  },
];
