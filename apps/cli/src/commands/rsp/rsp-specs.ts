import type { CommandSpec } from "../../core/command-spec.ts";
import { examples } from "../../core/help-sections.ts";
import {
  confirmationSection,
  confirmedOperationExitCodes,
  eidOption,
  inputOption,
  operationExitCodes,
  pageOptions,
  secretOutOption,
  waitOptions,
  yesOption,
} from "../operation/operation-help.ts";

// The specs of the RSP commands besides `ac generate-batch`: one platform operation each.
// One object per module of this folder, keyed by the export that runs each command; they
// share one file so that `--help` reads one module for all of them.

/** Where the secrets of an RSP command come from, and that they are never shown. */
const secretsNote = `Secrets (Ki, OPc, PINs, PUKs, ADM1, UPP, codes) are read from --input, never
from flags, and never printed: masked as [hidden] in the output.`;

/** `simlessly ac generate` and `ac generate-upp`, by the export of ac-commands.ts that runs each. */
export const acSpecs = {
  generate: {
    path: ["ac", "generate"],
    summary: "Generate one activation code from a SIM record",
    usage: "--config-name NAME --input FILE|- --out FILE [--need-ac-link]",
    description: `Creates one profile (generateAc) from a SIM record read as JSON: iccid, imsi, ki
and the optional fields of the contract (opc, msidn, pin1, …). The activation code is
written to --out FILE (created 0600 before anything is sent; it must not exist) and is
never printed. ${secretsNote}`,
    options: {
      "config-name": { type: "string", valueName: "NAME", description: "Profile configuration" },
      input: inputOption("The SIM record"),
      out: secretOutOption,
      "need-ac-link": { type: "boolean", description: "Also ask for a link to a QR image" },
    },
    maxPositionals: 0,
    sections: [
      examples(`simlessly ac generate --config-name templateRegular01 --input sim.json --out ac.json
  sim.json: {"iccid":"89860468152080349618","imsi":"460048867619618","ki":"…","opc":"…"}`),
      operationExitCodes,
    ],
  },
  generateUpp: {
    path: ["ac", "generate-upp"],
    summary: "Generate one activation code from an Unprotected Profile Package",
    usage: "--config-name NAME (--iccid ICCID --imsi IMSI --upp FILE | --input FILE|-) --out FILE",
    description: `Creates one profile from a UPP (generateAcByUpp; needs a UPP configuration). The UPP
comes from --upp FILE (its text) or the upp field of --input; tk and the other optional
fields (spn, ara, profileName, …) from --input. The activation code is written to
--out FILE and never printed. ${secretsNote}`,
    options: {
      "config-name": { type: "string", valueName: "NAME", description: "UPP configuration" },
      iccid: { type: "string", valueName: "ICCID", description: "ICCID of the profile" },
      imsi: { type: "string", valueName: "IMSI", description: "IMSI of the profile" },
      upp: { type: "string", valueName: "FILE|-", description: "File holding the UPP" },
      input: inputOption("Request fields"),
      out: secretOutOption,
    },
    maxPositionals: 0,
    sections: [
      examples(`simlessly ac generate-upp --config-name DEFAULT_UPP_CONFIG --iccid 8986… --imsi 4600… \\
  --upp profile.upp --out ac.json`),
      operationExitCodes,
    ],
  },
} satisfies Readonly<Record<string, CommandSpec>>;

/** `simlessly batch info`, by the export of batch-info-command.ts that runs it. */
export const batchInfoSpecs = {
  info: {
    path: ["batch", "info"],
    summary: "Show a batch's status and per-ICCID results (codes only into --out)",
    usage: "BATCHCODE [--wait [--timeout SECONDS]] [--out FILE] [--need-ac-link]",
    description: `Queries a batch of generate-batch (getBatchInfo) and prints its counts and each
ICCID's status and reason. Activation codes are never printed: --out FILE writes the
results as CSV (iccid,status,activationCode,acLink,errorReason; created 0600, must not
exist). --wait polls until the batch is COMPLETE. Exit 4 while it is still processing,
1 when some records failed.`,
    options: {
      ...waitOptions,
      out: { type: "string", valueName: "FILE", description: "Results CSV with the codes (0600)" },
      "need-ac-link": { type: "boolean", description: "Also ask for links to QR images" },
    },
    maxPositionals: 1,
    sections: [
      examples(`simlessly batch info B2023… --wait --out results.csv
simlessly batch info B2023… --json`),
      operationExitCodes,
    ],
  },
} satisfies Readonly<Record<string, CommandSpec>>;

