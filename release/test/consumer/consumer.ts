// A project that installed @simlessly/client from a registry: one typed call and one typed
// refusal against the sandbox named by the environment (the block `simlessly sandbox` prints).
// It prints one JSON line for the rehearsal to check.
import { createRspClient, isCredentialsRefused, SimlesslyApiError } from "@simlessly/client";

function setting(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

const baseUrl = setting("SIMLESSLY_BASE_URL");
const rsp = createRspClient({
  baseUrl,
  accessKey: setting("SIMLESSLY_ACCESS_KEY"),
  secretKey: setting("SIMLESSLY_SECRET_KEY"),
});

const accepted = await rsp.generateAcByBatch({
  configName: "templateRegular01",
  metaDatas: [
    {
      iccid: "89860468152080349618",
      imsi: "460048867619618",
      ki: "6BE2053E8580B135CD43443380DB7111",
    },
  ],
});
const batchCode: string | undefined = accepted.batchCode;
if (batchCode === undefined) throw new Error("batch accepted without a batch code");
const info = await rsp.getBatchInfo({ batchCode });
const status: string = info.batchTaskInfo.status;

// The same call signed with a wrong secret: the sandbox refuses it, as a typed error.
const impostor = createRspClient({
  baseUrl,
  accessKey: setting("SIMLESSLY_ACCESS_KEY"),
  secretKey: "not-the-sandbox-secret-0000000001",
});
let refusal: { name: string; httpStatus: number; credentials: boolean } | null = null;
try {
  await impostor.getBatchInfo({ batchCode });
} catch (error) {
  if (!(error instanceof SimlesslyApiError)) throw error;
  refusal = {
    name: error.name,
    httpStatus: error.httpStatus,
    credentials: isCredentialsRefused(error),
  };
}

console.log(JSON.stringify({ batchCode, status, refusal }));
