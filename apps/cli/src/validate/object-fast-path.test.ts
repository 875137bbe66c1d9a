import { rspSchemas } from "@simlessly/contract";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type FastPath, objectFastPath } from "./object-fast-path.ts";
import type { Schema } from "./schema-fields.ts";

const ki = "6BE2053E8580B135CD43443380DB7111";
const opc = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
const valid = { iccid: "89860468152080349618", imsi: "460048867619618", ki, opc };

// The claim: whatever the fast path vouches for, zod accepts, and outputs the same record
// (the same keys in the same order, the same values).
function expectAgreement(schema: Schema & z.ZodType, fast: FastPath, value: unknown): boolean {
  const vouched = fast(value);
  if (vouched === undefined) return false;
  const result = schema.safeParse(value);
  expect(result.success).toBe(true);
  expect(Object.keys(vouched)).toEqual(Object.keys(result.data as object));
  expect(vouched).toEqual(result.data);
  return true;
}

// Each form of the fast path: code generated per schema, and the loop used where code
// generation is off.
const forms = [
  ["generated", { generated: true }],
  ["interpreted", { generated: false }],
] as const;

// Values a field may be given: the valid one and near misses of every kind.
function variants(good: unknown): unknown[] {
  const text = typeof good === "string" ? good : "0";
  return [
    good,
    "",
    text.slice(1),
    `${text}0`,
    text.toLowerCase(),
    `${text}\n`,
    ` ${text}`,
    text.replace(/[0-9]/, "\u0660"),
    Number(text.slice(0, 6)),
    null,
    undefined,
    [text],
    { text },
    ["sip:a@b", ""],
    ["sip:a@b"],
  ];
}

describe.each(forms)("objectFastPath (%s) on AcMetadata", (_name, options) => {
  const schema = rspSchemas.AcMetadata;
  const fast = objectFastPath(schema, options) as FastPath;

  it("vouches for valid records, optional fields or not, in any key order", () => {
    const full = {
      ...valid,
      msidn: "8613912345678",
      impi: "impi@example.com",
      impu: ["sip:+8613912345678@example.com"],
      c9: "0A0B",
      cc: "1234",
      expireTime: "2030-01-31 23:59:59",
      pin1: "1234",
      pin2: "5678",
      puk1: "12345678",
      puk2: "87654321",
      adm1: "11112222",
    };
    const reversed = Object.fromEntries(Object.entries(full).reverse());
    for (const record of [valid, { ki, iccid: valid.iccid, imsi: valid.imsi }, full, reversed]) {
      expect(expectAgreement(schema, fast, record)).toBe(true);
    }
  });

  it("never vouches for what zod refuses, field by field", () => {
    const base: Record<string, unknown> = {
      ...valid,
      cc: "1234",
      impu: ["sip:a@b"],
      expireTime: "2030-01-31 23:59:59",
    };
    let vouched = 0;
    let refused = 0;
    for (const key of [...Object.keys(schema.shape), "msisdn", "extra"]) {
      for (const value of variants(base[key] ?? "0")) {
        const record = { ...base, [key]: value };
        if (expectAgreement(schema, fast, record)) vouched += 1;
        else if (!schema.safeParse(record).success) refused += 1;
        const { [key]: _left, ...without } = record;
        expectAgreement(schema, fast, without);
      }
    }
    // Both outcomes were exercised.
    expect(vouched).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(100);
  });

  it("gives up on values that are not plain records", () => {
    const withProto = JSON.parse(
      `{"iccid":"${valid.iccid}","imsi":"${valid.imsi}","ki":"${ki}","__proto__":{}}`,
    );
    const inherited = Object.create({ ki });
    Object.assign(inherited, { iccid: valid.iccid, imsi: valid.imsi });
    const inheritedBad = Object.create({ opc: "bad" });
    Object.assign(inheritedBad, { iccid: valid.iccid, imsi: valid.imsi, ki });
    const hidden = { ...valid };
    Object.defineProperty(hidden, "opc", { value: "bad", enumerable: false });
    const hiddenGood = { iccid: valid.iccid, imsi: valid.imsi };
    Object.defineProperty(hiddenGood, "ki", { value: ki, enumerable: false });
    const withSymbol = { ...valid, [Symbol("s")]: "x" };
    const bare = Object.assign(Object.create(null), valid);
    for (const value of [
      undefined,
      null,
      "text",
      42,
      [valid],
      new Date(),
      withProto,
      inherited,
      inheritedBad,
      hidden,
      hiddenGood,
      withSymbol,
      bare,
    ]) {
      expectAgreement(schema, fast, value);
    }
    expect(fast(inheritedBad)).toBeUndefined();
    expect(fast(hidden)).toBeUndefined();
  });
});

describe.each(forms)("objectFastPath (%s) on other schemas", (_name, options) => {
  const cases: [string, z.ZodObject, unknown[]][] = [
    [
      "a default fills an absent field",
      z.strictObject({ a: z.string().regex(/^a$/), b: z.string().default("b") }),
      [{ a: "a" }, { a: "a", b: "x" }, { a: "a", b: 1 }],
    ],
    [
      "optional lets a present undefined through",
      z.strictObject({ a: z.string().regex(/^a$/), b: z.optional(z.string().regex(/^b$/)) }),
      [{ a: "a" }, { a: "a", b: undefined }, { a: "a", b: "b" }, { a: "a", b: "c" }],
    ],
    [
      "exactOptional refuses a present undefined",
      z.strictObject({ a: z.exactOptional(z.string().regex(/^a$/)) }),
      [{}, { a: undefined }, { a: "a" }],
    ],
    [
      "string formats, coercion, transforms, refinements and global patterns go to zod",
      z.strictObject({
        email: z.optional(z.email()),
        coerced: z.optional(z.coerce.string().regex(/^1$/)),
        trimmed: z.optional(z.string().trim()),
        refined: z.optional(z.string().refine((value) => value !== "no")),
        piped: z.optional(z.string().transform((value) => value.length)),
        global: z.optional(z.string().regex(/^a$/g)),
      }),
      [
        { email: "a@b.example" },
        { email: "nope" },
        { coerced: 1 },
        { coerced: "2" },
        { trimmed: " x " },
        { refined: "no" },
        { refined: "yes" },
        { piped: "abc" },
        { global: "a" },
        { global: "b" },
      ],
    ],
    [
      "nullable lets null through",
      z.strictObject({ a: z.exactOptional(z.string().regex(/^a$/).nullable()) }),
      [{}, { a: null }, { a: "a" }, { a: "b" }, { a: undefined }],
    ],
    [
      "a loose object strips what a strict one refuses",
      z.object({ a: z.string().regex(/^a$/) }),
      [{ a: "a" }, { a: "a", b: "b" }],
    ],
  ];

  it.each(cases)("agrees with zod where %s", (_title, schema, values) => {
    const fast = objectFastPath(schema, options) as FastPath;
    for (const value of values) expectAgreement(schema, fast, value);
  });

  it("has no fast path for an object with checks of its own", () => {
    const refined = z.strictObject({ a: z.string() }).refine((value) => value.a !== "no");
    expect(objectFastPath(refined, options)).toBeUndefined();
  });
});