/** `simlessly profile …`, by the export of profile-commands.ts that runs each. */
export const profileSpecs = {
  detail: {
    path: ["profile", "detail"],
    summary: "Show a profile's status, device and EID",
    usage: "ICCID",
    description: "Shows the profile with this ICCID (getProfileDetail).",
    options: {},
    maxPositionals: 1,
    sections: [examples("simlessly profile detail 89860468152080349618"), operationExitCodes],
  },
  log: {
    path: ["profile", "log"],
    summary: "List a profile's status history",
    usage: "ICCID [--page N] [--page-size N]",
    description:
      "Lists the status changes of a profile (listProfileLogs), every page unless --page.",
    options: pageOptions,
    maxPositionals: 1,
    sections: [examples("simlessly profile log 89860468152080349618 --json"), operationExitCodes],
  },
  update: {
    path: ["profile", "update"],
    summary: "Update a profile's parameters (keys, PINs, MSISDN, PLMNs) from JSON",
    usage: "[ICCID] --input FILE|-",
    description: `Changes parameters of an Available profile (updateProfileParam). The fields
(msisdn, imsi, ki, opc, pin1, …, hplmn, ehplmn, …) come from --input; ICCID may be given
as an argument instead of in the file. ${secretsNote}`,
    options: { input: inputOption("The fields to change") },
    maxPositionals: 1,
    sections: [
      examples(
        `echo '{"ki":"…","opc":"…"}' | simlessly profile update 89860468152080349618 --input -`,
      ),
      operationExitCodes,
    ],
  },
  updateUpp: {
    path: ["profile", "update-upp"],
    summary: "Replace a profile's UPP (its activation code stays valid)",
    usage: "ICCID --imsi IMSI (--upp FILE | --input FILE|-)",
    description: `Replaces the Unprotected Profile Package of an Available profile
(updateProfileByUpp). The UPP comes from --upp FILE or --input; tk only from --input.
${secretsNote}`,
    options: {
      imsi: { type: "string", valueName: "IMSI", description: "IMSI of the profile" },
      upp: { type: "string", valueName: "FILE|-", description: "File holding the UPP" },
      input: inputOption("Request fields"),
    },
    maxPositionals: 1,
    sections: [
      examples("simlessly profile update-upp 8986… --imsi 4600… --upp profile.upp"),
      operationExitCodes,
    ],
  },
  remove: {
    path: ["profile", "delete"],
    summary: "Delete a profile (asks first)",
    usage: "ICCID [--force] [--yes]",
    description:
      "Deletes the profile with this ICCID (deleteProfile), for good: it asks first unless --yes.",
    options: {
      force: { type: "boolean", description: "Send force: true (the platform's forced deletion)" },
      yes: yesOption,
    },
    maxPositionals: 1,
    sections: [
      examples(`simlessly profile delete 89860468152080349618
simlessly profile delete 89860468152080349618 --yes --json   (in a script)`),
      confirmationSection,
      confirmedOperationExitCodes,
    ],
  },
  recycleTime: {
    path: ["profile", "recycle-time"],
    summary: "Change when a profile is recycled",
    usage: "ICCID --expire-time 'yyyy-MM-dd HH:mm:ss'",
    description:
      "Sets the recycle time of a profile whose configuration recycles (changeRecycleTime).",
    options: {
      "expire-time": {
        type: "string",
        valueName: "TIME",
        description: "New recycle time, yyyy-MM-dd HH:mm:ss (platform time)",
      },
    },
    maxPositionals: 1,
    sections: [
      examples("simlessly profile recycle-time 8986… --expire-time '2027-03-07 12:00:00'"),
      operationExitCodes,
    ],
  },
} satisfies Readonly<Record<string, CommandSpec>>;

