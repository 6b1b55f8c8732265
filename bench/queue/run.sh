#!/usr/bin/env bash
# Queue benchmark of issue 4: every strategy on the seeded workloads W1/W2/W3 (tiers 5/15/45/120 minutes,
# 48 simulated hours), a Markdown table with ratios to the oracle and a check of gatekeeper's targets.
#
#   bench/queue/run.sh                         # 48 hours, seed 1, all strategies; table on stdout
#   bench/queue/run.sh --seeds 3 --out /tmp/queue.md
#   bench/queue/run.sh --hours 12 --strategies gatekeeper,oracle
#
# Works offline: compiles the service's test classes with Maven (-o) and runs the benchmark's main class with
# the test classpath. Progress (seconds per run) goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cp_file="$root/gatekeeper-service/target/bench-classpath.txt"
mvn -B -o -q test-compile dependency:build-classpath -pl gatekeeper-service -am \
    -Dmdep.outputFile="$cp_file" >&2
exec java -Xss8m -cp "gatekeeper-service/target/test-classes:gatekeeper-service/target/classes:$(cat "$cp_file")" \
    io.gatekeeper.sim.QueueBenchmark "$@"
