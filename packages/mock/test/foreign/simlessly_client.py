#!/usr/bin/env python3
"""A Simlessly API client written the way another team would write it in Python.

It uses the standard library only (json, hmac, hashlib, http.client, uuid, time, sys, os)
and shares no code with this repository: the signing schemes are re-implemented from the
public docs (RSP "Signature" page; eIM Appendix 1), so the sandbox is checked against an
independent reading of them, not against our own @simlessly/signing.

Bodies are serialized with plain ``json.dumps(body)``: its default separators put a space
after every ``,`` and ``:``, and ``ensure_ascii`` escapes non-ASCII text as ``\\uXXXX``.
That is what most Python code sends, and it is *not* the compact form our TypeScript client
produces, so a server that re-serialized the JSON before checking the signature would refuse
these requests. The bytes that are signed are exactly the bytes that are sent.

Usage:
    simlessly_client.py BASE_URL [SERIES] [--tamper]

Credentials come from the environment (the sandbox's own variable names):
    RSP  SIMLESSLY_ACCESS_KEY, SIMLESSLY_SECRET_KEY
    eIM  SIMLESSLY_EIM_ACCESS_KEY, SIMLESSLY_EIM_SECRET_KEY (the "ackey"), SIMLESSLY_EIM_TOKEN
    CMP  SIMLESSLY_CMP_CLIENT_ID, SIMLESSLY_CMP_CLIENT_SECRET

SERIES (0-9999, default 1) picks the block of ICCIDs and IMSIs, so that two runs against one
sandbox do not collide:
    ICCID = "8988" + SERIES (4 digits) + index (12 digits)    20 digits
    IMSI  = "00101" + SERIES (4 digits) + index (6 digits)    15 digits
with index 1 (generate v1), 2 (generate v2), 3 and 4 (batch), 8 and 9 (--tamper).

Output: one JSON line per call on stdout, with the operation, the HTTP status and the
envelope's success and code, plus facts that are not secret (ICCIDs, statuses, counts).
Never a Ki, an OPc, an activation code, a token or a key. Exit status 0 when every call
succeeded (with --tamper: when every tampered request was refused), 1 otherwise.
"""

import hashlib
import hmac
import http.client
import json
import os
import sys
import time
import uuid

# Test SIM keys (not real ones). They are sent but never printed.
TEST_KI = "0123456789ABCDEF0123456789ABCDEF"
TEST_OPC = "FEDCBA9876543210FEDCBA9876543210"
# An access rule for the v2 call: hex, as the mirror of the docs describes `ara`.
TEST_ARA = "E22EE12CC11430F9A11C29A43F1D3E95B47A38B0C4E1C2A0B9F0E1D2C3B4A5968778E30C8E0A4F0102"

CONFIG_NAME = "templateRegular01"  # a configuration the sandbox knows (regular type)
EIM_OPERATOR = "Simlessly Mobile"  # an eIM operator (`mon`) the sandbox knows

POLL_INTERVAL_S = 0.1
POLL_LIMIT_S = 15.0


def env(name):
    value = os.environ.get(name, "")
    if value == "":
        sys.stderr.write("missing environment variable %s\n" % name)
        sys.exit(2)
    return value


def iccid_of(series, index):
    return "8988%04d%012d" % (series, index)


def imsi_of(series, index):
    return "00101%04d%06d" % (series, index)


def sim_record(series, index):
    return {
        "iccid": iccid_of(series, index),
        "imsi": imsi_of(series, index),
        "ki": TEST_KI,
        "opc": TEST_OPC,
    }


def now_ms():
    # The docs ask for a millisecond timestamp; the server allows 10 minutes of skew.
    return str(int(time.time() * 1000))


