#!/bin/sh
# A Simlessly API client as a shell-scripting team would write it: POSIX sh, curl for HTTP and
# `openssl dgst -sha256 -hmac` for the signatures, nothing else (no jq, no Python). It shares
# no code with this repository; both signing schemes are re-implemented from the public docs:
#
#   RSP (docs "Signature" page): Signature = HMAC-SHA256(SecretKey,
#       Timestamp + RequestID + AccessKey + body), hex (upper case, like the docs' Java
#       sample), headers AccessKey / Timestamp / RequestID / Signature.
#   eIM (Appendix 1): signature = HMAC-SHA256(ackey, public-key + timestamp + request-id +
#       body), lower-case hex, headers signature / public-key / request-id / version /
#       authorization / sign-method / content-type / timestamp.
#   CMP: POST clientId + clientSecret for a token, then `Authorization: Bearer <token>`.
#
# Usage: simlessly-curl.sh BASE_URL [SERIES]
# Credentials come from the environment, with the sandbox's variable names:
#   RSP  SIMLESSLY_ACCESS_KEY SIMLESSLY_SECRET_KEY
#   eIM  SIMLESSLY_EIM_ACCESS_KEY SIMLESSLY_EIM_SECRET_KEY (the "ackey") SIMLESSLY_EIM_TOKEN
#   CMP  SIMLESSLY_CMP_CLIENT_ID SIMLESSLY_CMP_CLIENT_SECRET
# SERIES (0-9999, default 2) picks the ICCIDs: "8988" + SERIES (4 digits) + index (12 digits),
# IMSI "00101" + SERIES (4 digits) + index (6 digits); index 1 = v1, 2 = v2, 3 and 4 = batch.
#
# Output: one JSON line per call (operation, HTTP status, envelope success and code, and
# facts that are not secret). Never a Ki, an OPc, an activation code, a token or a key.
# Exit status 0 when every call succeeded, 1 at the first one that did not.
#
# Caveat: `openssl dgst -hmac KEY` takes the key on its command line, and curl its headers
# (the eIM token, the CMP bearer), so they are visible to other users' `ps` on this machine
# while those commands run. Fine for a sandbox on loopback; on a shared host, use a client
# that reads its secrets from files.

set -eu

base_url=${1:?usage: simlessly-curl.sh BASE_URL [SERIES]}
series=${2:-2}
base_url=${base_url%/}

rsp_key=${SIMLESSLY_ACCESS_KEY:?}
rsp_secret=${SIMLESSLY_SECRET_KEY:?}
eim_key=${SIMLESSLY_EIM_ACCESS_KEY:?}
eim_secret=${SIMLESSLY_EIM_SECRET_KEY:?}
eim_token=${SIMLESSLY_EIM_TOKEN:?}
cmp_id=${SIMLESSLY_CMP_CLIENT_ID:?}
cmp_secret=${SIMLESSLY_CMP_CLIENT_SECRET:?}

# Test SIM keys (not real ones): sent, never printed.
ki=00112233445566778899AABBCCDDEEFF
opc=FFEEDDCCBBAA99887766554433221100
ara=E22EE12CC11430F9A11C29A43F1D3E95B47A38B0C4E1C2A0B9F0E1D2C3B4A5968778E30C8E0A4F0102
config=templateRegular01 # a configuration the sandbox knows (regular type)
operator='Simlessly Mobile' # an eIM operator (`mon`) the sandbox knows

iccid_of() { printf '8988%04d%012d' "$series" "$1"; }
imsi_of() { printf '00101%04d%06d' "$series" "$1"; }

# Millisecond timestamp. POSIX `date` has no sub-second field (%N is GNU only), so seconds
# with three zeros: still the 13-digit form the docs show, and well inside the 10 minutes
# of skew the platform allows.
timestamp_ms() { printf '%s000' "$(date +%s)"; }

# A dashed UUID v4 from openssl's random bytes (no uuidgen, no /proc: portable). The server
# refuses a request id it has seen, so every request, every poll, gets a new one.
hex_part() { printf '%s' "$hex" | cut -c"$1"; }
new_uuid() {
  hex=$(openssl rand -hex 16)
  variant=$(hex_part 17 | tr '0123456789abcdef' '89ab89ab89ab89ab')
  printf '%s-%s-4%s-%s%s-%s' \
    "$(hex_part 1-8)" "$(hex_part 9-12)" "$(hex_part 14-16)" "$variant" "$(hex_part 18-20)" \
    "$(hex_part 21-32)"
}

# HMAC-SHA256 of stdin keyed with $1, as lower-case hex. The digest is the last field,
# whatever openssl's version prints before it ("SHA2-256(stdin)= ", "(stdin)= ", nothing).
hmac_hex() { openssl dgst -sha256 -hmac "$1" | awk '{ print $NF }'; }

