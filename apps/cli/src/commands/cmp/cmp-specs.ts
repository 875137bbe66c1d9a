import type { CommandSpec } from "../../core/command-spec.ts";
import { examples } from "../../core/help-sections.ts";
import {
  confirmationSection,
  confirmedOperationExitCodes,
  operationExitCodes,
  yesOption,
} from "../operation/operation-help.ts";

// CMP commands: SIM details and SIM status. The client fetches its bearer token itself.

/** The CMP commands, by the export of cmp-commands.ts that runs each. */
export const cmpSpecs = {
  sims: {
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
  },
  simStatus: {
    path: ["cmp", "sim", "status"],
    summary: "Activate or deactivate SIMs (deactivating asks first)",
    usage: "(--activate | --deactivate [--yes]) [--by iccid|imsi] ID...",
    description: `Changes the status of 1-100 SIMs (changeSimStatus). The platform may apply it later
("processing"); exit 1 when it answers "failed". Deactivating cuts the SIMs off their
network, so it asks first unless --yes.`,
    options: {
      activate: { type: "boolean", description: "Activate the SIMs" },
      deactivate: { type: "boolean", description: "Deactivate the SIMs" },
      by: {
        type: "string",
        valueName: "iccid|imsi",
        description: "What the IDs are (default iccid)",
      },
      yes: yesOption,
    },
    maxPositionals: 100,
    sections: [
      examples(`simlessly cmp sim status --deactivate 89860468152080349618
simlessly cmp sim status --activate --by imsi 460048867619618`),
      confirmationSection,
      confirmedOperationExitCodes,
    ],
  },
} satisfies Readonly<Record<string, CommandSpec>>;
