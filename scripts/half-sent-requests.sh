#!/usr/bin/env bash
# Opens COUNT connections to a local Sunlight server, each sending half a request head and
# then nothing, and checks that /healthz still answers (issue 18: 300 half-sent requests used to
# make a server with 256 descriptors unreachable). Loopback only; the count is bounded.
#   scripts/half-sent-requests.sh [PORT] [COUNT]      (default 8080, 300; COUNT at most 1000)
set -euo pipefail
port=${1:-8080}
count=${2:-300}
[ "$count" -le 1000 ] || { echo "at most 1000 connections" >&2; exit 2; }
ulimit -n $((count + 64)) 2>/dev/null || true
fds=()
for _ in $(seq "$count"); do
  exec {fd}<>"/dev/tcp/127.0.0.1/$port" || break
  printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ' >&"$fd"
  fds+=("$fd")
done
echo "opened ${#fds[@]} half-sent connections"
start=$(date +%s)
if code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "http://127.0.0.1:$port/healthz"); then :; fi
echo "/healthz answered ${code:-nothing} after $(( $(date +%s) - start )) s"
for fd in "${fds[@]}"; do exec {fd}>&-; done
[ "${code:-}" = 200 ]
