import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InputError } from "../core/cli-error.ts";
import type { CsvLayout } from "./input-layout.ts";
import type { RawRecord } from "./raw-record.ts";
import { readCsvRecordBatches, readCsvRecords } from "./read-csv-records.ts";

const ki = "6BE2053E8580B135CD43443380DB7111";
const opc = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
const withHeader: CsvLayout = { delimiter: ",", columns: undefined };

async function read(
  text: string,
  chunkSize = 7,
  layout: CsvLayout = withHeader,
): Promise<RawRecord[]> {
  // Small chunks prove that records split across reads come out whole.
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    chunks.push(bytes.subarray(offset, offset + chunkSize));
  const records: RawRecord[] = [];
  for await (const record of readCsvRecords(Readable.from(chunks), "in.csv", layout))
    records.push(record);
  return records;
}

async function failure(
  text: string,
  layout: CsvLayout = withHeader,
  chunkSize = 7,
): Promise<string> {
  const error = await read(text, chunkSize, layout).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message;
}

describe("readCsvRecords", () => {
  it("reads records by header name with their line numbers", async () => {
    const records = await read(`iccid,imsi,ki\n89860468152080349618,460048867619618,${ki}\n`);
    expect(records).toEqual([
      { line: 2, fields: { iccid: "89860468152080349618", imsi: "460048867619618", ki } },
    ]);
  });

  it("tolerates a BOM, CRLF line ends, header case and spaces around values", async () => {
    const text = `\uFEFF ICCID , Imsi,KI,MSISDN\r\n 89860468152080349618 , 460048867619618 ,${ki},  8613912345678\r\n`;
    expect(await read(text)).toEqual([
      {
        line: 2,
        fields: {
          iccid: "89860468152080349618",
          imsi: "460048867619618",
          ki,
          msidn: "8613912345678",
        },
      },
    ]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, and counts lines from the record's start", async () => {
    const text = `iccid,imsi,ki,impi\n1,2,3,"a,b"\n4,5,6,"say ""x""\nnext"\n7,8,9,z\n`;
    const records = await read(text);
    expect(records.map((record) => [record.line, record.fields.impi])).toEqual([
      [2, "a,b"],
      [3, 'say "x"\nnext'],
      [5, "z"],
    ]);
  });

  it("skips blank lines and leaves empty cells out", async () => {
    const records = await read(`iccid,imsi,ki,opc\n\n1,2,3,\n\n,,,\n4,5,6,7\n`);
    expect(records).toEqual([
      { line: 3, fields: { iccid: "1", imsi: "2", ki: "3" } },
      { line: 6, fields: { iccid: "4", imsi: "5", ki: "6", opc: "7" } },
    ]);
  });

  it("splits impu on spaces", async () => {
    const records = await read(`iccid,imsi,ki,impu\n1,2,3,sip:a@x  tel:+1\n`);
    expect(records[0]?.fields.impu).toEqual(["sip:a@x", "tel:+1"]);
  });

  it("refuses unknown, repeated and unnamed columns, naming them", async () => {
    const message = await failure(`iccid,imsi,ki,colour,,IMSI\n1,2,3,4,5,6\n`);
    expect(message).toContain("in.csv line 1 (header)");
    expect(message).toContain('unknown column "colour" (column 4)');
    expect(message).toContain("column 5 has no name");
    expect(message).toContain('column "IMSI" (column 6) repeats imsi');
  });

  it("refuses a configName column: --config-name names the batch's configuration", async () => {
    const message = await failure(`iccid,imsi,ki,configName\n1,2,3,templateRegular01\n`);
    expect(message).toContain('unknown column "configName" (column 4)');
  });

  it("refuses a header without a required column", async () => {
    expect(await failure(`iccid,opc\n1,2\n`)).toContain("missing columns imsi, ki");
  });

  it("refuses msidn and msisdn together", async () => {
    expect(await failure(`iccid,imsi,ki,msidn,msisdn\n1,2,3,4,5\n`)).toContain("repeats msidn");
  });

  it("refuses an empty input and a header without records", async () => {
    expect(await failure("")).toContain("in.csv is empty");
    expect(await failure("\n\n")).toContain("in.csv is empty");
    expect(await failure("iccid,imsi,ki\n")).toContain("has a header row but no records");
  });

  it("names the line of a record with too many fields", async () => {
    expect(await failure(`iccid,imsi,ki\n1,2,3\n4,5,6,7\n`)).toBe(
      "in.csv line 3: 4 fields, but the header has 3",
    );
  });

  it("names the line of a stray quote without quoting the cell", async () => {
    const message = await failure(`iccid,imsi,ki\n1,2,"${ki}"x\n`);
    expect(message).toMatch(/^in\.csv line 2: unexpected character after a closing quote/);
    expect(message).not.toContain(ki);
    const opening = await failure(`iccid,imsi,ki\n1,2,AB"${ki}"\n`);
    expect(opening).toMatch(/^in\.csv line 2: a quote inside an unquoted field/);
    expect(opening).not.toContain(ki);
  });

  it("says where an unclosed quote starts", async () => {
    const message = await failure(`iccid,imsi,ki\n1,2,3\n4,5,"${ki}\n7,8,9\n`);
    expect(message).toBe("in.csv: a quote opened after line 2 is never closed");
  });

  it("reports a first row of values as a missing header row, without its cells", async () => {
    const message = await failure(`89860468152080349618,460048867619618,${ki},${opc}\n`);
    expect(message).toMatch(/^in\.csv line 1: expected a header row, but this row holds values/);
    expect(message).toContain("--columns iccid,imsi,ki,opc");
    expect(message).not.toContain(ki);
    expect(message).not.toContain(opc);
    expect(message).not.toContain("89860468152080349618");
  });

  it("names an unknown column only when it reads like a name", async () => {
    const message = await failure(`iccid,imsi,ki,opc,${ki.toLowerCase()}x,colour\n1,2,3,4,5,6\n`);
    expect(message).toContain("unknown column (column 5; its name is not shown");
    expect(message).toContain('unknown column "colour" (column 6)');
    expect(message.toUpperCase()).not.toContain(ki);
  });

  it("reads a file without a header row by the columns given", async () => {
    const columns = ["iccid", "imsi", "ki", "opc"];
    const records = await read(`8986,4600,${ki},${opc}\n1,2,3,\n`, 7, {
      delimiter: ",",
      columns,
    });
    expect(records).toEqual([
      { line: 1, fields: { iccid: "8986", imsi: "4600", ki, opc } },
      { line: 2, fields: { iccid: "1", imsi: "2", ki: "3" } },
    ]);
  });

  it("refuses columns given for a file that has a header row", async () => {
    const layout: CsvLayout = { delimiter: ",", columns: ["iccid", "imsi", "ki"] };
    expect(await failure(`ICCID,imsi,Ki\n1,2,3\n`, layout)).toBe(
      "in.csv line 1 is a header row, but --columns says the file has none; leave out --columns",
    );
    expect(await failure(`1,2,3,4\n`, layout)).toBe(
      "in.csv line 1: 4 fields, but --columns names 3",
    );
  });

  it.each([";", "\t"] as const)("reads fields separated by %j", async (delimiter) => {
    const text = [`iccid${delimiter}imsi${delimiter}ki`, `1${delimiter}"2;3"${delimiter}${ki}`]
      .join("\r\n")
      .concat("\r\n");
    expect(await read(text, 7, { delimiter, columns: undefined })).toEqual([
      { line: 2, fields: { iccid: "1", imsi: "2;3", ki } },
    ]);
  });
});

describe("readCsvRecordBatches", () => {
  it("hands out the records of each piece together, and those before an error first", async () => {
    const pieces = [`iccid,imsi,ki\n1,2,${ki}\n3,4,${ki}\n`, `5,6,${ki}\n7,8\n9,10,${ki}\n`];
    const batches: number[][] = [];
    const error = await (async () => {
      for await (const batch of readCsvRecordBatches(Readable.from(pieces), "in.csv", withHeader))
        batches.push(batch.map((record) => record.line));
    })().then(
      () => undefined,
      (caught: unknown) => (caught as Error).message,
    );
    expect(batches).toEqual([[2, 3], [4]]);
    expect(error).toBe("in.csv line 5: 2 fields, but the header has 3");
  });
});

describe("readCsvRecords across pieces of the stream", () => {
  const header = "iccid,imsi,ki,impi\n";
  const body = [
    `1,2,${ki},"a,b"`,
    `3,4,${ki},"say ""x""\nnext"`,
    `  5 , 6 ,${ki}, "  spaced "  `,
    "",
    " , , , ",
    `7,8,${ki},z`,
  ].join("\r\n");
  it.each([1, 2, 3, 5, 8, 13, 64])(
    "reads the same records whatever the piece size (%i bytes)",
    async (size) => {
      const records = await read(`${header}${body}`, size);
      expect(records).toEqual([
        { line: 2, fields: { iccid: "1", imsi: "2", ki, impi: "a,b" } },
        { line: 3, fields: { iccid: "3", imsi: "4", ki, impi: 'say "x"\nnext' } },
        { line: 5, fields: { iccid: "5", imsi: "6", ki, impi: "  spaced " } },
        { line: 8, fields: { iccid: "7", imsi: "8", ki, impi: "z" } },
      ]);
    },
  );

  it.each([1, 2, 3, 4, 5])(
    "decodes a BOM and characters of several bytes cut between pieces (%i bytes)",
    async (size) => {
      const text = `\uFEFFiccid,imsi,ki,impi\n1,2,${ki},café\n3,4,${ki},"über\nline"\n5,6,${ki},€\n`;
      expect((await read(text, size)).map((record) => record.fields.impi)).toEqual([
        "café",
        "über\nline",
        "€",
      ]);
    },
  );

  it("refuses a record longer than a mebibyte without holding the file", async () => {
    const text = `iccid,imsi,ki\n1,2,"${"A".repeat(1_100_000)}`;
    const message = await failure(text, withHeader, 64 * 1024);
    expect(message).toMatch(/^in\.csv line 2: a record longer than 1048576 bytes/);
  });
});
