import { cmpSpecs } from "../commands/cmp/cmp-specs.ts";
import type { CommandModule } from "../commands/command-module.ts";
import { eimSpecs } from "../commands/eim/eim-specs.ts";
import {
  acSpecs,
  batchInfoSpecs,
  campaignSpecs,
  configSpecs,
  orderSpecs,
  profileSpecs,
} from "../commands/rsp/rsp-specs.ts";
import {
  acGenerateBatchSpec,
  configShowSpec,
  listenSpec,
  sandboxSpec,
  sandboxTriggerSpec,
  signSpec,
} from "../commands/specs.ts";
import type { CommandGroup, CommandSpec } from "../core/command-spec.ts";

// The command tree. Each command's spec (help and options) lives in the folder of its code,
// in that folder's specs file (commands/specs.ts, commands/<product>/<product>-specs.ts); this
// list only names them, in the order the help shows them, with the import that loads a
// command's code when it runs. The specs are plain data, which keeps `simlessly --help` close
// to a bare `node -e 0` start; and no command imports this file, so imports point one way.

/** A command as the tree lists it: its spec, and how to load its code. */
export interface RegisteredCommand extends CommandSpec {
  readonly load: () => Promise<CommandModule>;
}

/** Groups of commands (words that only lead to subcommands). */
export const commandGroups: readonly CommandGroup[] = [
  { path: ["ac"], summary: "Activation codes: generate them for many SIM records" },
  { path: ["batch"], summary: "RSP batches: query the results of a batch" },
  { path: ["profile"], summary: "RSP profiles: details, history, updates, deletion" },
  {
    path: ["config"],
    summary: "RSP configurations (config list); this CLI's settings (config show)",
  },
  { path: ["order"], summary: "RSP (ES2+) orders: download, confirm, cancel, release, expire" },
  { path: ["campaign"], summary: "RSP campaigns: add SIM records to a campaign's pool" },
  { path: ["eim"], summary: "eIM: import codes and devices, allocate codes, follow batch tasks" },
  { path: ["eim", "ac"], summary: "eIM activation codes" },
  { path: ["eim", "device"], summary: "eIM devices" },
  { path: ["eim", "batch"], summary: "eIM batch tasks" },
  { path: ["cmp"], summary: "CMP: devices, their SIMs and SIM status" },
  { path: ["cmp", "sim"], summary: "CMP SIMs" },
];

/** The RSP commands besides `ac generate-batch`: one platform operation each. */
export const rspCommandSpecs: readonly RegisteredCommand[] = [
  ...loadedBy(acSpecs, () => import("../commands/rsp/ac-commands.ts")),
  ...loadedBy(batchInfoSpecs, () => import("../commands/rsp/batch-info-command.ts")),
  ...loadedBy(profileSpecs, () => import("../commands/rsp/profile-commands.ts")),
  ...loadedBy(configSpecs, () => import("../commands/rsp/config-commands.ts")),
  ...loadedBy(orderSpecs, () => import("../commands/rsp/order-commands.ts")),
  ...loadedBy(campaignSpecs, () => import("../commands/rsp/campaign-commands.ts")),
];

/** The eIM commands: imports and allocations (batch tasks) and their results. */
export const eimCommandSpecs: readonly RegisteredCommand[] = loadedBy(
  eimSpecs,
  () => import("../commands/eim/eim-commands.ts"),
);

/** The CMP commands: SIM details and SIM status. */
export const cmpCommandSpecs: readonly RegisteredCommand[] = loadedBy(
  cmpSpecs,
  () => import("../commands/cmp/cmp-commands.ts"),
);

/** Every runnable command. */
export const commands: readonly RegisteredCommand[] = withConfigNameHints([
  { ...acGenerateBatchSpec, load: () => import("../commands/ac-generate-batch-command.ts") },
  { ...signSpec, load: () => import("../commands/sign-command.ts") },
  ...rspCommandSpecs,
  ...eimCommandSpecs,
  ...cmpCommandSpecs,
  { ...configShowSpec, load: () => import("../commands/config-show-command.ts") },
  { ...sandboxSpec, load: () => import("../commands/sandbox-command.ts") },
  { ...sandboxTriggerSpec, load: () => import("../commands/sandbox-trigger-command.ts") },
  { ...listenSpec, load: () => import("../commands/listen-command.ts") },
]);

/**
 * The commands of one module, each run by the export its spec is keyed by (the types check
 * that the module has them).
 */
function loadedBy<Name extends string>(
  specs: Readonly<Record<Name, CommandSpec>>,
  load: () => Promise<Readonly<Record<NoInfer<Name>, CommandModule>>>,
): RegisteredCommand[] {
  return (Object.keys(specs) as Name[]).map((name) => ({
    ...specs[name],
    load: () => load().then((module) => module[name]),
  }));
}

/**
 * Commands taking --config-name also get a hint for the near miss `--config NAME` (see
 * config-name-hint.ts), loaded with the command so that --help stays light.
 */
function withConfigNameHints(specs: readonly RegisteredCommand[]): readonly RegisteredCommand[] {
  return specs.map((spec) =>
    "config-name" in spec.options
      ? {
          ...spec,
          load: async () => {
            const [module, hint] = await Promise.all([
              spec.load(),
              import("../config/config-name-hint.ts"),
            ]);
            return hint.withConfigNameHint(module);
          },
        }
      : spec,
  );
}
