// Prism from the installed @simlessly/mock, sent a JSON body it cannot parse: it must answer
// (400) rather than leave the request hanging. Prints one JSON line.
import { startPrism } from "@simlessly/mock";

const prism = await startPrism({ document: "rsp" });
const started = performance.now();
try {
  const response = await fetch(new URL("/api/v1/ac/generateByBatch", prism.url), {
    method: "POST",
    // Prism checks that the signing headers are there before it reads the body.
    headers: {
      "content-type": "application/json",
      AccessKey: "demo",
      Timestamp: "1700000000000",
      RequestID: "demo",
      Signature: "demo",
    },
    body: '{"configName":',
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer();
  console.log(
    JSON.stringify({ status: response.status, ms: Math.round(performance.now() - started) }),
  );
} catch (error) {
  console.log(JSON.stringify({ status: null, error: String(error) }));
} finally {
  await prism.stop();
}
