import { describe, expect, it } from "vitest";
import { validateRecord } from "./validate-record.ts";

const valid = {
  iccid: "89860468152080349618",
  imsi: "460048867619618",
  ki: "6BE2053E8580B135CD43443380DB7111",
};

function issuesOf(fields: Record<string, unknown>) {
  const check = validateRecord({ line: 7, fields });
  return check.ok ? [] : check.issues;
}

describe("validateRecord", () => {
  it("accepts a record the contract accepts and returns it", () => {
    const check = validateRecord({
      line: 2,
      fields: { ...valid, impu: ["sip:a@x"], expireTime: "2030-01-02 03:04:05" },
    });
    expect(check).toEqual({
      ok: true,
      record: { ...valid, impu: ["sip:a@x"], expireTime: "2030-01-02 03:04:05" },
    });
  });

  const cases: {
    name: string;
    fields: Record<string, unknown>;
    want: { field: string; reason: string }[];
  }[] = [
    {
      name: "a missing Ki",
      fields: { iccid: valid.iccid, imsi: valid.imsi },
      want: [{ field: "ki", reason: "is required" }],
    },
    {
      name: "a short Ki, without its value",
      fields: { ...valid, ki: "6BE2053E" },
      want: [{ field: "ki", reason: "must be 32 hexadecimal characters" }],
    },
    {
      name: "a short IMSI, with its value",
      fields: { ...valid, imsi: "46004886761961" },
      want: [{ field: "imsi", reason: 'must be 15 digits, got "46004886761961"' }],
    },
    {
      name: "an ICCID of 18 digits",
      fields: { ...valid, iccid: "898604681520803496" },
      want: [{ field: "iccid", reason: 'must be 19 or 20 digits, got "898604681520803496"' }],
    },
    {
      name: "an ICCID given as a JSON number",
      fields: { ...valid, iccid: 8986046815208034 },
      want: [{ field: "iccid", reason: "must be a string (quote it: numbers lose digits)" }],
    },
    {
      name: "a PIN of letters, without its value",
      fields: { ...valid, pin1: "abcd" },
      want: [{ field: "pin1", reason: "must be 4 digits" }],
    },
    {
      name: "a malformed expiry time",
      fields: { ...valid, expireTime: "2030/01/02" },
      want: [
        {
          field: "expireTime",
          reason: 'must be a date and time as yyyy-MM-dd HH:mm:ss, got "2030/01/02"',
        },
      ],
    },
    {
      name: "an empty IMPU entry",
      fields: { ...valid, impu: ["sip:a", ""] },
      want: [{ field: "impu[1]", reason: 'must have at least 1 characters, got ""' }],
    },
    {
      name: "an unknown field",
      fields: { ...valid, colour: "red" },
      want: [
        {
          field: "colour",
          reason: "is not a known field (see --ignore-columns and --rename-columns)",
        },
      ],
    },
  ];
  it.each(cases)("reports $name", ({ fields, want }) => {
    expect(issuesOf(fields)).toEqual(want);
  });

  it("never puts a secret field's value in a reason", () => {
    const secrets = {
      ki: "SECRETKI",
      opc: "SECRETOPC",
      pin1: "SECRETPIN1",
      pin2: "SECRETPIN2",
      puk1: "SECRETPUK1",
      puk2: "SECRETPUK2",
      adm1: "SECRETADM1",
      cc: "SECRETCC",
    };
    const issues = issuesOf({ iccid: valid.iccid, imsi: valid.imsi, ...secrets });
    expect(issues.map((issue) => issue.field).sort()).toEqual(Object.keys(secrets).sort());
    const text = JSON.stringify(issues);
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
  });

  it("never shows a value that is in the wrong column, whatever the column", () => {
    const ki = valid.ki;
    const issues = issuesOf({
      iccid: ki.toLowerCase(),
      imsi: ki,
      ki: valid.imsi,
      msidn: "12345678901234567890123456789012",
      expireTime: ki,
    });
    expect(issues.map((issue) => issue.field)).toEqual([
      "iccid",
      "imsi",
      "ki",
      "msidn",
      "expireTime",
    ]);
    const text = JSON.stringify(issues).toUpperCase();
    expect(text).not.toContain(ki);
    expect(text).not.toContain(valid.imsi);
    expect(text).not.toContain("1234567890");
  });

  it("names an unknown key only when it reads like a name", () => {
    const key = valid.ki;
    expect(issuesOf({ ...valid, [key]: "x", colour: "red" })).toEqual([
      { field: "(key not shown)", reason: "is not a known field; its name reads like a value" },
      {
        field: "colour",
        reason: "is not a known field (see --ignore-columns and --rename-columns)",
      },
    ]);
  });
});
