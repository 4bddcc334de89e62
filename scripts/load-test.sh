#!/usr/bin/env bash
# Bounded load test over loopback: serves the demo county, then runs wrk against the findings list
# (signed in), the public portal's report form and an API list (bearer token), and prints each
# one's requests/s, p50, p99 and errors. Needs wrk (Debian: apt-get install wrk).
#   scripts/load-test.sh [seconds per endpoint, default 10] [connections, default 16]
# SUNLIGHT_BIN picks the binary (default .build/release/sunlight, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-10}
CONNECTIONS=${2:-16}
BIN=${SUNLIGHT_BIN:-.build/release/sunlight}
[ -x "$BIN" ] || swift build -c release --product sunlight >/dev/null
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
PORT=${SUNLIGHT_LOAD_PORT:-18941}
DIR=$(mktemp -d /tmp/sunlight-load.XXXXXX)
DB="$DIR/demo.sqlite"
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT

"$BIN" serve --demo --database "$DB" --port "$PORT" --checkpoint-minutes 0 >"$DIR/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
echo "load-test-password" | "$BIN" user add --database "$DB" --username loadtest --role inspector --password-stdin >/dev/null 2>&1
TOKEN=$("$BIN" token create --database "$DB" --user loadtest 2>/dev/null)
JAR="$DIR/cookies"
CSRF=$(curl -s -c "$JAR" "http://127.0.0.1:$PORT/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null -X POST "http://127.0.0.1:$PORT/login" \
  --data-urlencode "username=loadtest" --data-urlencode "password=load-test-password" --data-urlencode "_csrf=$CSRF"
# curl writes HttpOnly cookies behind a "#HttpOnly_" prefix.
COOKIE=$(sed 's/^#HttpOnly_//' "$JAR" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }')

run() {
  local label=$1 path=$2; shift 2
  # wrk counts redirects as successes: make sure the endpoint answers 200 (signed in) first.
  local headers=()
  [ "${1:-}" = "-H" ] && headers=(-H "$2")
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' "${headers[@]}" "http://127.0.0.1:$PORT$path")
  [ "$status" = 200 ] || { echo "$label: $path answered $status, not 200" >&2; return 1; }
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$@" "http://127.0.0.1:$PORT$path")
  local rps p50 p99 non2xx errors
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  non2xx=$(echo "$out" | awk '/Non-2xx or 3xx/ { print $NF }')
  errors=$(echo "$out" | awk '/Socket errors/ { print }')
  printf '%-22s %8s req/s  p50 %8s  p99 %8s  non-2xx %s %s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}" "${errors:-}"
}
run "findings list" "/findings" -H "Cookie: $COOKIE"
run "portal report form" "/portal/report"
run "API people list" "/api/v1/people?per_page=50" -H "Authorization: Bearer $TOKEN"
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && echo "server still answering"

# Memory: the server's peak resident set (VmHWM) after the load, then after hostile uploads —
# an XLSX bomb (a 1 MiB package whose sheet inflates to 1 GiB) and a CSV whose one field is
# 40 MB. Both must be refused with a clear error and leave the peak bounded.
hwm() { awk '/VmHWM/ { printf "%d MiB", $2 / 1024 }' "/proc/$SERVER/status"; }
echo "peak memory after load: $(hwm)"
python3 - "$DIR" <<'PY'
import sys, zipfile
d = sys.argv[1]
parts = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="r1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}
with zipfile.ZipFile(f"{d}/bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text)
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        block = b" " * (1 << 20)
        for _ in range(1024):
            sheet.write(block)
        sheet.write(b"</sheetData></worksheet>")
with open(f"{d}/long-field.csv", "wb") as f:
    f.write(b"id_number,name,unit_code,category\n")
    f.write(b"110105194912310020," + b"x" * (40 << 20) + b",360426,civil_servant\n")
PY
for upload in bomb.xlsx long-field.csv; do
  status=$(curl -s -o "$DIR/answer" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" --data-binary @"$DIR/$upload" \
    "http://127.0.0.1:$PORT/api/v1/imports?dataset=people&file_name=$upload")
  code=$(grep -o '"code" *: *"[^"]*"' "$DIR/answer" | head -1 | sed 's/.*: *//')
  printf '%-16s %9s bytes  HTTP %s  %s  peak memory %s\n' "$upload" "$(stat -c %s "$DIR/$upload")" "$status" "${code:-}" "$(hwm)"
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && echo "server still answering"
