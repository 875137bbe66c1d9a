import type { CommandArgs } from "../operation/command-args.ts";
import { rspOperation } from "../operation/product-operations.ts";

// The five ES2+ order operations. Each names the profile by its ICCID; an order bound to a
// device also names its EID. Activation and confirmation codes are secrets: they come from
// `--input FILE|-`, never from flags.

const orderTarget = (args: CommandArgs) => ({
  iccid: args.positional(0, "ICCID"),
  eid: args.text("eid"),
});

/** `simlessly order download ICCID [--eid EID] [--config-name NAME]`. */
export const download = rspOperation("downloadOrder", {
  fields: (args) => ({ ...orderTarget(args), configName: args.text("config-name") }),
  report: (answer) => ({ headline: `Order placed for profile ${answer.iccid}` }),
});

/** `simlessly order confirm ICCID --out FILE`: the answer's activation code goes to FILE. */
export const confirm = rspOperation("confirmOrder", {
  input: { required: false },
  fields: orderTarget,
  report: (_answer, body) => ({ headline: `Order confirmed for profile ${body.iccid}` }),
});

/** `simlessly order cancel ICCID [--yes]`: asks first, a cancelled order cannot be restored. */
export const cancel = rspOperation("cancelOrder", {
  input: { required: false },
  fields: orderTarget,
  confirm: (body) => ({
    action: `Cancel the order for profile ${body.iccid}${body.eid === undefined ? "" : ` (EID ${body.eid})`}`,
    warning: "The order cannot be restored; only a new one can be placed.",
  }),
  report: (_answer, body) => ({ headline: `Order cancelled for profile ${body.iccid}` }),
});

/** `simlessly order release ICCID`. */
export const release = rspOperation("releaseProfile", {
  fields: (args) => ({ iccid: args.positional(0, "ICCID") }),
  report: (_answer, body) => ({ headline: `Profile ${body.iccid} released` }),
});

/** `simlessly order expire ICCID [--yes]`: asks first, an Expired profile can only be deleted. */
export const expire = rspOperation("expireOrder", {
  fields: (args) => ({ iccid: args.positional(0, "ICCID") }),
  confirm: (body) => ({
    action: `Expire the order for profile ${body.iccid}`,
    warning: "The profile becomes Expired and can then only be deleted.",
  }),
  report: (_answer, body) => ({ headline: `Order expired for profile ${body.iccid}` }),
});
