import type { CommandSpec } from "../command-spec.ts";
import { environmentSection } from "../global-options.ts";
import { examples } from "./operation-help.ts";

// Commands about this CLI's own settings (not the platform's configurations).

/** `simlessly config show`. */
export const settingsCommandSpecs: readonly CommandSpec[] = [
  {
    path: ["config", "show"],
    summary: "Show the settings this CLI would use (not a platform configuration); sends nothing",
    usage: "[--product rsp|eim|cmp] [--json]",
    description: `Shows, for each product (or the one --product names), the settings a command
would use and where each came from: an environment variable, a key of a profile of the
config file, or the default. Secret keys, tokens and client secrets appear only as
fingerprints (sha256: and 12 hex digits, as \`simlessly sandbox\` prints them). A product
without credentials is shown with what is missing, not as an error. Also shows the config
file looked at, whether it exists, the profile used, and whether the environment or the
profile wins. Nothing is sent. Not to be confused with \`config list\`, the platform's
profile configurations.`,
    options: {
      product: {
        type: "string",
        valueName: "rsp|eim|cmp",
        description: "Only this product (default: all three)",
      },
    },
    maxPositionals: 0,
    sections: [
      examples(`simlessly config show
simlessly config show --profile production --product rsp --json`),
      {
        title: "Exit codes",
        body: `0  shown (also when a product lacks credentials)
2  invalid usage
3  the config file or the profile cannot be read`,
      },
      environmentSection,
    ],
    load: () => import("../../commands/config-show-command.ts"),
  },
];
