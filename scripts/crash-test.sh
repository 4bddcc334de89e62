#!/usr/bin/env bash
# Crash test: start the server, stream writes through the API, kill the server with SIGKILL at a
# random moment, restart, and check that `sunlight verify` passes and that no acknowledged write
# (HTTP 201) is missing. Repeats N times (default 20) and prints "N runs, N verified, 0 lost".
# Then kills a command-line import N times and checks that the import is all or nothing.
# Then, N times: an import through the running server, a second SQLite client opening and closing
# the file, acknowledged writes, SIGKILL — and no acknowledged write may be missing (issue 18: the
# import's early writeback once dropped the server's locks, and the second client deleted the WAL).
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
IMPORTER=""
cleanup() {
  [ -n "$WRITER" ] && kill "$WRITER" 2>/dev/null || true
  [ -n "$IMPORTER" ] && kill -9 "$IMPORTER" 2>/dev/null || true
  [ -n "$SERVER" ] && kill -9 "$SERVER" 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT

# Starts the server on $DB in the background (SERVER) and waits until it answers.
start_server() {
  "$BIN" serve --database "$DB" --port "$PORT" --checkpoint-minutes 0 >"$DIR/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
}

# Creates unit $1 named $2 through the API; an acknowledged (201) code is appended to file $3.
post_unit() {
  local status
  status=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/v1/units" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"unit_code\": \"$1\", \"name\": \"$2\", \"kind\": \"department\"}" || true)
  if [ "$status" = "201" ]; then echo "$1" >> "$3"; fi
}

# How many unit codes listed in file $1 (acknowledged writes) are missing from $DB.
missing_of() {
  python3 - "$DB" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
present = {row[0] for row in db.execute("SELECT unit_code FROM units")}
acked = [line.strip() for line in open(sys.argv[2]) if line.strip()]
print(sum(1 for code in acked if code not in present))
PY
}

"$BIN" migrate --database "$DB" >/dev/null 2>&1
echo "crash-test-password" | "$BIN" user add --database "$DB" --username writer --role admin --password-stdin >/dev/null 2>&1
TOKEN=$("$BIN" token create --database "$DB" --user writer 2>/dev/null)

verified=0
lost=0
for run in $(seq 1 "$RUNS"); do
  start_server
  (
    for i in $(seq 1 2000); do
      post_unit "C${run}X${i}" "压力测试单位 $run-$i" "$ACKED"
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
  missing=$(missing_of "$ACKED")
  lost=$((lost + missing))
done
writes=$(wc -l < "$ACKED")
echo "$writes acknowledged writes"
echo "$RUNS runs, $verified verified, $lost lost"

# Then SIGKILL during a command-line import, which writes the file through a rollback journal
# (BulkJournal): the next open must roll the hot journal back, so the people table holds none
# of the file or, once an import finishes, all of it.
ROWS=100000
CSV="$DIR/people.csv"
make_people() {
python3 - "$1" "$2" "$3" <<'PY'
import datetime, sys
weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("id_number,name,unit_code,post,rank,category,is_leader,since,until\n")
    start = int(sys.argv[3])
    for i in range(start, start + int(sys.argv[2])):
        birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=i % 18000)
        first17 = "360426%s%03d" % (birth.strftime("%Y%m%d"), (i // 18000) % 1000)
        check = "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]
        out.write(f"{first17}{check},测试{i % 97},U{i % 50},科员,,other,否,2020-01-01,\n")
PY
}
make_people "$CSV" "$ROWS" 0
people() { python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM people').fetchone()[0])" "$DB"; }
import_verified=0
hot=0
for run in $(seq 1 "$RUNS"); do
  "$BIN" import --database "$DB" people "$CSV" >"$DIR/import.log" 2>&1 &
  IMPORTER=$!
  sleep "$(awk -v s="$RANDOM" 'BEGIN { srand(s); printf "%.2f", 0.5 + rand() * 2.0 }')"
  kill -9 "$IMPORTER" 2>/dev/null || true
  wait "$IMPORTER" 2>/dev/null || true
  IMPORTER=""
  [ -e "$DB-journal" ] && hot=$((hot + 1))
  if "$BIN" verify --database "$DB" >"$DIR/verify.log" 2>&1; then
    count=$(people)
    if [ "$count" = 0 ] || [ "$count" = "$ROWS" ]; then
      import_verified=$((import_verified + 1))
    else
      echo "import run $run: $count of $ROWS people rows after the kill" >&2
    fi
  else
    echo "import run $run: verify failed" >&2
    cat "$DIR/verify.log" >&2
  fi
done
"$BIN" import --database "$DB" people "$CSV" >"$DIR/import.log" 2>&1
"$BIN" verify --database "$DB" >"$DIR/verify.log" 2>&1 && [ "$(people)" = "$ROWS" ] || { echo "the finishing import did not verify" >&2; import_verified=-1; }
echo "$RUNS imports killed ($hot with a hot journal), $import_verified verified"

# An import through the server, then a second SQLite client, then acknowledged writes, then SIGKILL.
SMALL="$DIR/people-small.csv"
reader_verified=0
reader_lost=0
: > "$ACKED.server"
for run in $(seq 1 "$RUNS"); do
  make_people "$SMALL" 3000 $((200000 + run * 3000))
  start_server
  status=$(curl -s -m 120 -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/v1/imports?dataset=people" \
    -H "Authorization: Bearer $TOKEN" --data-binary "@$SMALL" || true)
  [ "$status" = "201" ] || echo "reader run $run: import answered $status" >&2
  # A second client opens the file, reads and closes: were the server's locks gone, its close
  # would checkpoint and delete the live WAL.
  python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT COUNT(*) FROM people').fetchone(); c.close()" "$DB"
  for i in $(seq 1 20); do
    post_unit "R${run}X${i}" "读者测试单位 $run-$i" "$ACKED.server"
  done
  kill -9 "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
  if "$BIN" verify --database "$DB" >"$DIR/verify.log" 2>&1; then
    reader_verified=$((reader_verified + 1))
  else
    echo "reader run $run: verify failed" >&2
    cat "$DIR/verify.log" >&2
  fi
  missing=$(missing_of "$ACKED.server")
  reader_lost=$((reader_lost + missing))
done
echo "$RUNS server imports with a second reader, $(wc -l < "$ACKED.server") acknowledged writes after them, $reader_verified verified, $reader_lost lost"
[ "$verified" = "$RUNS" ] && [ "$lost" = 0 ] && [ "$import_verified" = "$RUNS" ] && [ "$reader_verified" = "$RUNS" ] && [ "$reader_lost" = 0 ]
