// The smallest real use of the client in a browser: create an RSP client and call one
// operation. bundle-size.ts bundles this file (without @simlessly/client/validation, so
// without zod) to measure what a browser application pays for client + signing.
import { createRspClient } from "../src/index.ts";

const client = createRspClient({
  baseUrl: "https://rsp.simlessly.com",
  accessKey: "c934e1de7e2153366539c1c03b2bce09",
  secretKey: "provided-at-runtime",
});

/** Looks a batch up; the bundle must carry everything this needs. */
export function lookUpBatch(batchCode: string) {
  return client.getBatchInfo({ batchCode });
}
