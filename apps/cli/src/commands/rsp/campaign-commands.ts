import { rspOperation } from "../operation/product-operations.ts";

/** `simlessly campaign add --campaign NAME --input FILE|-`: SIM records into a campaign pool. */
export const add = rspOperation("addCampaignResource", {
  input: { required: true, listField: "metaDatas" },
  fields: (args) => ({ campaignName: args.text("campaign") }),
  report: (_answer, body) => ({
    headline: `${body.metaDatas.length} SIM record${body.metaDatas.length === 1 ? "" : "s"} added to campaign ${body.campaignName}`,
  }),
});
