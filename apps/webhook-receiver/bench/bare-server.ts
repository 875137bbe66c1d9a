// The baseline of receiver.bench.ts: a bare node:http server that reads the whole body and
// answers 200 with a small JSON body, and does nothing else (no verification, no parsing, no
// storage, no log). It prints the same `listening` line as src/main.ts, so the benchmark
// starts both the same way.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const answer = JSON.stringify({ result: "received" });

const server = createServer((request, response) => {
  // Read the body to its end, as the receiver does before it answers.
  request.resume();
  request.on("end", () => {
    response.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(answer),
    });
    response.end(answer);
  });
});

server.listen(Number(process.env.WEBHOOK_RECEIVER_PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), event: "listening", url: `http://127.0.0.1:${port}` })}\n`,
  );
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
