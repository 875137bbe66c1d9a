#!/usr/bin/env python3
"""Writes signing-vectors.json from an implementation independent of the TypeScript code.

Every expected signature is computed twice, with Python's `hmac` module and with
`openssl dgst -sha256 -hmac`, and the script stops if the two disagree. Run it from this
folder: `python3 compute-vectors.py` (needs Python 3.8+ and the openssl command).
"""

import hashlib
import hmac
import json
import subprocess
from datetime import datetime, timezone

# A ~60 KB batch-generate-like body, described by a generator so the file stays small.
LARGE_BODY = {
    "kind": "indexed-repeat",
    "rule": "head + join(separator, [item with every '{n}' replaced by the index written as "
    "6-digit zero-padded decimal, for index 0 .. count-1]) + tail, then UTF-8 encoded",
    "head": '{"configName":"Café bench","encryptionMode":1,"metaDatas":[',
    "item": '{"iccid":"8988247000{n}0000","imsi":"460001{n}000",'
    '"ki":"000102030405060708090A0B0C0D0E0F","opc":"F0E0D0C0B0A090807060504030201000"}',
    "separator": ",",
    "count": 431,
    "tail": "]}",
}


def expand(gen):
    items = [gen["item"].replace("{n}", f"{i:06d}") for i in range(gen["count"])]
    return (gen["head"] + gen["separator"].join(items) + gen["tail"]).encode("utf-8")


RSP_DEMO = dict(secret="1111", key="11111", timestamp="1628670421",
                requestId="4ce9d9cdac9e4e17b3a2c66c358c1ce2")
