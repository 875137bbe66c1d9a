import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InputError, UsageError } from "../core/cli-error.ts";
import {
  type ColumnOptions,
  checkColumnOptions,
  parseIgnoreColumns,
  parseRenameColumns,
  sameColumnOptions,
} from "./column-options.ts";
import { parseColumnList } from "./input-layout.ts";
import type { RawRecord } from "./raw-record.ts";
import { readCsvRecords } from "./read-csv-records.ts";
import { readJsonlRecords } from "./read-jsonl-records.ts";

const iccid = "89860468152080349618";
const imsi = "460048867619618";
const ki = "6BE2053E8580B135CD43443380DB7111";
const opc = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
// An extra vendor column whose value reads like a Ki: it must be dropped unread.
const acc = "A1B2C3D4E5F60718293A4B5C6D7E8F90";

const options = (ignore: string, rename = ""): ColumnOptions => ({
  ignore: ignore === "" ? [] : parseIgnoreColumns(ignore),
  rename: rename === "" ? [] : parseRenameColumns(rename),
});

async function collect(records: AsyncIterable<RawRecord>): Promise<RawRecord[]> {
  const all: RawRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

// Small pieces prove that the header's reading holds across reads.
const pieces = (text: string) =>
  Readable.from((text.match(/.{1,9}/gs) ?? []).map((piece) => Buffer.from(piece)));

const readCsv = (text: string, columnOptions: ColumnOptions, columns?: string[]) =>
  collect(readCsvRecords(pieces(text), "in.csv", { delimiter: ",", columns, columnOptions }));

const readJsonl = (text: string, columnOptions: ColumnOptions) =>
  collect(readJsonlRecords(pieces(text), "in.jsonl", columnOptions));

async function failure(attempt: Promise<unknown>): Promise<Error> {
  const error = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe("parsing --ignore-columns and --rename-columns", () => {
  it("reads comma lists, trimming names and matching fields as headers are", () => {
    expect(parseIgnoreColumns(" ACC , IMPI")).toEqual(["ACC", "IMPI"]);
    expect(parseRenameColumns("KI_ENC = KI, Phone=MSISDN")).toEqual([
      { column: "KI_ENC", field: "ki" },
      { column: "Phone", field: "msidn" },
    ]);
  });

  it.each([
    ["ACC,,IMPI", /--ignore-columns: name 2 is empty/],
    ["ACC,acc ", /--ignore-columns: "acc" is named twice/],
  ])("refuses --ignore-columns %s", (text, message) => {
    expect(() => parseIgnoreColumns(text)).toThrow(UsageError);
    expect(() => parseIgnoreColumns(text)).toThrow(message);
  });

  it.each([
    ["KI_ENC", /pair 1 is not COLUMN=FIELD/],
    ["KI_ENC=", /pair 1 is not COLUMN=FIELD/],
    ["KI_ENC=key", /"KI_ENC" is mapped to "key", not a field/],
    ["KI_ENC=configName", /"KI_ENC" is mapped to "configName", not a field/],
    ["KI_ENC=ki,ki_enc=opc", /"ki_enc" is named twice/],
    ["KI_ENC=ki,KEY=KI", /"KEY" is mapped to ki, as another column is/],
  ])("refuses --rename-columns %s", (text, message) => {
    expect(() => parseRenameColumns(text)).toThrow(UsageError);
    expect(() => parseRenameColumns(text)).toThrow(message);
  });

  it("never echoes a name that reads like a value", () => {
    expect(() => parseRenameColumns(`X=${ki}`)).toThrow(/"X" is mapped to \(a name not shown/);
    expect(() => parseRenameColumns(`X=${ki}`)).not.toThrow(new RegExp(ki));
    expect(() => parseIgnoreColumns(`${ki},${ki}`)).not.toThrow(new RegExp(ki));
  });

  it("refuses a column both ignored and renamed, and an ignored required field", () => {
    expect(() => checkColumnOptions(options("ACC", "acc=opc"))).toThrow(
      /"ACC" is given to both --ignore-columns and --rename-columns/,
    );
    expect(() => checkColumnOptions(options("KI"))).toThrow(
      /--ignore-columns "KI": ki is required; to read it from another column, add --rename-columns COLUMN=ki/,
    );
    // Allowed: the required field comes from another column.
    expect(() => checkColumnOptions(options("KI", "KI_ENC=ki"))).not.toThrow();
    expect(() => checkColumnOptions(options("opc,ACC"))).not.toThrow();
  });

  it("compares options regardless of order and spelling", () => {
    expect(sameColumnOptions(options("ACC,impi", "X=ki"), options("IMPI, acc", "x=KI"))).toBe(true);
    expect(sameColumnOptions(options("ACC"), options("ACC,IMPI"))).toBe(false);
    expect(sameColumnOptions(options("", "X=ki"), options("", "X=opc"))).toBe(false);
  });
});

describe("a CSV header under the column options", () => {
  const header = "ICCID,IMSI,KI_ENC,OPC,ACC";
  const row = `${iccid},${imsi},${ki},${opc},${acc}`;

  it("drops ignored columns and reads renamed ones as their field", async () => {
    const records = await readCsv(`${header}\n${row}\n`, options("acc", "ki_enc=KI"));
    expect(records).toEqual([{ line: 2, fields: { iccid, imsi, ki, opc } }]);
    expect(JSON.stringify(records)).not.toContain(acc);
  });

  it("matches names as the header does: case, spaces, msisdn for msidn", async () => {
    const text = `iccid,imsi,ki, Phone ,MSIDN\n${iccid},${imsi},${ki},8613912345678,1\n`;
    const records = await readCsv(text, options("msisdn", "phone=msisdn"));
    expect(records[0]?.fields).toEqual({ iccid, imsi, ki, msidn: "8613912345678" });
  });

  it("refuses an unknown column by name, with the way to drop or map it", async () => {
    const error = await failure(readCsv(`${header}\n${row}\n`, options("", "KI_ENC=ki")));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('unknown column "ACC" (column 5)');
    expect(error.message).toContain("--ignore-columns NAME");
    expect(error.message).toContain("--rename-columns NAME=FIELD");
    expect(error.message).not.toContain(acc);
  });

  it("refuses an option that matches no column, naming it", async () => {
    const error = await failure(
      readCsv(`${header}\n${row}\n`, options("ACC,IMPU", "KI_ENC=ki,X=c9")),
    );
    expect(error.message).toMatch(/line 1 \(header\): --ignore-columns "IMPU" matches no column/);
    expect(error.message).toContain('--rename-columns "X" matches no column');
    expect(error.message).not.toContain(acc);
  });

  it("refuses a renamed column that repeats a field of the header", async () => {
    const text = `iccid,imsi,ki,KI_ENC\n${iccid},${imsi},${ki},${acc}\n`;
    const error = await failure(readCsv(text, options("", "KI_ENC=ki")));
    expect(error.message).toContain('column "KI_ENC" (column 4) repeats ki');
    expect(error.message).not.toContain(acc);
  });

  it("drops the columns --columns names when --ignore-columns does too", async () => {
    const columns = parseColumnList("iccid,imsi,ki,ACC", ["acc"]);
    expect(columns).toEqual(["iccid", "imsi", "ki", "ACC"]);
    const records = await readCsv(`${iccid},${imsi},${ki},${acc}\n`, options("acc"), columns);
    expect(records).toEqual([{ line: 1, fields: { iccid, imsi, ki } }]);
    // A header row is still told from a record.
    const header = await failure(
      readCsv(`iccid,imsi,ki,acc\n${iccid},${imsi},${ki},${acc}\n`, options("acc"), columns),
    );
    expect(header.message).toContain("line 1 is a header row");
    const unused = await failure(
      readCsv(`${iccid},${imsi},${ki},${acc}\n`, options("acc,impi"), columns),
    );
    expect(unused).toBeInstanceOf(UsageError);
    expect(unused.message).toContain('--ignore-columns "impi" matches no column of --columns');
  });

  it("reads as before without options", async () => {
    const records = await readCsv(`iccid,imsi,ki\n${iccid},${imsi},${ki}\n`, options(""));
    expect(records).toEqual([{ line: 2, fields: { iccid, imsi, ki } }]);
  });
});

describe("JSON keys under the column options", () => {
  const line = JSON.stringify({ ICCID: iccid, imsi, KI_ENC: ki, opc, ACC: acc });

  it("drops ignored keys and reads renamed ones as their field", async () => {
    const records = await readJsonl(`${line}\n${line}\n`, options("acc", "ki_enc=ki"));
    expect(records.map((record) => record.fields)).toEqual([
      { iccid, imsi, ki, opc },
      { iccid, imsi, ki, opc },
    ]);
    expect(JSON.stringify(records)).not.toContain(acc);
  });

  it("leaves unknown keys for validation, as before", async () => {
    const records = await readJsonl(`${line}\n`, options("", "ki_enc=ki"));
    expect(records[0]?.fields).toEqual({ iccid, imsi, ki, opc, ACC: acc });
  });

  it("refuses an option that matches no key of any record, after reading them all", async () => {
    const text = `${line}\n${JSON.stringify({ iccid, imsi, ki, IMPI: "x@y" })}\n`;
    const error = await failure(readJsonl(text, options("ACC,IMPI,IMPU", "KI_ENC=ki,X=c9")));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'in.jsonl: --ignore-columns "IMPU" matches no key of any record; --rename-columns "X" matches no key of any record',
    );
  });
});
