import type { CommandArgs } from "../operation/command-args.ts";
import { rspOperation } from "../operation/product-operations.ts";

/** `simlessly ac generate`: one profile from a SIM record (generateAc). */
export const generate = rspOperation("generateAc", {
  input: { required: true },
  fields: (args) => ({
    configName: args.text("config-name"),
    needAcLink: args.flag("need-ac-link") ? true : undefined,
  }),
  report: (answer) => ({ headline: `Activation code generated for ${answer.iccid}` }),
});

/** `simlessly ac generate-upp`: one profile from an Unprotected Profile Package. */
export const generateUpp = rspOperation("generateAcByUpp", {
  input: { required: false },
  fields: async (args) => ({
    configName: args.text("config-name"),
    iccid: args.text("iccid"),
    imsi: args.text("imsi"),
    upp: await readUpp(args),
  }),
  report: (answer) => ({ headline: `Activation code generated for ${answer.iccid} from a UPP` }),
});

/** The UPP of `--upp FILE|-`: the file's text without surrounding white space. */
export async function readUpp(args: CommandArgs): Promise<string | undefined> {
  return (await args.readOptionFile("upp"))?.trim();
}
