import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InputError } from "../core/cli-error.ts";
import type { RawRecord } from "./raw-record.ts";
import { readJsonlRecords } from "./read-jsonl-records.ts";

const ki = "6BE2053E8580B135CD43443380DB7111";

async function read(text: string): Promise<RawRecord[]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += 5)
    chunks.push(bytes.subarray(offset, offset + 5));
  const records: RawRecord[] = [];
  for await (const record of readJsonlRecords(Readable.from(chunks), "in.jsonl"))
    records.push(record);
  return records;
}

async function failure(text: string): Promise<string> {
  const error = await read(text).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
}

describe("readJsonlRecords", () => {
  it("reads one object per line with line numbers, skipping blank lines", async () => {
    const text = `{"iccid":"1","imsi":"2","ki":"3"}\n\n  \n{"iccid":"4","impu":["a"," b "]}`;
    expect(await read(text)).toEqual([
      { line: 1, fields: { iccid: "1", imsi: "2", ki: "3" } },
      { line: 4, fields: { iccid: "4", impu: ["a", "b"] } },
    ]);
  });

  it("tolerates a BOM and CRLF, matches keys ignoring case, and trims strings", async () => {
    const text = `\uFEFF{"ICCID":" 1 ","MSISDN":"8613912345678"}\r\n{"Ki":"${ki}"}\r\n`;
    expect(await read(text)).toEqual([
      { line: 1, fields: { iccid: "1", msidn: "8613912345678" } },
      { line: 2, fields: { ki } },
    ]);
  });

  it("keeps unknown keys and values of other types for validation to report", async () => {
    const records = await read(`{"iccid":8986046815208034,"colour":"red"}\n`);
    expect(records[0]?.fields).toEqual({ iccid: 8986046815208034, colour: "red" });
  });

  it("names the line of malformed JSON without quoting it", async () => {
    const message = await failure(`{"iccid":"1"}\n{"ki":"${ki}",}\n`);
    expect(message).toMatch(/^in\.jsonl line 2: not valid JSON( \(at column \d+\))?$/);
    expect(message).not.toContain(ki);
  });

  it("refuses a line that is not an object", async () => {
    expect(await failure(`{"iccid":"1"}\n["${ki}"]\n`)).toBe(
      "in.jsonl line 2: expected a JSON object",
    );
  });

  it("refuses an empty input", async () => {
    expect(await failure("")).toContain("in.jsonl is empty");
    expect(await failure("\n \n")).toContain("in.jsonl is empty");
  });
});
