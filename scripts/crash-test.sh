#!/usr/bin/env bash
# Crash test: start the server, stream writes through the API, kill the server with SIGKILL at a
# random moment, restart, and check that `sunlight verify` passes and that no acknowledged write
# (HTTP 201) is missing. Repeats N times (default 20) and prints "N runs, N verified, 0 lost".
# Loopback only; every loop is bounded in count and time.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
BIN=${SUNLIGHT_BIN:-.build/debug/sunlight}
[ -x "$BIN" ] || swift build --product sunlight >/dev/null
PORT=${SUNLIGHT_CRASH_PORT:-18931}
DIR=$(mktemp -d /tmp/sunlight-crash.XXXXXX)
DB="$DIR/crash.sqlite"
ACKED="$DIR/acked.txt"
: > "$ACKED"
SERVER=""
WRITER=""
cleanup() {
  [ -n "$WRITER" ] && kill "$WRITER" 2>/dev/null || true
  [ -n "$SERVER" ] && kill -9 "$SERVER" 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT

"$BIN" migrate --database "$DB" >/dev/null 2>&1
echo "crash-test-password" | "$BIN" user add --database "$DB" --username writer --role admin --password-stdin >/dev/null 2>&1
TOKEN=$("$BIN" token create --database "$DB" --user writer 2>/dev/null)

verified=0
lost=0
for run in $(seq 1 "$RUNS"); do
  "$BIN" serve --database "$DB" --port "$PORT" --checkpoint-minutes 0 >"$DIR/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  (
    for i in $(seq 1 2000); do
      code="C${run}X${i}"
      status=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/v1/units" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"unit_code\": \"$code\", \"name\": \"压力测试单位 $run-$i\", \"kind\": \"department\"}" || true)
      [ "$status" = "201" ] && echo "$code" >> "$ACKED"
    done
  ) &
  WRITER=$!
  sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 0.3 + rand() * 1.7 }')"
  kill -9 "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
  kill "$WRITER" 2>/dev/null || true
  wait "$WRITER" 2>/dev/null || true
  WRITER=""

  if "$BIN" verify --database "$DB" >"$DIR/verify.log" 2>&1; then
    verified=$((verified + 1))
  else
    echo "run $run: verify failed" >&2
    cat "$DIR/verify.log" >&2
  fi
  missing=$(python3 - "$DB" "$ACKED" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
present = {row[0] for row in db.execute("SELECT unit_code FROM units")}
acked = [line.strip() for line in open(sys.argv[2]) if line.strip()]
print(sum(1 for code in acked if code not in present))
PY
)
  lost=$((lost + missing))
done
writes=$(wc -l < "$ACKED")
echo "$writes acknowledged writes"
echo "$RUNS runs, $verified verified, $lost lost"
[ "$verified" = "$RUNS" ] && [ "$lost" = 0 ]
