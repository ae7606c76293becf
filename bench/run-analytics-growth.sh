#!/usr/bin/env bash
# Issue 14's growth benchmark: each analytics query and export of one stream or tenant with 1x and
# 10x the history in the database (10x the days); each should stay within 2x.
# Usage: bench/run-analytics-growth.sh [days of history at 1x, default 30] [calls per endpoint, median, default 15]
#        [service JVM flags: deployment (as the container image, default) | local (as ./livelink up)]
# Run it under the machine's build lock so nothing else measures or builds meanwhile:
#   flock /tmp/livelink-build.lock bench/run-analytics-growth.sh
# Results: bench/RESULTS.md; EXPLAIN plans: bench/target/logs/analytics-growth-explain.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f analytics-service/target/quarkus-app/quarkus-run.jar || ! -f bench/target/classpath.txt ]]; then
  echo "package first: ./mvnw -B -ntp -o -q package -DskipTests -pl analytics-service,local-platform,bench -am" >&2
  exit 2
fi
# This checkout's own modules first: a snapshot installed from another checkout must not stand in.
own="bench/target/classes:local-platform/target/classes:test-support/target/classes:event-contracts/target/classes"
exec java -Xmx1g -Dlivelink.checkout="$PWD" \
  -cp "$own:$(cat bench/target/classpath.txt)" \
  io.livelink.platform.AnalyticsGrowthBench "${1:-30}" "${2:-15}" "${3:-deployment}"