class Http:
    """POSTs bytes to one base URL; a new connection per call keeps it simple."""

    def __init__(self, base_url):
        if base_url.startswith("https://"):
            self.factory = http.client.HTTPSConnection
            rest = base_url[len("https://"):]
        elif base_url.startswith("http://"):
            self.factory = http.client.HTTPConnection
            rest = base_url[len("http://"):]
        else:
            raise ValueError("base URL must start with http:// or https://")
        # scheme://host[:port] is expected; a path prefix, if any, is kept.
        slash = rest.find("/")
        self.netloc = rest if slash < 0 else rest[:slash]
        self.prefix = "" if slash < 0 else rest[slash:].rstrip("/")

    def post(self, path, body_bytes, headers):
        conn = self.factory(self.netloc, timeout=10)
        try:
            # Given bytes, http.client sends them untouched, with their Content-Length.
            conn.request("POST", self.prefix + path, body=body_bytes, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


def parse(raw):
    """The answer as JSON, or None when it is empty or not JSON."""
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return None


class Answer:
    """One HTTP answer: its status and its parsed body."""

    def __init__(self, status, raw):
        self.status = status
        self.body = parse(raw)

    @property
    def envelope(self):
        return self.body if isinstance(self.body, dict) else {}

    @property
    def obj(self):
        obj = self.envelope.get("obj")
        return obj if isinstance(obj, dict) else {}

    @property
    def succeeded(self):
        """An RSP or eIM call succeeded: HTTP 200 and `success: true` in the envelope."""
        return self.status == 200 and self.envelope.get("success") is True


class SimlesslyClient:
    def __init__(self, base_url):
        self.http = Http(base_url)
        self.rsp_key = env("SIMLESSLY_ACCESS_KEY")
        self.rsp_secret = env("SIMLESSLY_SECRET_KEY")
        self.eim_key = env("SIMLESSLY_EIM_ACCESS_KEY")
        self.eim_secret = env("SIMLESSLY_EIM_SECRET_KEY")
        self.eim_token = env("SIMLESSLY_EIM_TOKEN")
        self.cmp_id = env("SIMLESSLY_CMP_CLIENT_ID")
        self.cmp_secret = env("SIMLESSLY_CMP_CLIENT_SECRET")

    @staticmethod
    def encode(body):
        # The point of this client: json.dumps's defaults (", " and ": ", ASCII escapes).
        return json.dumps(body).encode("utf-8")

    def rsp_headers(self, body_bytes):
        """RSP: HMAC-SHA256(SecretKey, Timestamp + RequestID + AccessKey + body)."""
        timestamp = now_ms()
        request_id = str(uuid.uuid4())  # a fresh id per request: the server refuses replays
        message = (timestamp + request_id + self.rsp_key).encode("utf-8") + body_bytes
        digest = hmac.new(self.rsp_secret.encode("utf-8"), message, hashlib.sha256)
        return {
            "Content-Type": "application/json",
            "AccessKey": self.rsp_key,
            "Timestamp": timestamp,
            "RequestID": request_id,
            # The docs' Java sample returns upper case; the text says case does not matter.
            "Signature": digest.hexdigest().upper(),
        }

    def eim_headers(self, body_bytes):
        """eIM Appendix 1: HMAC-SHA256(ackey, public-key + timestamp + request-id + body)."""
        timestamp = now_ms()
        request_id = str(uuid.uuid4())  # Appendix 1 shows a dashed UUID
        message = (self.eim_key + timestamp + request_id).encode("utf-8") + body_bytes
        digest = hmac.new(self.eim_secret.encode("utf-8"), message, hashlib.sha256)
        return {
            "content-type": "application/json",
            "signature": digest.hexdigest(),  # lower case, as Appendix 1 says
            "public-key": self.eim_key,
            "request-id": request_id,
            "version": "1.0",
            "authorization": self.eim_token,
            "sign-method": "HMAC-SHA256",
            "timestamp": timestamp,
        }

    def rsp(self, path, body):
        data = self.encode(body)
        return Answer(*self.http.post(path, data, self.rsp_headers(data)))

    def eim(self, path, body):
        data = self.encode(body)
        return Answer(*self.http.post(path, data, self.eim_headers(data)))

    def cmp(self, path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        return Answer(*self.http.post(path, self.encode(body), headers))


def poll(call, finished):
    """Calls `call` until `finished(answer)`, a failure, or POLL_LIMIT_S; returns (answer, n)."""
    deadline = time.time() + POLL_LIMIT_S
    polls = 0
    while True:
        polls += 1
        # Every poll is a new signed request with its own request id.
        answer = call()
        if not answer.succeeded or finished(answer) or time.time() > deadline:
            return answer, polls
        time.sleep(POLL_INTERVAL_S)


class Report:
    """Prints one line per call and remembers whether every call went as expected."""

    def __init__(self):
        self.ok = True

    def line(self, op, http_status, success, code, expected=True, **facts):
        entry = {"op": op, "http": http_status, "success": success, "code": code}
        entry.update(facts)
        print(json.dumps(entry), flush=True)
        if success is not expected:
            self.ok = False
        return success is expected

    def rsp(self, op, answer, expected=True, **facts):
        code = answer.envelope.get("code")
        return self.line(op, answer.status, answer.succeeded, code, expected, **facts)

    def eim(self, op, answer, expected=True, **facts):
        # eIM puts its code in `status`: 200 on success, an Appendix 4 code otherwise.
        code = answer.envelope.get("status")
        return self.line(op, answer.status, answer.succeeded, code, expected, **facts)

    def require(self, condition):
        """A check beyond the envelope (e.g. a batch's outcome); stops the flow when false."""
        if not condition:
            self.ok = False
        return condition


def run_flow(client, series, report):
    v1 = iccid_of(series, 1)

    # 1. Single generate, v1 path, with a QR link.
    body = dict(sim_record(series, 1), configName=CONFIG_NAME, needAcLink=True)
    answer = client.rsp("/api/v1/ac/generate", body)
    v1_code = answer.obj.get("activationCode")  # kept for the eIM import, never printed
    if not report.rsp("generate_v1", answer, iccid=answer.obj.get("iccid"),
                      hasActivationCode=isinstance(v1_code, str),
                      hasAcLink="acLink" in answer.obj):
        return

    # 2. Single generate, v2 path, with the optional `ara` and a PNN with a non-ASCII letter,
    # which json.dumps sends as a \u escape: the signature covers the escape as sent.
    body = dict(sim_record(series, 2), configName=CONFIG_NAME, encryptionMode=1,
                msidn="447700900002", spn="Simlessly", pnn="Simlessly M\u00f3vil",
                hplmnList=["00101"], ara=TEST_ARA)
    answer = client.rsp("/api/v2/ac/generate", body)
    if not report.rsp("generate_v2", answer, iccid=answer.obj.get("iccid"),
                      hasActivationCode=isinstance(answer.obj.get("activationCode"), str)):
        return

    # 3. Batch generate, then poll batch info until the batch is COMPLETE.
    records = [sim_record(series, 3), sim_record(series, 4)]
    body = {"configName": CONFIG_NAME, "encryptionMode": 1, "needAcLink": False,
            "metaDatas": records}
    answer = client.rsp("/api/v1/ac/generateByBatch", body)
    batch_code = answer.obj.get("batchCode")
    if not report.rsp("batch_generate", answer, batchCode=batch_code,
                      iccids=[record["iccid"] for record in records]):
        return

    def batch_status(answer):
        return (answer.obj.get("batchTaskInfo") or {}).get("status")

    answer, polls = poll(lambda: client.rsp("/api/v1/batch/info", {"batchCode": batch_code}),
                         lambda answer: batch_status(answer) == "COMPLETE")
    results = [r for r in answer.obj.get("results") or [] if isinstance(r, dict)]
    succeeded = [r for r in results if r.get("success") is True]
    if not report.rsp("batch_info", answer, batchStatus=batch_status(answer), polls=polls,
                      succeeded=len(succeeded), total=len(results),
                      allHaveActivationCode=all(
                          isinstance(r.get("activationCode"), str) for r in succeeded)):
        return
    if not report.require(batch_status(answer) == "COMPLETE" and len(succeeded) == 2):
        return

    # 4. Profile detail and profile log of the v1 profile.
    answer = client.rsp("/api/v1/profile/detail", {"iccid": v1})
    if not report.rsp("profile_detail", answer, iccid=answer.obj.get("iccid"),
                      profileStatus=answer.obj.get("status")):
        return

    body = {"iccid": v1, "pageParam": {"pageNum": 1, "pageSize": 20}}
    answer = client.rsp("/api/v1/profile/log", body)
    logs = [entry for entry in answer.obj.get("profileLogs") or [] if isinstance(entry, dict)]
    if not report.rsp("profile_log", answer, iccid=v1, logs=len(logs),
                      statuses=[entry.get("status") for entry in logs]):
        return

    # 5. eIM: import the v1 activation code (as a team moving RSP codes into its eIM would),
    # then poll the batch task until it is no longer PROCESSING.
    body = {"acInfos": [{"iccid": v1, "ac": v1_code, "apn": "internet", "mon": EIM_OPERATOR}]}
    answer = client.eim("/api/v1/open/esim/batch/importAc", body)
    batch_id = answer.obj.get("batchId")
    if not report.eim("eim_import_ac", answer, batchId=batch_id, iccid=v1):
        return

    answer, polls = poll(lambda: client.eim("/api/v1/open/esim/batch/info", {"batchId": batch_id}),
                         lambda answer: answer.obj.get("status") != "PROCESSING")
    task = answer.obj
    items = [item for item in task.get("batchInfoDataList") or [] if isinstance(item, dict)]
    if not report.eim("eim_batch_info", answer, taskStatus=task.get("status"), polls=polls,
                      succeeded=task.get("success"),
                      reasons=[item.get("reason") for item in items]):
        return
    if not report.require(task.get("status") == "PROCESSED" and task.get("success") == 1):
        return

    # 6. CMP: exchange the client credentials for a token, then use it once as a bearer.
    body = {"clientId": client.cmp_id, "clientSecret": client.cmp_secret}
    answer = client.cmp("/api/v1/external/oauth/token", body)
    issued = answer.body if answer.status == 200 and isinstance(answer.body, dict) else {}
    token = issued.get("token")
    # CMP has no envelope: a 200 carrying a token is the success. The token is never printed.
    if not report.line("cmp_token", answer.status, isinstance(token, str) and token != "", None,
                       tokenType=issued.get("tokenType"), expireIn=issued.get("expireIn")):
        return

    answer = client.cmp("/api/v1/external/device/sim/details", {"iccidList": [v1]}, token=token)
    devices = answer.body.get("deviceList") if isinstance(answer.body, dict) else None
    report.line("cmp_sim_details", answer.status,
                answer.status == 200 and isinstance(devices, list), None,
                devices=len(devices) if isinstance(devices, list) else None)


def run_tamper(client, series, report):
    """Sends requests whose body changed after it was signed: each must be refused."""
    iccid = iccid_of(series, 9)
    body = dict(sim_record(series, 9), configName=CONFIG_NAME)

    # a) One value changed after signing: the last digit of the ICCID (9 -> 8).
    signed = client.encode(body)
    headers = client.rsp_headers(signed)
    altered = signed.replace(iccid.encode("ascii"), iccid_of(series, 8).encode("ascii"))
    answer = Answer(*client.http.post("/api/v1/ac/generate", altered, headers))
    report.rsp("generate_v1_value_altered", answer, expected=False, iccid=iccid)

    # b) The same JSON re-serialized compactly after signing: equal as JSON, other bytes. A
    # server that verified a re-serialization instead of the bytes received would accept it.
    signed = client.encode(body)
    headers = client.rsp_headers(signed)
    compact = json.dumps(body, separators=(",", ":")).encode("utf-8")
    answer = Answer(*client.http.post("/api/v1/ac/generate", compact, headers))
    report.rsp("generate_v1_whitespace_altered", answer, expected=False, iccid=iccid)

    # c) eIM: a value changed after signing (the APN).
    ac = "1$rsp.example.test$0A1B2C3D4E5F60718293A4B5C6D7E8F9"
    body = {"acInfos": [{"iccid": iccid, "ac": ac, "apn": "internet"}]}
    signed = client.encode(body)
    headers = client.eim_headers(signed)
    altered = signed.replace(b'"internet"', b'"intranet"')
    answer = Answer(*client.http.post("/api/v1/open/esim/batch/importAc", altered, headers))
    report.eim("eim_import_ac_value_altered", answer, expected=False, iccid=iccid)


def main(argv):
    args = [arg for arg in argv[1:] if not arg.startswith("--")]
    flags = [arg for arg in argv[1:] if arg.startswith("--")]
    if not 1 <= len(args) <= 2 or any(flag != "--tamper" for flag in flags):
        sys.stderr.write("usage: simlessly_client.py BASE_URL [SERIES] [--tamper]\n")
        return 2
    series = int(args[1]) if len(args) > 1 else 1
    client = SimlesslyClient(args[0])
    report = Report()
    if "--tamper" in flags:
        run_tamper(client, series, report)
    else:
        run_flow(client, series, report)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