# POSTs $body (sent byte for byte: on curl's stdin, with --data-binary, which keeps newlines)
# to the path $1, with the curl arguments that follow; sets $http and $answer.
post() {
  url=$base_url$1
  shift
  if ! response=$(printf '%s' "$body" | curl -sS --max-time 10 -X POST "$url" \
    -H 'Content-Type: application/json' "$@" --data-binary @- -w '\n%{http_code}'); then
    http=0 # no HTTP answer at all (curl said why on stderr)
    answer=
    return 0
  fi
  http=$(printf '%s\n' "$response" | tail -n 1)
  answer=$(printf '%s\n' "$response" | sed '$d')
}

# `printf '%s'` signs exactly the bytes of $body, with no newline added.
rsp_post() {
  ts=$(timestamp_ms)
  rid=$(new_uuid)
  sig=$(printf '%s%s%s%s' "$ts" "$rid" "$rsp_key" "$body" | hmac_hex "$rsp_secret" \
    | tr 'a-f' 'A-F')
  post "$1" -H "AccessKey: $rsp_key" -H "Timestamp: $ts" -H "RequestID: $rid" \
    -H "Signature: $sig"
}

eim_post() {
  ts=$(timestamp_ms)
  rid=$(new_uuid)
  sig=$(printf '%s%s%s%s' "$eim_key" "$ts" "$rid" "$body" | hmac_hex "$eim_secret")
  post "$1" -H "signature: $sig" -H "public-key: $eim_key" -H "request-id: $rid" \
    -H 'version: 1.0' -H "authorization: $eim_token" -H 'sign-method: HMAC-SHA256' \
    -H "timestamp: $ts"
}

# Reads one field of the JSON answer with sed (no jq on a bare machine): a string value
# (json_str) or a bare number or boolean (json_raw). sed's greedy `.*` makes the last
# occurrence on the line win; every field read below occurs once in its answer (where a
# name repeats, as eIM's numeric envelope `status` beside the task's quoted one, the two
# patterns tell them apart).
json_str() {
  printf '%s' "$answer" | sed -n "s/.*\"$1\" *: *\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}
json_raw() {
  printf '%s' "$answer" | sed -n "s/.*\"$1\" *: *\\([-0-9a-z.][-0-9a-z.]*\\).*/\\1/p" \
    | head -n 1
}
# Counts the matches of an extended regular expression in the answer (awk's gsub returns how
# many it replaced; `grep -o` would do, but is not POSIX).
count() { printf '%s\n' "$answer" | awk -v re="$1" '{ n += gsub(re, "") } END { print n + 0 }'; }
has() { printf '%s' "$answer" | grep -q "$1"; }

# Prints the line of one call: op, http, success, code, then the JSON members in $2 (may be
# empty). Stops the script unless the call succeeded. $product says where the code is.
report() {
  success=false
  if [ "$http" = 200 ] && has '"success" *: *true'; then success=true; fi
  case $product in
    rsp) code=$(json_str code); [ -z "$code" ] || code="\"$code\"" ;;
    eim) code=$(json_raw status) ;; # eIM's code is the numeric `status` of its envelope
    *) code=null ;;
  esac
  [ -n "$code" ] || code=null
  printf '{"op": "%s", "http": %s, "success": %s, "code": %s%s}\n' \
    "$1" "${http:-0}" "$success" "$code" "${2:+, $2}"
  [ "$success" = true ] || exit 1
}

v1=$(iccid_of 1)
v2=$(iccid_of 2)
b1=$(iccid_of 3)
b2=$(iccid_of 4)

# 1. Single generate, v1 path: compact JSON, as written by hand.
product=rsp
body=$(printf '{"configName":"%s","needAcLink":true,"iccid":"%s","imsi":"%s","ki":"%s","opc":"%s"}' \
  "$config" "$v1" "$(imsi_of 1)" "$ki" "$opc")
rsp_post /api/v1/ac/generate
v1_code=$(json_str activationCode) # kept for the eIM import below, never printed
has_code=false
[ -z "$v1_code" ] || has_code=true
report generate_v1 "\"iccid\": \"$(json_str iccid)\", \"hasActivationCode\": $has_code"

# 2. Single generate, v2 path, with the optional `ara` (hex). The body is pretty-printed over
# several lines and has a raw UTF-8 letter in the SPN: the signature covers the newlines,
# the indentation and the two bytes of the letter exactly as sent.
body=$(cat <<EOF
{
  "configName": "$config",
  "iccid": "$v2",
  "imsi": "$(imsi_of 2)",
  "ki": "$ki",
  "opc": "$opc",
  "spn": "Simlessly Café",
  "ara": "$ara"
}
EOF
)
rsp_post /api/v2/ac/generate
has_code=false
[ -z "$(json_str activationCode)" ] || has_code=true
report generate_v2 "\"iccid\": \"$(json_str iccid)\", \"hasActivationCode\": $has_code"