RSP_LIVE = dict(secret="5f2b8c1e9a7d4e3fb6c0a1d2e3f40516", key="0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                timestamp="1763798400000", requestId="0b7e5a3c-3f0e-4c1a-9d2b-6a8f1e2d3c4b")
EIM = dict(secret="9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49", key="33557c4f7ff14cbbb982660993f48a49",
           timestamp="1701764214225", requestId="ddf4654b-fc9b-4d40-a914-964cff6cf379",
           token="81db993c3bdb45ecb9ac3943a44878dd")

COMPUTED = "computed, not documented: Python hmac and openssl dgst -sha256 -hmac agree"

CASES = [
    dict(name="rsp-demo", scheme="rsp", **RSP_DEMO, body='{"imsi":"326543826"}',
         documented="7EB765E27DF5373DEA2DBC8C41A7D9557743E46C8054750F3D851B3FD01D0835",
         description="The signature demo of the Simlessly docs, with the secret and body from the "
         "Redtea / eSIM Access docs it was copied from; the timestamp has 10 digits as in the demo.",
         source="documented (docs.simlessly.com rsp signature page; secret and body from the "
         "Redtea/eSIM Access lineage); recomputed here with Python hmac and openssl"),
    dict(name="rsp-empty-body", scheme="rsp", **RSP_DEMO, body="",
         description="The demo inputs with no body: the body signs as the empty string.",
         source=COMPUTED),
    dict(name="rsp-non-ascii-body", scheme="rsp", **RSP_LIVE, body='{"spn":"Café Ünïcode ✓"}',
         description="A body with 2- and 3-byte UTF-8 characters; ms timestamp; dashed UUID v4.",
         source=COMPUTED),
    dict(name="rsp-non-ascii-secret", scheme="rsp", **{**RSP_LIVE, "secret": "sécret-ключ-✓"},
         body='{"iccid":"89882470000000000001"}',
         description="A secret with non-ASCII characters: the HMAC key is its UTF-8 bytes.",
         source=COMPUTED),
    dict(name="rsp-binary-body", scheme="rsp", **RSP_LIVE,
         bodyHex="7b2261223a22ff00fe22e2827d0a",
         description="Body bytes that are not valid UTF-8 (0xFF, 0x00, 0xFE, a truncated "
         "3-byte sequence): they are signed as they are, never decoded and re-encoded.",
         source=COMPUTED),
    dict(name="rsp-large-body", scheme="rsp", **RSP_LIVE, bodyGenerator=LARGE_BODY,
         description="A ~60 KB batch body (the size the benchmark uses).",
         source=COMPUTED),
    dict(name="appendix-demo-headers", scheme="appendix", **EIM,
         body='{"eid":"89049032123451234512345678901235"}',
         description="The public-key, timestamp, request-id and token of the eIM Appendix 1 "
         "example with an invented ackey and body (the example's own signature cannot be "
         "reproduced: its ackey and body are not published).",
         source=COMPUTED),
    dict(name="appendix-empty-body", scheme="appendix", **EIM, body="",
         description="Appendix scheme with no body: the body signs as the empty string.",
         source=COMPUTED),
    dict(name="appendix-non-ascii-body", scheme="appendix", **EIM, body='{"spn":"Café Ünïcode ✓"}',
         description="Appendix scheme with 2- and 3-byte UTF-8 characters in the body.",
         source=COMPUTED),
    dict(name="appendix-large-body", scheme="appendix", **EIM, bodyGenerator=LARGE_BODY,
         description="Appendix scheme with the ~60 KB batch body.",
         source=COMPUTED),
]


def body_bytes(case):
    if "body" in case:
        return case["body"].encode("utf-8")
    if "bodyHex" in case:
        return bytes.fromhex(case["bodyHex"])
    return expand(case["bodyGenerator"])


def prefix(case):
    if case["scheme"] == "rsp":
        return case["timestamp"] + case["requestId"] + case["key"]
    return case["key"] + case["timestamp"] + case["requestId"]


def openssl_hmac(secret, message):
    out = subprocess.run(
        ["openssl", "dgst", "-sha256", "-hmac", secret, "-r"],
        input=message, capture_output=True, check=True,
    ).stdout.decode("ascii")
    return out.split()[0].lower()


def headers(case, signature):
    if case["scheme"] == "rsp":
        return {"AccessKey": case["key"], "Timestamp": case["timestamp"],
                "RequestID": case["requestId"], "Signature": signature.upper()}
    return {"signature": signature, "public-key": case["key"], "request-id": case["requestId"],
            "version": "1.0", "authorization": case["token"], "sign-method": "HMAC-SHA256",
            "content-type": "application/json", "timestamp": case["timestamp"]}


vectors = []
for case in CASES:
    data = body_bytes(case)
    message = prefix(case).encode("utf-8") + data
    key = case["secret"].encode("utf-8")
    by_python = hmac.new(key, message, hashlib.sha256).hexdigest()
    by_openssl = openssl_hmac(case["secret"], message)
    assert by_python == by_openssl, case["name"]
    documented = case.pop("documented", None)
    if documented is not None:
        assert documented.lower() == by_python, case["name"]
    # Readable order: what the case is and where its value comes from, then the inputs.
    first = ("name", "scheme", "description", "source")
    vector = {k: case[k] for k in first}
    vector.update({k: v for k, v in case.items() if k not in first})
    vector["bodyBytes"] = len(data)
    vector["bodySha256"] = hashlib.sha256(data).hexdigest()
    vector["signingPrefix"] = prefix(case)
    vector["signature"] = by_python
    vector["headers"] = headers(case, by_python)
    vectors.append(vector)

document = {
    "$comment": "Known-answer vectors for @simlessly/signing. Written by compute-vectors.py "
    "(Python hmac, cross-checked with openssl dgst), never by the code under test. Each vector's "
    "'source' says whether the value is documented or only computed.",
    "format": 1,
    "generatedAt": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
    "generatedWith": "Python hmac/hashlib, openssl dgst -sha256 -hmac",
    "fields": {
        "scheme": "'rsp': Timestamp + RequestID + AccessKey + body, upper-case hex sent; "
        "'appendix' (eIM seed 003 Appendix 1): public-key + timestamp + request-id + body, "
        "lower-case hex",
        "secret": "HMAC key (RSP SecretKey / eIM ackey), used as its UTF-8 bytes",
        "key": "AccessKey (rsp) or public-key (appendix)",
        "body | bodyHex | bodyGenerator": "exactly one: a text body (UTF-8 encoded), raw bytes in "
        "hex, or a generator rule for a large body",
        "bodyBytes, bodySha256": "length and SHA-256 of the body bytes, to check a generator",
        "signingPrefix": "the text signed before the body bytes (UTF-8 encoded)",
        "signature": "HMAC-SHA256 as lower-case hex",
        "headers": "the complete header set a signer sends for this vector",
    },
    "vectors": vectors,
}

with open("signing-vectors.json", "w", encoding="utf-8") as out:
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
print(f"wrote {len(vectors)} vectors")
