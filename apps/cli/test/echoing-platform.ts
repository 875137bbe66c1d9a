import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { grouped } from "./secret-detector.ts";

/** A running echoing platform. */
export interface EchoingPlatform {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A stand-in for the RSP batch endpoints on loopback that fails every record with a reason
 * echoing its Ki and OPc the way careless systems print keys: re-cased, grouped with spaces,
 * with dashes, and as written. It checks no signature: it only answers.
 */
export async function startEchoingPlatform(): Promise<EchoingPlatform> {
  const batches = new Map<string, { iccid: string; ki: string; opc?: string }[]>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      const answer = (obj: unknown) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ success: true, code: "00000", msg: "", obj }));
      };
      if (request.url === "/api/v1/ac/generateByBatch") {
        const batchCode = `B${String(batches.size + 1).padStart(15, "0")}`;
        batches.set(batchCode, body.metaDatas as { iccid: string; ki: string; opc?: string }[]);
        answer({ batchCode });
        return;
      }
      const records = batches.get(String(body.batchCode)) ?? [];
      answer({
        batchTaskInfo: {
          batchCode: body.batchCode,
          taskType: "GENERATE AC",
          status: "COMPLETE",
          total: records.length,
          succeedNum: 0,
          failedNum: records.length,
          createTime: "2027/03/07 11:00:23",
        },
        results: records.map((record, index) => ({
          iccid: record.iccid,
          eid: null,
          success: false,
          errorReason: echo(record, index),
        })),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function echo(record: { ki: string; opc?: string }, index: number): string {
  const opc = record.opc ?? "";
  switch (index % 4) {
    case 0:
      return `invalid key ${record.ki.toLowerCase()} for OPc ${opc}`;
    case 1:
      return `KI=[${grouped(record.ki, 4, " ")}] OPC=[${grouped(opc, 2, "-")}] rejected`;
    case 2:
      return `auth vector check failed (ki ${grouped(record.ki.toLowerCase(), 8, ":")})`;
    default:
      return `PROFILE EXECUTION_ERROR, ki ${record.ki}, opc ${opc.toLowerCase()}`;
  }
}