# 3. Batch generate (the second record without its optional OPc), then poll batch info until
# the batch is COMPLETE.
record='{"iccid":"%s","imsi":"%s","ki":"%s"%s}'
body=$(printf '{"configName":"%s","encryptionMode":1,"metaDatas":[%s,%s]}' "$config" \
  "$(printf "$record" "$b1" "$(imsi_of 3)" "$ki" ",\"opc\":\"$opc\"")" \
  "$(printf "$record" "$b2" "$(imsi_of 4)" "$ki" '')")
rsp_post /api/v1/ac/generateByBatch
batch_code=$(json_str batchCode)
report batch_generate "\"batchCode\": \"$batch_code\", \"iccids\": [\"$b1\", \"$b2\"]"

polls=0
while :; do
  polls=$((polls + 1))
  body=$(printf '{"batchCode":"%s"}' "$batch_code")
  rsp_post /api/v1/batch/info
  batch_status=$(json_str status)
  # Stop on an error, on COMPLETE, or after about 15 s (150 polls, 0.1 s apart).
  if [ "$http" != 200 ] || [ "$batch_status" = COMPLETE ] || [ "$polls" -ge 150 ]; then break; fi
  sleep 0.1 2>/dev/null || sleep 1 # a fractional sleep is not POSIX; fall back to 1 s
done
# The envelope's own "success": true is one of the matches; the others are the records'.
succeeded=$(($(count '"success" *: *true') - 1))
report batch_info "\"batchStatus\": \"$batch_status\", \"polls\": $polls, \"succeeded\": $succeeded"
[ "$batch_status" = COMPLETE ] && [ "$succeeded" -eq 2 ] || exit 1

# 4. Profile detail and profile log of the v1 profile.
body=$(printf '{"iccid":"%s"}' "$v1")
rsp_post /api/v1/profile/detail
report profile_detail "\"iccid\": \"$(json_str iccid)\", \"profileStatus\": \"$(json_str status)\""

body=$(printf '{"iccid":"%s","pageParam":{"pageNum":1,"pageSize":20}}' "$v1")
rsp_post /api/v1/profile/log
report profile_log "\"iccid\": \"$v1\", \"logs\": $(count '"createTime"')"

# 5. eIM: import the v1 activation code, then poll the batch task until it is processed.
product=eim
body=$(printf '{"acInfos":[{"iccid":"%s","ac":"%s","apn":"internet","mon":"%s"}]}' \
  "$v1" "$v1_code" "$operator")
eim_post /api/v1/open/esim/batch/importAc
batch_id=$(json_raw batchId)
report eim_import_ac "\"batchId\": ${batch_id:-null}, \"iccid\": \"$v1\""

polls=0
while :; do
  polls=$((polls + 1))
  body=$(printf '{"batchId":%s}' "$batch_id")
  eim_post /api/v1/open/esim/batch/info
  # The envelope's `status` is a number; the task's is the only quoted one.
  task_status=$(json_str status)
  if [ "$http" != 200 ] || [ "$task_status" != PROCESSING ] || [ "$polls" -ge 150 ]; then break; fi
  sleep 0.1 2>/dev/null || sleep 1
done
reason=$(json_str reason)
report eim_batch_info "\"taskStatus\": \"$task_status\", \"polls\": $polls, \"reason\": \"$reason\""
[ "$task_status" = PROCESSED ] || exit 1

# 6. CMP: a token for the client credentials, then one call with it as a bearer. CMP has no
# envelope: a 200 with a token (then with a device list) is the success. The token is never
# printed, and the body with the client secret reaches curl on stdin, not on its command line.
product=cmp
body=$(printf '{"clientId":"%s","clientSecret":"%s"}' "$cmp_id" "$cmp_secret")
post /api/v1/external/oauth/token
token=$(json_str token)
facts="\"tokenType\": \"$(json_str tokenType)\", \"expireIn\": \"$(json_str expireIn)\""
if [ "$http" = 200 ] && [ -n "$token" ]; then answer='{"success":true}'; fi
report cmp_token "$facts"

body=$(printf '{"iccidList":["%s"]}' "$v1")
post /api/v1/external/device/sim/details -H "Authorization: Bearer $token"
if [ "$http" = 200 ] && has '"deviceList"'; then answer='{"success":true}'; fi
report cmp_sim_details ""
