import { describe, expect, it } from "vitest";
import type { SigningScheme } from "./schemes.ts";
import type { SignableBody } from "./signable-body.ts";
import { bytesToSign, messageToSign, signingPrefix } from "./string-to-sign.ts";

const fields = { key: "KEY", timestamp: "1700000000000", requestId: "RID" };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("signingPrefix", () => {
  const table: { scheme: SigningScheme; want: string }[] = [
    { scheme: "rsp", want: "1700000000000RIDKEY" },
    { scheme: "appendix", want: "KEY1700000000000RID" },
  ];
  it.each(table)(
    "puts the $scheme fields in documented order without separators",
    ({ scheme, want }) => {
      expect(signingPrefix(scheme, fields)).toBe(want);
    },
  );

  it("reproduces the RSP demo's signData prefix", () => {
    const demo = {
      key: "11111",
      timestamp: "1628670421",
      requestId: "4ce9d9cdac9e4e17b3a2c66c358c1ce2",
    };
    expect(signingPrefix("rsp", demo)).toBe("16286704214ce9d9cdac9e4e17b3a2c66c358c1ce211111");
  });
});

describe("bytesToSign", () => {
  const json = '{"spn":"Café ✓"}';
  const utf8 = new TextEncoder().encode(json);
  const padded = new Uint8Array([0xaa, ...utf8, 0xbb]);
  const table: { name: string; body: SignableBody | null | undefined; want: string }[] = [
    { name: "an absent body as the empty string", body: undefined, want: "" },
    { name: "a null body as the empty string", body: null, want: "" },
    { name: "an empty string as nothing", body: "", want: "" },
    { name: "text as its UTF-8 bytes", body: json, want: json },
    { name: "a Uint8Array as it is", body: utf8, want: json },
    { name: "an ArrayBuffer as it is", body: utf8.slice().buffer, want: json },
    {
      name: "only the viewed bytes of a Uint8Array window",
      body: padded.subarray(1, -1),
      want: json,
    },
    {
      name: "only the viewed bytes of a DataView",
      body: new DataView(padded.buffer, 1, utf8.length),
      want: json,
    },
  ];
  it.each(table)("signs $name after the prefix", ({ body, want }) => {
    expect(text(bytesToSign("rsp", fields, body))).toBe(`1700000000000RIDKEY${want}`);
  });

  it("keeps bytes that are not valid UTF-8 unchanged", () => {
    const body = new Uint8Array([0xff, 0x00, 0xfe, 0xe2, 0x82]);
    const bytes = bytesToSign("appendix", fields, body);
    expect([...bytes.subarray(-5)]).toEqual([...body]);
    expect(bytes.length).toBe("KEY1700000000000RID".length + 5);
  });

  it("encodes the prefix and a text body separately, as a part-wise HMAC does", () => {
    // A key ending in half a surrogate pair and a body starting with the other half must not
    // fuse into one 4-byte character.
    const bytes = bytesToSign("appendix", { ...fields, requestId: "\ud83d" }, "\ude00");
    expect([...bytes.subarray(-6)]).toEqual([0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]);
  });
});

describe("messageToSign", () => {
  it("refuses a body that is neither text nor bytes", () => {
    expect(() => messageToSign("rsp", fields, { json: true } as unknown as string)).toThrow(
      /^body must be/,
    );
  });

  it("passes a byte body through without copying it", () => {
    const body = new Uint8Array([1, 2, 3]);
    expect(messageToSign("rsp", fields, body)[1]).toBe(body);
  });
});
