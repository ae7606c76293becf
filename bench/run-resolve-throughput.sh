#!/usr/bin/env bash
# Resolve throughput and latency of link-service against its cheapest endpoint (GET /), with wrk.
# Needs a running platform (./livelink up in another shell) and wrk (Debian: apt-get install wrk).
# Usage: bench/run-resolve-throughput.sh [runs=3] [seconds=15] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; seconds="${2:-15}"; connections="${3:-64}"
base="http://127.0.0.1:8081"
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
curl -sf "$base/" >/dev/null || { echo "link-service is not running at $base (./livelink up)" >&2; exit 1; }

token=$(./livelink token --role tenant-admin --tenant demo)
json() { python3 -c "import sys, json; print(json.load(sys.stdin)['$1'])"; }
stream=$(curl -sf -X POST "$base/streams" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"type":"H5","title":"resolve benchmark"}' | json id)
link=$(curl -sf -X POST "$base/streams/$stream/links" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"channel":"bench"}' | json url)
path="${link#http://127.0.0.1:8081}"

run() { # label url
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$2" \
    | awk -v label="$1" '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} /^ +50%/ {p50=$2} END {printf "%s %s %s %s\n", label, rps, p50, p99}'
}

echo "warming up …" >&2
wrk -t2 -c"$connections" -d10s "$base/" >/dev/null
wrk -t2 -c"$connections" -d10s "$base$path" >/dev/null
echo "label requests/s p50 p99"
for i in $(seq 1 "$runs"); do
  run trivial "$base/"
  run resolve "$base$path"
done
