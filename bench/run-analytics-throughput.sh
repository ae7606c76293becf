#!/usr/bin/env bash
# Issue 5's benchmark: analytics-service events/s into committed rollups vs Kafka's
# ConsumerPerformance on the same topic, and the freshness of per-second rollups.
# Usage: bench/run-analytics-throughput.sh [N events, default 20000] [freshness seconds, default 30]
#        [service JVM flags: local (as ./livelink up, default) | deployment (as the container image)]
#        [warm-up events consumed before the measured ones, default 2000000: on 2 cores the JIT is
#         still compiling a third of the service's CPU after fewer; the bench then waits for it to settle]
#        [event order: ordered (a backlog in time order, default) | interleaved (every batch corrects every window)]
#        [viewer mix: pairs (a JOIN and its LEAVE, default) | watching (a JOIN, a heartbeat every 15 s for 90 s, a LEAVE)]
# LIVELINK_BENCH_JAVA_OPTS="-Dlivelink.postgres.statementStats=true" also prints PostgreSQL's
# statements by execution time (pg_stat_statements); -Dlivelink.postgres.serverConfig="name=value;..."
# sets more server settings, e.g. auto_explain's to log how the slow statements ran;
# -Dlivelink.bench.liveAudience=N adds N viewers heartbeating in real time to the freshness phase
# and prints the service's and PostgreSQL's CPU per second over it.
# Leave nothing else running on the machine while it measures. Results: bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f analytics-service/target/quarkus-app/quarkus-run.jar || ! -f bench/target/classpath.txt ]]; then
  ./mvnw -B -q package -DskipTests -pl analytics-service,local-platform,bench -am
fi
exec java -Xmx1g ${LIVELINK_BENCH_JAVA_OPTS:-} -Dlivelink.checkout="$PWD" \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.livelink.platform.AnalyticsThroughputBench "${1:-20000}" "${2:-30}" "${3:-local}" "${4:-2000000}" "${5:-ordered}" "${6:-pairs}"
