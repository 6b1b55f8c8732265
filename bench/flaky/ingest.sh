#!/bin/sh
# Ingest throughput and listing latency on (embedded, or GATEKEEPER_TEST_PG_URL) PostgreSQL.
# Usage: bench/flaky/ingest.sh [EXECUTIONS]   (default 10000000 rows in test_execution)
set -eu
cd "$(dirname "$0")/../.."
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  nproc: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
free -h | head -2
mvn -B -o -q test -pl flaky-db -am -Dtest=IngestBenchmarkTest -Dgatekeeper.long=true \
    -Dbench.executions="${1:-10000000}"
cat flaky-db/target/surefire-reports/io.gatekeeper.flaky.bench.IngestBenchmarkTest-output.txt
