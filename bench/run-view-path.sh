#!/usr/bin/env bash
# Issue 13's benchmark of the view path, in one run: wrk against link-service's trivial endpoint,
# resolve and heartbeat (container-image JVM flags, warmed up), then a 30 s broker outage in the
# middle of 60 s of resolves: every 200 must have its JOIN on the topic and be counted once.
# Usage: bench/run-view-path.sh [runs=3] [seconds=15] [connections=64]
# Needs wrk (Debian: apt-get install wrk). Leave nothing else running. Results: bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
if [[ ! -f link-service/target/quarkus-app/quarkus-run.jar || ! -f analytics-service/target/quarkus-app/quarkus-run.jar || ! -f bench/target/classpath.txt ]]; then
  ./mvnw -B -q package -DskipTests -pl link-service,analytics-service,local-platform,bench -am
fi
# This checkout's own modules first: a snapshot installed from another checkout must not stand in.
own="bench/target/classes:local-platform/target/classes:test-support/target/classes:event-contracts/target/classes"
# LIVELINK_BENCH_SERVICE_CORES=1: link-service alone on core 1, everything else (this JVM with the
# broker and PostgreSQL, wrk) on LIVELINK_BENCH_OTHER_CORES (default 0).
pin=()
if [[ -n "${LIVELINK_BENCH_SERVICE_CORES:-}" ]]; then
  pin=(taskset -c "${LIVELINK_BENCH_OTHER_CORES:-0}")
fi
exec "${pin[@]}" java -Xmx1g -Dlivelink.checkout="$PWD" \
  -cp "$own:$(cat bench/target/classpath.txt)" \
  io.livelink.platform.ViewPathBench "${1:-3}" "${2:-15}" "${3:-64}"