/** `simlessly config list`, by the export of config-commands.ts that runs it. */
export const configSpecs = {
  list: {
    path: ["config", "list"],
    summary: "List profile configurations",
    usage: "[--name TEXT] [--page N] [--page-size N]",
    description: "Lists configuration names (listConfigs), every page unless --page.",
    options: {
      name: { type: "string", valueName: "TEXT", description: "Only names containing TEXT" },
      ...pageOptions,
    },
    maxPositionals: 0,
    sections: [examples("simlessly config list --name template"), operationExitCodes],
  },
} satisfies Readonly<Record<string, CommandSpec>>;

/** `simlessly order …`, by the export of order-commands.ts that runs each. */
export const orderSpecs = {
  download: {
    path: ["order", "download"],
    summary: "Place a download order for a profile (ES2+ DownloadOrder)",
    usage: "ICCID [--eid EID] [--config-name NAME]",
    description:
      "Reserves an Available profile, bound to a device when --eid is given (downloadOrder).",
    options: {
      eid: eidOption,
      "config-name": { type: "string", valueName: "NAME", description: "Expected configuration" },
    },
    maxPositionals: 1,
    sections: [examples("simlessly order download 8986… --eid 8904…"), operationExitCodes],
  },
  confirm: {
    path: ["order", "confirm"],
    summary: "Confirm an order (ES2+ ConfirmOrder); the code goes to --out",
    usage: "ICCID [--eid EID] [--input FILE|-] --out FILE",
    description: `Confirms an order (confirmOrder). A confirmation code or activation code to send
comes from --input ({"confirmationCode":"…","ac":"…"}). The answer's activation code is
written to --out FILE (0600, must not exist) and never printed.`,
    options: { eid: eidOption, input: inputOption("Secret fields"), out: secretOutOption },
    maxPositionals: 1,
    sections: [
      examples("simlessly order confirm 8986… --eid 8904… --out order.json"),
      operationExitCodes,
    ],
  },
  cancel: {
    path: ["order", "cancel"],
    summary: "Cancel an open order (ES2+ CancelOrder; asks first)",
    usage: "ICCID [--eid EID] [--input FILE|-] [--yes]",
    description: `Returns an ordered profile to Available (cancelOrder); the order cannot be restored,
so it asks first unless --yes. An activation code to send comes from --input ({"ac":"…"});
with --input - stdin holds it, so --yes is needed.`,
    options: { eid: eidOption, input: inputOption("Secret fields"), yes: yesOption },
    maxPositionals: 1,
    sections: [
      examples(`simlessly order cancel 8986…
simlessly order cancel 8986… --input ac.json --yes`),
      confirmationSection,
      confirmedOperationExitCodes,
    ],
  },
  release: {
    path: ["order", "release"],
    summary: "Release a confirmed profile for download (ES2+ ReleaseProfile)",
    usage: "ICCID",
    description: "Releases a confirmed profile so the device can download it (releaseProfile).",
    options: {},
    maxPositionals: 1,
    sections: [examples("simlessly order release 8986…"), operationExitCodes],
  },
  expire: {
    path: ["order", "expire"],
    summary: "Expire an order (ES2+ ExpireOrder; asks first)",
    usage: "ICCID [--yes]",
    description: `Ends an order; the profile becomes Expired (expireOrder) and can then only be
deleted, so it asks first unless --yes.`,
    options: { yes: yesOption },
    maxPositionals: 1,
    sections: [
      examples("simlessly order expire 8986…"),
      confirmationSection,
      confirmedOperationExitCodes,
    ],
  },
} satisfies Readonly<Record<string, CommandSpec>>;

/** `simlessly campaign add`, by the export of campaign-commands.ts that runs it. */
export const campaignSpecs = {
  add: {
    path: ["campaign", "add"],
    summary: "Add SIM records to a campaign's pool",
    usage: "--campaign NAME --input FILE|-",
    description: `Adds SIM records (iccid, imsi, ki, opc, msisdn, impi, impuList, c9, cc, expireTime)
to a campaign's resource pool (addCampaignResource), 1-1000 at once, all or nothing.
--input holds a JSON list of records or the whole body. ${secretsNote}`,
    options: {
      campaign: { type: "string", valueName: "NAME", description: "Campaign name" },
      input: inputOption("The SIM records"),
    },
    maxPositionals: 0,
    sections: [
      examples("simlessly campaign add --campaign Summer2027 --input sims.json"),
      operationExitCodes,
    ],
  },
} satisfies Readonly<Record<string, CommandSpec>>;
