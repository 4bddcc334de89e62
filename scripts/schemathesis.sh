#!/usr/bin/env bash
# API fuzzing (issue 18): schemathesis against /api/v1/openapi.json of a demo server, with every
# check on (no 5xx, only documented statuses and content types, responses matching their
# schemas, requests the document allows accepted and those it forbids refused, 405 with Allow
# for undocumented methods, no data without authentication).
#
# Usage: scripts/schemathesis.sh [SEED ...]        (default: one run with seed 1)
#   SUNLIGHT_BIN               the built binary (default .build/debug/sunlight; built if missing)
#   SCHEMATHESIS_MAX_EXAMPLES  cases per operation and generation phase (default 20)
#   SCHEMATHESIS_USERS         demo accounts to run as (default "demo demo-inspector":
#                              the administrator, who may write, and an inspector, who may not)
#   SCHEMATHESIS_VENV          where schemathesis is installed from PyPI if missing
#                              (default /tmp/sunlight-schemathesis-venv; kept between runs)
#
# It starts `sunlight serve --demo --api-fuzzing` on a free loopback port in a temporary folder
# (the demo county in a fresh database), creates an API token for each user, runs schemathesis
# once per seed and user, stops the server, and exits non-zero if any run found a failure or an
# error. `--api-fuzzing` is accepted with --demo only: it raises the public portal's rate limits
# and makes receipt hashing cheap, so the reporting API is exercised rather than answered 429.
# scripts/schemathesis_hooks.py generates valid ID numbers and credit codes (the document's
# gb11643 and gb32100 formats); scripts/schemathesis.toml holds the one documented exception
# (an import's file content, which no schema describes). A run takes 2-4 minutes on 2 cores.
# Loopback only; every run is bounded in cases (--max-examples) and time (15 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=${SUNLIGHT_BIN:-.build/debug/sunlight}
[ -x "$BIN" ] || swift build --product sunlight >/dev/null
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-20}
USERS=${SCHEMATHESIS_USERS:-demo demo-inspector}
VENV=${SCHEMATHESIS_VENV:-/tmp/sunlight-schemathesis-venv}
VERSION=4.32.5
SEEDS=("$@")
[ ${#SEEDS[@]} -gt 0 ] || SEEDS=(1)

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$VERSION"; then
  echo "== installing schemathesis $VERSION into $VENV"
  [ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "schemathesis==$VERSION"
fi

DIR=$(mktemp -d /tmp/sunlight-schemathesis.XXXXXX)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$DIR"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$DIR" && exec "$BIN" serve --demo --port "$PORT" --checkpoint-minutes 0 --api-fuzzing) >"$DIR/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "schemathesis: the demo server did not start:" >&2
    tail -n 20 "$DIR/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "schemathesis: the demo server did not answer in 5 minutes" >&2; exit 1; }

runs=0
failed=0
for seed in "${SEEDS[@]}"; do
  for user in $USERS; do
    token=$("$BIN" token create --database "$DIR/sunlight-demo.sqlite" --user "$user" 2>/dev/null)
    echo "== schemathesis as $user, seed $seed, at most $MAX_EXAMPLES cases per operation"
    runs=$((runs + 1))
    set +e
    (cd "$DIR" && SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH="$ROOT/scripts" \
      timeout 900 "$VENV/bin/schemathesis" --config-file "$ROOT/scripts/schemathesis.toml" run \
      "http://127.0.0.1:$PORT/api/v1/openapi.json" -H "Authorization: Bearer $token" \
      --checks all --max-examples "$MAX_EXAMPLES" --seed "$seed" --generation-database none \
      --request-timeout 60 --no-color) >"$DIR/run.log" 2>&1
    status=$?
    set -e
    # The failures in full, then the summary.
    if [ "$status" != 0 ]; then
      failed=$((failed + 1))
      cat "$DIR/run.log"
    else
      sed -n '/SUMMARY/,$p' "$DIR/run.log"
    fi
  done
done
echo "schemathesis: $runs runs, $((runs - failed)) passed, $failed failed"
[ "$failed" = 0 ]
